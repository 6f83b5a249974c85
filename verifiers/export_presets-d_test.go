package verifiers

import (
	"crypto/x509"
	"encoding/pem"
	"os"

	"github.com/hookgate/hookgate/verifiers/internal/testroots"
)

// appStoreVectorRoots are the roots the apple_app_store vectors are signed
// under: Apple's test CA (from Apple's library tests) and the root
// generate_presets-d.py makes.
const appStoreVectorRoots = "../testdata/vectors/presets-d_appstore_roots.pem"

// init trusts the vector roots through the test hook, in this package's
// test binary only: a built gate never trusts them, and no option can.
func init() {
	b, err := os.ReadFile(appStoreVectorRoots)
	if err != nil {
		panic(err)
	}
	for {
		var block *pem.Block
		if block, b = pem.Decode(b); block == nil {
			break
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			panic(err)
		}
		testroots.TrustApple(c)
	}
}
