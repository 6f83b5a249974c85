package verifierstest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"math/big"
	"strings"
	"sync"
	"time"

	"github.com/hookgate/hookgate/verifiers"
	"github.com/hookgate/hookgate/verifiers/internal/testroots"
)

// App Store signing chains: a root, an intermediate and a leaf shaped like
// Apple's (the intermediate carries 1.2.840.113635.100.6.2.1, the leaf
// 1.2.840.113635.100.6.11.1), so that apple_app_store can be driven
// without Apple's keys. The first chain's root is trusted through the
// verifiers' internal test hook; the second's is not, so it signs "with
// another key".
var (
	appStoreOnce   sync.Once
	appStoreChains [2]AppStoreChain
)

// AppStoreChain is a test signing chain for apple_app_store.
type AppStoreChain struct {
	// Bundle is the signer's secret: the leaf's private key, then the
	// leaf, intermediate and root certificates, PEM.
	Bundle string
	// Root is the chain's root certificate.
	Root *x509.Certificate
}

// AppStoreTestChain returns test chain i (0 or 1), made once per process.
// Chain 0's root is trusted by apple_app_store verifiers built after the
// call; chain 1's never is.
func AppStoreTestChain(i int) AppStoreChain {
	appStoreOnce.Do(func() {
		for j := range appStoreChains {
			appStoreChains[j] = newAppStoreChain(j)
		}
	})
	testroots.TrustApple(appStoreChains[0].Root)
	return appStoreChains[i]
}

func newAppStoreChain(n int) AppStoreChain {
	notBefore := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	notAfter := time.Date(2045, 1, 1, 0, 0, 0, 0, time.UTC)
	mark := func(oid asn1.ObjectIdentifier) []pkix.Extension {
		return []pkix.Extension{{Id: oid, Value: []byte{0x05, 0x00}}} // ASN.1 NULL, as Apple's
	}
	type spec struct {
		name  string
		ca    bool
		extra []pkix.Extension
	}
	specs := []spec{
		{name: "root", ca: true},
		{name: "intermediate", ca: true, extra: mark(asn1.ObjectIdentifier{1, 2, 840, 113635, 100, 6, 2, 1})},
		{name: "leaf", extra: mark(asn1.ObjectIdentifier{1, 2, 840, 113635, 100, 6, 11, 1})},
	}
	var certs []*x509.Certificate
	var keys []*ecdsa.PrivateKey
	for i, sp := range specs {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			panic(err)
		}
		tmpl := &x509.Certificate{
			SerialNumber:          big.NewInt(int64(i + 1)),
			Subject:               pkix.Name{CommonName: "hookgate test App Store " + sp.name + " " + string(rune('A'+n))},
			NotBefore:             notBefore,
			NotAfter:              notAfter,
			BasicConstraintsValid: true,
			IsCA:                  sp.ca,
			ExtraExtensions:       sp.extra,
		}
		if sp.ca {
			tmpl.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
		} else {
			tmpl.KeyUsage = x509.KeyUsageDigitalSignature
		}
		parent, signer := tmpl, key
		if i > 0 {
			parent, signer = certs[i-1], keys[i-1]
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, signer)
		if err != nil {
			panic(err)
		}
		c, err := x509.ParseCertificate(der)
		if err != nil {
			panic(err)
		}
		certs, keys = append(certs, c), append(keys, key)
	}
	var b strings.Builder
	b.WriteString(PrivatePEM(keys[2]))
	for _, i := range []int{2, 1, 0} {
		b.Write(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: certs[i].Raw}))
	}
	return AppStoreChain{Bundle: b.String(), Root: certs[0]}
}

// appStoreCandidate signs with a test App Store chain, for presets that
// take neither a secret nor a public key but the options of Apple's
// SignedDataVerifier.
func appStoreCandidate(p verifiers.Preset, opts map[string]string) candidate {
	options := map[string]string{}
	for k, v := range opts {
		options[k] = v
	}
	for name, value := range map[string]string{"bundle_id": "com.example.hookgate", "app_apple_id": "1234567890"} {
		if p.HasOption(name) {
			options[name] = value
		}
	}
	return candidate{
		name: "app store x5c chain",
		sign: func(v int) verifiers.Settings {
			return verifiers.Settings{Secrets: [][]byte{[]byte(AppStoreTestChain(v).Bundle)}, Options: options}
		},
		verify: func(int) verifiers.Settings {
			AppStoreTestChain(0)
			return verifiers.Settings{Options: options}
		},
	}
}
