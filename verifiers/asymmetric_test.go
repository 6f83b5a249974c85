package verifiers

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"strings"
	"testing"
)

// RFC 8032 section 7.1, TEST 1.
const (
	rfc8032Seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
	rfc8032Pub  = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
	rfc8032Sig  = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
)

func TestEd25519RFC8032(t *testing.T) {
	pubBytes, _ := hex.DecodeString(rfc8032Pub)
	sig, _ := hex.DecodeString(rfc8032Sig)
	spki, _ := x509.MarshalPKIXPublicKey(ed25519.PublicKey(pubBytes))
	pemText := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: spki}))
	for name, form := range map[string]string{
		"hex": rfc8032Pub, "HEX": strings.ToUpper(rfc8032Pub), "base64": base64.StdEncoding.EncodeToString(pubBytes),
		"base64url": base64.RawURLEncoding.EncodeToString(pubBytes), "pem": pemText,
		"spki base64": base64.StdEncoding.EncodeToString(spki),
	} {
		keys, err := newPublicKeys(sigEd25519, []string{form})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !keys.Verify(nil, sig) {
			t.Errorf("%s: TEST 1 signature refused", name)
		}
		if keys.Verify([]byte{0}, sig) {
			t.Errorf("%s: signature of another message accepted", name)
		}
	}
	priv, err := parsePrivateKey(rfc8032Seed)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := signAsymmetric(sigEd25519, priv, nil, false)
	if hex.EncodeToString(got) != rfc8032Sig {
		t.Fatalf("signer: %x", got)
	}
}

func TestECDSA(t *testing.T) {
	msg := []byte("1588788367{\"a\":1}")
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ecSPKI, _ := x509.MarshalPKIXPublicKey(&ec.PublicKey)
	ecPoint, _ := ec.PublicKey.Bytes()
	ecP8, _ := x509.MarshalPKCS8PrivateKey(ec)
	ecSEC1, _ := x509.MarshalECPrivateKey(ec)
	cases := []struct {
		alg    signatureAlgorithm
		signer crypto.Signer
		pubs   []string
		raw    bool
	}{
		{sigECDSAP256, ec, []string{base64.StdEncoding.EncodeToString(ecSPKI), hex.EncodeToString(ecPoint),
			string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: ecSPKI}))}, false},
		{sigECDSAP256, ec, []string{base64.StdEncoding.EncodeToString(ecSPKI)}, true},
	}
	for _, c := range cases {
		sig, err := signAsymmetric(c.alg, c.signer, msg, c.raw)
		if err != nil {
			t.Fatal(err)
		}
		if c.raw && len(sig) != 64 {
			t.Fatalf("raw ECDSA signature is %d bytes", len(sig))
		}
		for _, pub := range c.pubs {
			keys, err := newPublicKeys(c.alg, []string{pub})
			if err != nil {
				t.Fatalf("%s: %v", c.alg, err)
			}
			if !keys.Verify(msg, sig) {
				t.Errorf("%s (raw %v): valid signature refused", c.alg, c.raw)
			}
			if keys.Verify(append(msg, '!'), sig) {
				t.Errorf("%s: signature of another message accepted", c.alg)
			}
		}
	}
	// Private key forms the signers read.
	for _, text := range []string{base64.StdEncoding.EncodeToString(ecP8), base64.StdEncoding.EncodeToString(ecSEC1),
		string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: ecSEC1}))} {
		if _, err := parsePrivateKey(text); err != nil {
			t.Errorf("private key form refused: %v", err)
		}
	}
	// Any configured key is accepted; key order does not matter.
	other, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	otherSPKI, _ := x509.MarshalPKIXPublicKey(&other.PublicKey)
	keys, err := newPublicKeys(sigECDSAP256, []string{base64.StdEncoding.EncodeToString(otherSPKI), base64.StdEncoding.EncodeToString(ecSPKI)})
	if err != nil {
		t.Fatal(err)
	}
	sig, _ := signAsymmetric(sigECDSAP256, ec, msg, false)
	if !keys.Verify(msg, sig) {
		t.Error("second configured key not tried")
	}
}

func TestPublicKeyErrors(t *testing.T) {
	weak, _ := rsa.GenerateKey(rand.Reader, 1024)
	weakSPKI, _ := x509.MarshalPKIXPublicKey(&weak.PublicKey)
	for name, c := range map[string]struct {
		alg  signatureAlgorithm
		keys []string
	}{
		"none":          {sigEd25519, nil},
		"garbage":       {sigEd25519, []string{"not a key at all"}},
		"wrong type":    {sigECDSAP256, []string{rfc8032Pub}},
		"rsa key":       {sigECDSAP256, []string{base64.StdEncoding.EncodeToString(weakSPKI)}},
		"truncated hex": {sigEd25519, []string{rfc8032Pub[:60]}},
		"bad pem":       {sigEd25519, []string{"-----BEGIN PUBLIC KEY-----\nAAAA\n"}},
	} {
		_, err := newPublicKeys(c.alg, c.keys)
		if err == nil {
			t.Errorf("%s: accepted", name)
			continue
		}
		for _, k := range c.keys {
			if len(k) > 8 && strings.Contains(err.Error(), k) {
				t.Errorf("%s: error echoes the key", name)
			}
		}
	}
	if _, err := parsePrivateKey("nope"); err == nil {
		t.Error("garbage private key accepted")
	}
	keys, _ := newPublicKeys(sigEd25519, []string{rfc8032Pub})
	if keys.Verify(nil, []byte{1, 2, 3}) {
		t.Error("short signature accepted")
	}
}
