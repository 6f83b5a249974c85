package webhookcmd

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hookgate/hookgate/verifiers"
)

// The `caddy webhook keygen` and `caddy webhook providers` subcommands.

func keygenCommand() *cobra.Command {
	var alg, out string
	cmd := &cobra.Command{
		Use:   "keygen [--algorithm ed25519|ecdsa-p256|rsa] [--private-key-file <file>]",
		Short: "Makes a key pair for testing asymmetric schemes",
		Long: `
Makes a key pair to test a route of an asymmetric scheme (Discord: ed25519;
SendGrid: ecdsa-p256; AWS SNS, PayPal, Google Pub/Sub: rsa) end to end:
configure the public key (printed, PEM) as the route's public_key and sign
with the private key:
'caddy webhook sign --provider discord --secret-file <private key file>'.
For the presets whose keys are fetched from the provider (aws_sns, paypal,
google_pubsub), a pinned public_key replaces fetching, so such a test route
needs no network: 'caddy webhook keygen -a rsa --private-key-file k.pem >
pub.pem', then 'public_key {file.pub.pem}' on the route.
The private key is written to --private-key-file (mode 0600), or printed
first when none is given. Never use these keys in place of the provider's.
`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cmd.SilenceUsage = true
			priv, pub, err := generateKeyPair(alg)
			if err != nil {
				return err
			}
			if out == "" {
				cmd.OutOrStdout().Write(priv)
			} else if err := os.WriteFile(out, priv, 0o600); err != nil {
				return err
			}
			_, err = cmd.OutOrStdout().Write(pub)
			return err
		},
	}
	cmd.Flags().StringVarP(&alg, "algorithm", "a", "ed25519", "ed25519, ecdsa-p256 or rsa")
	cmd.Flags().StringVar(&out, "private-key-file", "", "write the private key here instead of printing it")
	return cmd
}

// generateKeyPair returns a PKCS#8 private key and a PKIX public key, PEM.
func generateKeyPair(alg string) (private, public []byte, err error) {
	var key any
	switch alg {
	case "ed25519":
		_, key, err = ed25519.GenerateKey(rand.Reader)
	case "ecdsa-p256", "p256":
		key, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case "rsa":
		key, err = rsa.GenerateKey(rand.Reader, 2048)
	default:
		return nil, nil, fmt.Errorf("unknown --algorithm %q (ed25519, ecdsa-p256, rsa)", alg)
	}
	if err != nil {
		return nil, nil, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, nil, err
	}
	signer, ok := key.(crypto.Signer)
	if !ok {
		return nil, nil, errors.New("key has no public half")
	}
	pubDER, err := x509.MarshalPKIXPublicKey(signer.Public())
	if err != nil {
		return nil, nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER}), nil
}

func providersCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "providers",
		Short: "Lists the providers webhook_verify knows, with their options",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			w := cmd.OutOrStdout()
			for _, name := range verifiers.Names() {
				p, _ := verifiers.Lookup(name)
				line := name
				if len(p.Options) > 0 {
					line += "  options: " + strings.Join(p.Options, ", ")
				}
				if len(p.RequiredOptions) > 0 {
					line += "  (required: " + strings.Join(p.RequiredOptions, ", ") + ")"
				}
				if p.SignsURL {
					line += "  [signs the URL]"
				}
				fmt.Fprintln(w, line)
			}
			return nil
		},
	}
}
