package verifiers

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"strings"
	"testing"
)

// buildPreset builds the named preset or fails the test.
func buildPreset(t *testing.T, name string, s Settings) Verifier {
	t.Helper()
	p, ok := Lookup(name)
	if !ok {
		t.Fatalf("preset %s is not registered", name)
	}
	v, err := p.Build(s)
	if err != nil {
		t.Fatalf("Build(%s): %v", name, err)
	}
	return v
}

// secrets is a shorthand for Settings.Secrets.
func secrets(ss ...string) [][]byte {
	out := make([][]byte, len(ss))
	for i, s := range ss {
		out[i] = []byte(s)
	}
	return out
}

// macTexts returns the textual forms of mac a leak check looks for.
func macTexts(mac []byte) []string {
	return []string{hex.EncodeToString(mac), base64.StdEncoding.EncodeToString(mac), base64.RawURLEncoding.EncodeToString(mac)}
}

func TestBodySchemeNew(t *testing.T) {
	s := Settings{Secrets: secrets("k")}
	if _, err := bodyScheme(signatureFormat{Encoding: encHex}, algSHA256).New(s); err == nil {
		t.Fatal("no header accepted")
	}
	if _, err := bodyScheme(signatureFormat{Header: "X"}, algorithm{}).New(s); err == nil {
		t.Fatal("no algorithm accepted")
	}
	if _, err := bodyScheme(signatureFormat{Header: "X"}, algSHA1).New(Settings{}); err == nil {
		t.Fatal("no secret accepted")
	}
	if _, err := bodyScheme(signatureFormat{Header: "X"}, algSHA1).New(s); err != nil {
		t.Fatal(err)
	}
}

// TestGenericHMACCombinations signs with crypto/hmac and encoding/* directly
// and checks the `hmac` preset accepts every algorithm x encoding.
func TestGenericHMACCombinations(t *testing.T) {
	algs := []struct {
		name string
		h    func() hash.Hash
	}{{"md5", md5.New}, {"sha1", sha1.New}, {"sha256", sha256.New}, {"sha512", sha512.New}}
	encs := []struct {
		name string
		enc  func([]byte) string
	}{
		{"hex", hex.EncodeToString},
		{"base64", base64.StdEncoding.EncodeToString},
		{"base64url", base64.RawURLEncoding.EncodeToString},
	}
	const secret, other = "partner-secret-1", "partner-secret-0"
	body := `{"event":"order.paid","id":42}`
	for _, a := range algs {
		for _, e := range encs {
			for _, prefix := range []string{"", a.name + "="} {
				t.Run(a.name+"/"+e.name+"/prefix="+prefix, func(t *testing.T) {
					m := hmac.New(a.h, []byte(secret))
					m.Write([]byte(body))
					mac := m.Sum(nil)
					sig := prefix + e.enc(mac)
					opts := map[string]string{"header": "X-Signature", "algorithm": a.name, "encoding": e.name}
					if prefix != "" {
						opts["prefix"] = prefix
					}
					v := buildPreset(t, "hmac", Settings{Secrets: secrets(other, secret), Options: opts})
					leaks := append([]string{secret, other}, macTexts(mac)...)
					t.Run("valid (second secret)", func(t *testing.T) {
						checkVerify(t, v, newDelivery(body, "X-Signature", sig), "")
					})
					t.Run("tampered body", func(t *testing.T) {
						checkVerify(t, v, newDelivery(body+" ", "X-Signature", sig), badSignature, leaks...)
					})
					t.Run("wrong secret", func(t *testing.T) {
						w := buildPreset(t, "hmac", Settings{Secrets: secrets("not-the-secret"), Options: opts})
						checkVerify(t, w, newDelivery(body, "X-Signature", sig), badSignature, leaks...)
					})
					t.Run("missing header", func(t *testing.T) {
						checkVerify(t, v, newDelivery(body, "X-Other", sig), missingSignature, leaks...)
					})
					t.Run("duplicated header", func(t *testing.T) {
						checkVerify(t, v, newDelivery(body, "X-Signature", sig, "X-Signature", sig), malformedSignature, leaks...)
					})
					t.Run("truncated", func(t *testing.T) {
						short := prefix + e.enc(mac[:len(mac)-1])
						checkVerify(t, v, newDelivery(body, "X-Signature", short), malformedSignature, leaks...)
					})
					t.Run("bad character", func(t *testing.T) {
						bad := prefix + "*" + e.enc(mac)[1:]
						checkVerify(t, v, newDelivery(body, "X-Signature", bad), malformedSignature, leaks...)
					})
					if prefix != "" {
						t.Run("prefix missing", func(t *testing.T) {
							checkVerify(t, v, newDelivery(body, "X-Signature", e.enc(mac)), malformedSignature, leaks...)
						})
						t.Run("wrong prefix", func(t *testing.T) {
							checkVerify(t, v, newDelivery(body, "X-Signature", "v9="+e.enc(mac)), malformedSignature, leaks...)
						})
					}
				})
			}
		}
	}
}

func TestGenericHMACDefaults(t *testing.T) {
	// Defaults: sha256, hex, no prefix.
	body := "payload"
	m := hmac.New(sha256.New, []byte("s3cret"))
	m.Write([]byte(body))
	mac := m.Sum(nil)
	v := buildPreset(t, "hmac", Settings{Secrets: secrets("s3cret"), Options: map[string]string{"header": "X-Sig"}})
	t.Run("lower hex", func(t *testing.T) {
		checkVerify(t, v, newDelivery(body, "X-Sig", hex.EncodeToString(mac)), "")
	})
	t.Run("upper hex", func(t *testing.T) {
		checkVerify(t, v, newDelivery(body, "X-Sig", strings.ToUpper(hex.EncodeToString(mac))), "")
	})
	t.Run("header name case-insensitive", func(t *testing.T) {
		checkVerify(t, v, newDelivery(body, "x-sig", hex.EncodeToString(mac)), "")
	})
	t.Run("base64 refused by a hex route", func(t *testing.T) {
		checkVerify(t, v, newDelivery(body, "X-Sig", base64.StdEncoding.EncodeToString(mac)), malformedSignature, "s3cret")
	})
	t.Run("sha1 mac refused by a sha256 route", func(t *testing.T) {
		m1 := hmac.New(sha1.New, []byte("s3cret"))
		m1.Write([]byte(body))
		checkVerify(t, v, newDelivery(body, "X-Sig", hex.EncodeToString(m1.Sum(nil))), malformedSignature, "s3cret")
	})
	t.Run("base64url with padding accepted", func(t *testing.T) {
		w := buildPreset(t, "hmac", Settings{Secrets: secrets("s3cret"), Options: map[string]string{"header": "X-Sig", "encoding": "base64url"}})
		checkVerify(t, w, newDelivery(body, "X-Sig", base64.URLEncoding.EncodeToString(mac)), "")
	})
}

func TestGenericHMACBuildErrors(t *testing.T) {
	p, ok := Lookup("hmac")
	if !ok {
		t.Fatal("hmac preset missing")
	}
	tests := []struct {
		name string
		s    Settings
	}{
		{"unknown algorithm", Settings{Secrets: secrets("k"), Options: map[string]string{"header": "X", "algorithm": "sha384"}}},
		{"unknown encoding", Settings{Secrets: secrets("k"), Options: map[string]string{"header": "X", "encoding": "base32"}}},
		{"missing header", Settings{Secrets: secrets("k"), Options: map[string]string{"algorithm": "sha256"}}},
		{"empty header", Settings{Secrets: secrets("k"), Options: map[string]string{"header": ""}}},
		{"unknown option", Settings{Secrets: secrets("k"), Options: map[string]string{"header": "X", "digest": "sha256"}}},
		{"no secret", Settings{Options: map[string]string{"header": "X"}}},
		{"empty secret", Settings{Secrets: secrets("k", ""), Options: map[string]string{"header": "X"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := p.Build(tt.s)
			if err == nil {
				t.Fatalf("Build accepted %+v (verifier %T)", tt.s, v)
			}
			if len(tt.s.Secrets) > 0 {
				assertNoLeak(t, err.Error(), "partner-secret")
			}
		})
	}
}

func TestCheckoutCom(t *testing.T) {
	const key, prev = "cko-signature-key-A", "cko-signature-key-B"
	body := `{"id":"evt_1","type":"payment_approved","data":{"description":"Caf\u00e9 \u00a9 \u2122"}}`
	sign := func(k, b string) (string, []byte) {
		m := hmac.New(sha256.New, []byte(k))
		m.Write([]byte(b))
		mac := m.Sum(nil)
		return hex.EncodeToString(mac), mac
	}
	sig, mac := sign(key, body)
	prevSig, _ := sign(prev, body)
	leaks := append([]string{key, prev, "static-auth-key"}, macTexts(mac)...)

	plain := buildPreset(t, "checkout_com", Settings{Secrets: secrets(key, prev)})
	withAuth := buildPreset(t, "checkout_com", Settings{Secrets: secrets(key, prev), Options: map[string]string{"authorization": "static-auth-key"}})

	tests := []struct {
		name    string
		v       Verifier
		body    string
		headers []string
		reason  Reason
	}{
		{"valid", plain, body, []string{"Cko-Signature", sig}, ""},
		{"valid upper hex", plain, body, []string{"Cko-Signature", strings.ToUpper(sig)}, ""},
		{"rotation: previous key", plain, body, []string{"Cko-Signature", prevSig}, ""},
		{"authorization ignored when not configured", plain, body, []string{"Cko-Signature", sig, "Authorization", "anything"}, ""},
		{"tampered body", plain, strings.Replace(body, "evt_1", "evt_2", 1), []string{"Cko-Signature", sig}, badSignature},
		{"re-serialised body", plain, strings.ReplaceAll(body, `\u00e9`, "\u00e9"), []string{"Cko-Signature", sig}, badSignature},
		{"missing header", plain, body, nil, missingSignature},
		{"bad hex", plain, body, []string{"Cko-Signature", "zz" + sig[2:]}, malformedSignature},
		{"wrong length", plain, body, []string{"Cko-Signature", sig[:62]}, malformedSignature},
		{"prefixed", plain, body, []string{"Cko-Signature", "sha256=" + sig}, malformedSignature},
		{"base64", plain, body, []string{"Cko-Signature", base64.StdEncoding.EncodeToString(mac)}, malformedSignature},
		{"duplicated header", plain, body, []string{"Cko-Signature", sig, "Cko-Signature", sig}, malformedSignature},
		{"with authorization: valid", withAuth, body, []string{"Cko-Signature", sig, "Authorization", "static-auth-key"}, ""},
		{"with authorization: missing", withAuth, body, []string{"Cko-Signature", sig}, missingSignature},
		{"with authorization: wrong", withAuth, body, []string{"Cko-Signature", sig, "Authorization", "static-auth-kez"}, badSignature},
		{"with authorization: duplicated", withAuth, body, []string{"Cko-Signature", sig, "Authorization", "static-auth-key", "Authorization", "static-auth-key"}, malformedSignature},
		{"with authorization: signature still checked", withAuth, body + "x", []string{"Cko-Signature", sig, "Authorization", "static-auth-key"}, badSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkVerify(t, tt.v, newDelivery(tt.body, tt.headers...), tt.reason, leaks...)
		})
	}
	t.Run("wrong secret", func(t *testing.T) {
		v := buildPreset(t, "checkout_com", Settings{Secrets: secrets("another-key")})
		checkVerify(t, v, newDelivery(body, "Cko-Signature", sig), badSignature, leaks...)
	})
}
