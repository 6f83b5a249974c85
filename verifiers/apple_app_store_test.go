package verifiers

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// Apple's real signing chain and the time it is valid at, from Apple's
// library tests (apple/app-store-server-library-python,
// tests/test_x509_verifiction.py: REAL_APPLE_SIGNING_CERTIFICATE_BASE64_ENCODED,
// REAL_APPLE_INTERMEDIATE_BASE64_ENCODED, EFFECTIVE_DATE).
const (
	appleRealLeaf         = "MIIEMTCCA7agAwIBAgIQR8KHzdn554Z/UoradNx9tzAKBggqhkjOPQQDAzB1MUQwQgYDVQQDDDtBcHBsZSBXb3JsZHdpZGUgRGV2ZWxvcGVyIFJlbGF0aW9ucyBDZXJ0aWZpY2F0aW9uIEF1dGhvcml0eTELMAkGA1UECwwCRzYxEzARBgNVBAoMCkFwcGxlIEluYy4xCzAJBgNVBAYTAlVTMB4XDTI1MDkxOTE5NDQ1MVoXDTI3MTAxMzE3NDcyM1owgZIxQDA+BgNVBAMMN1Byb2QgRUNDIE1hYyBBcHAgU3RvcmUgYW5kIGlUdW5lcyBTdG9yZSBSZWNlaXB0IFNpZ25pbmcxLDAqBgNVBAsMI0FwcGxlIFdvcmxkd2lkZSBEZXZlbG9wZXIgUmVsYXRpb25zMRMwEQYDVQQKDApBcHBsZSBJbmMuMQswCQYDVQQGEwJVUzBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABNnVvhcv7iT+7Ex5tBMBgrQspHzIsXRi0Yxfek7lv8wEmj/bHiWtNwJqc2BoHzsQiEjP7KFIIKg4Y8y0/nynuAmjggIIMIICBDAMBgNVHRMBAf8EAjAAMB8GA1UdIwQYMBaAFD8vlCNR01DJmig97bB85c+lkGKZMHAGCCsGAQUFBwEBBGQwYjAtBggrBgEFBQcwAoYhaHR0cDovL2NlcnRzLmFwcGxlLmNvbS93d2RyZzYuZGVyMDEGCCsGAQUFBzABhiVodHRwOi8vb2NzcC5hcHBsZS5jb20vb2NzcDAzLXd3ZHJnNjAyMIIBHgYDVR0gBIIBFTCCAREwggENBgoqhkiG92NkBQYBMIH+MIHDBggrBgEFBQcCAjCBtgyBs1JlbGlhbmNlIG9uIHRoaXMgY2VydGlmaWNhdGUgYnkgYW55IHBhcnR5IGFzc3VtZXMgYWNjZXB0YW5jZSBvZiB0aGUgdGhlbiBhcHBsaWNhYmxlIHN0YW5kYXJkIHRlcm1zIGFuZCBjb25kaXRpb25zIG9mIHVzZSwgY2VydGlmaWNhdGUgcG9saWN5IGFuZCBjZXJ0aWZpY2F0aW9uIHByYWN0aWNlIHN0YXRlbWVudHMuMDYGCCsGAQUFBwIBFipodHRwOi8vd3d3LmFwcGxlLmNvbS9jZXJ0aWZpY2F0ZWF1dGhvcml0eS8wHQYDVR0OBBYEFIFioG4wMMVA1ku9zJmGNPAVn3eqMA4GA1UdDwEB/wQEAwIHgDAQBgoqhkiG92NkBgsBBAIFADAKBggqhkjOPQQDAwNpADBmAjEA+qXnREC7hXIWVLsLxznjRpIzPf7VHz9V/CTm8+LJlrQepnmcPvGLNcX6XPnlcgLAAjEA5IjNZKgg5pQ79knF4IbTXdKv8vutIDMXDmjPVT3dGvFtsGRwXOywR2kZCdSrfeot"
	appleRealIntermediate = "MIIDFjCCApygAwIBAgIUIsGhRwp0c2nvU4YSycafPTjzbNcwCgYIKoZIzj0EAwMwZzEbMBkGA1UEAwwSQXBwbGUgUm9vdCBDQSAtIEczMSYwJAYDVQQLDB1BcHBsZSBDZXJ0aWZpY2F0aW9uIEF1dGhvcml0eTETMBEGA1UECgwKQXBwbGUgSW5jLjELMAkGA1UEBhMCVVMwHhcNMjEwMzE3MjAzNzEwWhcNMzYwMzE5MDAwMDAwWjB1MUQwQgYDVQQDDDtBcHBsZSBXb3JsZHdpZGUgRGV2ZWxvcGVyIFJlbGF0aW9ucyBDZXJ0aWZpY2F0aW9uIEF1dGhvcml0eTELMAkGA1UECwwCRzYxEzARBgNVBAoMCkFwcGxlIEluYy4xCzAJBgNVBAYTAlVTMHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEbsQKC94PrlWmZXnXgtxzdVJL8T0SGYngDRGpngn3N6PT8JMEb7FDi4bBmPhCnZ3/sq6PF/cGcKXWsL5vOteRhyJ45x3ASP7cOB+aao90fcpxSv/EZFbniAbNgZGhIhpIo4H6MIH3MBIGA1UdEwEB/wQIMAYBAf8CAQAwHwYDVR0jBBgwFoAUu7DeoVgziJqkipnevr3rr9rLJKswRgYIKwYBBQUHAQEEOjA4MDYGCCsGAQUFBzABhipodHRwOi8vb2NzcC5hcHBsZS5jb20vb2NzcDAzLWFwcGxlcm9vdGNhZzMwNwYDVR0fBDAwLjAsoCqgKIYmaHR0cDovL2NybC5hcHBsZS5jb20vYXBwbGVyb290Y2FnMy5jcmwwHQYDVR0OBBYEFD8vlCNR01DJmig97bB85c+lkGKZMA4GA1UdDwEB/wQEAwIBBjAQBgoqhkiG92NkBgIBBAIFADAKBggqhkjOPQQDAwNoADBlAjBAXhSq5IyKogMCPtw490BaB677CaEGJXufQB/EqZGd6CSjiCtOnuMTbXVXmxxcxfkCMQDTSPxarZXvNrkxU3TkUMI33yzvFVVRT4wxWJC994OsdcZ4+RGNsYDyR5gmdr0nDGg="
	appleRealEffective    = 1761962975
)

// appleTestNotification is Apple's tests/resources/mock_signed_data/testNotification,
// signed under Apple's test CA (trusted in tests by export_presets-d_test.go).
const appleTestNotification = "eyJ4NWMiOlsiTUlJQm9EQ0NBVWFnQXdJQkFnSUJDekFLQmdncWhrak9QUVFEQWpCTk1Rc3dDUVlEVlFRR0V3SlZVekVUTUJFR0ExVUVDQXdLUTJGc2FXWnZjbTVwWVRFU01CQUdBMVVFQnd3SlEzVndaWEowYVc1dk1SVXdFd1lEVlFRS0RBeEpiblJsY20xbFpHbGhkR1V3SGhjTk1qTXdNVEEwTVRZek56TXhXaGNOTXpJeE1qTXhNVFl6TnpNeFdqQkZNUXN3Q1FZRFZRUUdFd0pWVXpFVE1CRUdBMVVFQ0F3S1EyRnNhV1p2Y201cFlURVNNQkFHQTFVRUJ3d0pRM1Z3WlhKMGFXNXZNUTB3Q3dZRFZRUUtEQVJNWldGbU1Ga3dFd1lIS29aSXpqMENBUVlJS29aSXpqMERBUWNEUWdBRTRyV0J4R21GYm5QSVBRSTB6c0JLekx4c2o4cEQydnFicjB5UElTVXgyV1F5eG1yTnFsOWZoSzhZRUV5WUZWNysrcDVpNFlVU1Ivbzl1UUlnQ1BJaHJLTWZNQjB3Q1FZRFZSMFRCQUl3QURBUUJnb3Foa2lHOTJOa0Jnc0JCQUlUQURBS0JnZ3Foa2pPUFFRREFnTklBREJGQWlFQWtpRVprb0ZNa2o0Z1huK1E5alhRWk1qWjJnbmpaM2FNOE5ZcmdmVFVpdlFDSURKWVowRmFMZTduU0lVMkxXTFRrNXRYVENjNEU4R0pTWWYvc1lSeEVGaWUiLCJNSUlCbHpDQ0FUMmdBd0lCQWdJQkJqQUtCZ2dxaGtqT1BRUURBakEyTVFzd0NRWURWUVFHRXdKVlV6RVRNQkVHQTFVRUNBd0tRMkZzYVdadmNtNXBZVEVTTUJBR0ExVUVCd3dKUTNWd1pYSjBhVzV2TUI0WERUSXpNREV3TkRFMk1qWXdNVm9YRFRNeU1USXpNVEUyTWpZd01Wb3dUVEVMTUFrR0ExVUVCaE1DVlZNeEV6QVJCZ05WQkFnTUNrTmhiR2xtYjNKdWFXRXhFakFRQmdOVkJBY01DVU4xY0dWeWRHbHViekVWTUJNR0ExVUVDZ3dNU1c1MFpYSnRaV1JwWVhSbE1Ga3dFd1lIS29aSXpqMENBUVlJS29aSXpqMERBUWNEUWdBRUZRM2xYMnNxTjlHSXdBaWlNUURRQy9reW5TZ1g0N1J3dmlET3RNWFh2eUtkUWU2Q1BzUzNqbzJ1UkR1RXFBeFdlT2lDcmpsRFdzeXo1d3dkVTBndGFxTWxNQ013RHdZRFZSMFRCQWd3QmdFQi93SUJBREFRQmdvcWhraUc5Mk5rQmdJQkJBSVRBREFLQmdncWhrak9QUVFEQWdOSUFEQkZBaUVBdm56TWNWMjY4Y1JiMS9GcHlWMUVoVDNXRnZPenJCVVdQNi9Ub1RoRmF2TUNJRmJhNXQ2WUt5MFIySkR0eHF0T2pKeTY2bDZWN2QvUHJBRE5wa21JUFcraSIsIk1JSUJYRENDQVFJQ0NRQ2ZqVFVHTERuUjlqQUtCZ2dxaGtqT1BRUURBekEyTVFzd0NRWURWUVFHRXdKVlV6RVRNQkVHQTFVRUNBd0tRMkZzYVdadmNtNXBZVEVTTUJBR0ExVUVCd3dKUTNWd1pYSjBhVzV2TUI0WERUSXpNREV3TkRFMk1qQXpNbG9YRFRNek1ERXdNVEUyTWpBek1sb3dOakVMTUFrR0ExVUVCaE1DVlZNeEV6QVJCZ05WQkFnTUNrTmhiR2xtYjNKdWFXRXhFakFRQmdOVkJBY01DVU4xY0dWeWRHbHViekJaTUJNR0J5cUdTTTQ5QWdFR0NDcUdTTTQ5QXdFSEEwSUFCSFB2d1pmb0tMS2FPclgvV2U0cU9iWFNuYTVUZFdIVlo2aElSQTF3MG9jM1FDVDBJbzJwbHlEQjMvTVZsazJ0YzRLR0U4VGlxVzdpYlE2WmM5VjY0azB3Q2dZSUtvWkl6ajBFQXdNRFNBQXdSUUloQU1USGhXdGJBUU4waFN4SVhjUDRDS3JEQ0gvZ3N4V3B4NmpUWkxUZVorRlBBaUIzNW53azVxMHpjSXBlZnZZSjBNVS95R0dIU1dlejBicTBwRFlVTy9ubUR3PT0iXSwidHlwIjoiSldUIiwiYWxnIjoiRVMyNTYifQ.eyJkYXRhIjp7ImFwcEFwcGxlSWQiOjEyMzQsImVudmlyb25tZW50IjoiU2FuZGJveCIsImJ1bmRsZUlkIjoiY29tLmV4YW1wbGUifSwibm90aWZpY2F0aW9uVVVJRCI6IjlhZDU2YmQyLTBiYzYtNDJlMC1hZjI0LWZkOTk2ZDg3YTFlNiIsInNpZ25lZERhdGUiOjE2ODEzMTQzMjQwMDAsIm5vdGlmaWNhdGlvblR5cGUiOiJURVNUIn0.VVXYwuNm2Y3XsOUva-BozqatRCsDuykA7xIe_CCRw6aIAAxJ1nb2sw871jfZ6dcgNhUuhoZ93hfbc1v_5zB7Og"

func TestAppleRootFingerprint(t *testing.T) {
	block, _ := pem.Decode([]byte(appleRootCAG3PEM))
	if block == nil {
		t.Fatal("embedded root is not PEM")
	}
	sum := sha256.Sum256(block.Bytes)
	if got := hex.EncodeToString(sum[:]); got != "63343abfb89a6a03ebb57e9b3f5fa7be7c4f5c756f3017b3a8c488c3653e9179" {
		t.Errorf("Apple Root CA - G3 SHA-256 = %s", got)
	}
	c, err := x509.ParseCertificate(block.Bytes)
	if err != nil || c.Subject.CommonName != "Apple Root CA - G3" {
		t.Fatalf("embedded root: %v %v", c.Subject, err)
	}
}

// appleOnlyRoots is the verifier's pool without any test root.
func appleOnlyRoots(t *testing.T) *x509.CertPool {
	t.Helper()
	block, _ := pem.Decode([]byte(appleRootCAG3PEM))
	c, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(c)
	return pool
}

// TestAppleRealChain: Apple's production signing chain leads to the
// embedded root at the time Apple's test uses, not once expired, and not
// with the intermediate left out.
func TestAppleRealChain(t *testing.T) {
	v := &appStore{roots: appleOnlyRoots(t)}
	at := time.Unix(appleRealEffective, 0)
	key, err := v.verifyChain([]string{appleRealLeaf, appleRealIntermediate, "unused"}, at)
	if err != nil || key == nil {
		t.Fatalf("real Apple chain: %v", err)
	}
	if _, err := v.verifyChain([]string{appleRealLeaf, appleRealIntermediate, ""}, time.Unix(2280946846, 0)); err == nil {
		t.Error("real Apple chain accepted in 2042, after it expired")
	}
	if _, err := v.verifyChain([]string{appleRealIntermediate, appleRealLeaf, ""}, at); err == nil {
		t.Error("chain in the wrong order accepted")
	}
}

// TestAppleTestCATrustedOnlyByHook: Apple's test notification verifies in
// this test binary (the hook trusts Apple's test CA) and not with Apple's
// root alone, which is what a built gate has.
func TestAppleTestCATrustedOnlyByHook(t *testing.T) {
	body := []byte(`{"signedPayload":"` + appleTestNotification + `"}`)
	d := &Delivery{Request: httptest.NewRequest(http.MethodPost, "/", nil), Body: body, Now: time.Unix(1681314324, 0)}
	hooked, err := newAppStore(Settings{Options: map[string]string{"bundle_id": "com.example", "environment": "Sandbox"}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := hooked.Verify(d)
	if err != nil || got.ID != "9ad56bd2-0bc6-42e0-af24-fd996d87a1e6" {
		t.Fatalf("with the test hook: %+v, %v", got, err)
	}
	plain, err := newAppStore(Settings{Options: map[string]string{"bundle_id": "com.example", "environment": "Sandbox"}})
	if err != nil {
		t.Fatal(err)
	}
	plain.(*appStore).roots = appleOnlyRoots(t)
	if _, err := plain.Verify(d); err == nil {
		t.Fatal("Apple's test notification accepted with Apple's root alone")
	}
}

// testChain is a root, intermediate and leaf with Apple's markers (or not).
type testChain struct {
	root, inter, leaf *x509.Certificate
	leafKey           *ecdsa.PrivateKey
}

func newTestChain(t *testing.T, leafOID, interOID bool, leafNotAfter time.Time) testChain {
	t.Helper()
	mk := func(name string, ca bool, oid asn1.ObjectIdentifier, parent *x509.Certificate, parentKey *ecdsa.PrivateKey, notAfter time.Time) (*x509.Certificate, *ecdsa.PrivateKey) {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: name},
			NotBefore: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: notAfter, BasicConstraintsValid: true, IsCA: ca}
		if ca {
			tmpl.KeyUsage = x509.KeyUsageCertSign
		}
		if oid != nil {
			tmpl.ExtraExtensions = []pkix.Extension{{Id: oid, Value: []byte{5, 0}}}
		}
		if parent == nil {
			parent, parentKey = tmpl, key
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, parentKey)
		if err != nil {
			t.Fatal(err)
		}
		c, _ := x509.ParseCertificate(der)
		return c, key
	}
	end := time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC)
	var lo, io asn1.ObjectIdentifier
	if leafOID {
		lo = appStoreLeafOID
	}
	if interOID {
		io = appStoreIntermediateOID
	}
	root, rk := mk("t root", true, nil, nil, nil, end)
	inter, ik := mk("t inter", true, io, root, rk, end)
	leaf, lk := mk("t leaf", false, lo, inter, ik, leafNotAfter)
	return testChain{root: root, inter: inter, leaf: leaf, leafKey: lk}
}

func (c testChain) bundle() []byte {
	der, _ := x509.MarshalPKCS8PrivateKey(c.leafKey)
	out := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	for _, x := range []*x509.Certificate{c.leaf, c.inter, c.root} {
		out = append(out, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: x.Raw})...)
	}
	return out
}

// appStoreWith builds a verifier trusting root only.
func appStoreWith(t *testing.T, root *x509.Certificate, opts map[string]string, tolerance time.Duration) *appStore {
	t.Helper()
	v, err := newAppStore(Settings{Options: opts, Tolerance: tolerance})
	if err != nil {
		t.Fatal(err)
	}
	a := v.(*appStore)
	a.roots = x509.NewCertPool()
	a.roots.AddCert(root)
	return a
}

var appStoreProd = map[string]string{"bundle_id": "com.example.app", "app_apple_id": "42"}

func signedAppStore(t *testing.T, c testChain, opts map[string]string, payload string, at time.Time) *Delivery {
	t.Helper()
	m := &Message{Header: http.Header{}, Body: []byte(payload), Now: at, ID: "uuid-1"}
	if err := signAppStore(Settings{Secrets: [][]byte{c.bundle()}, Options: opts}, m); err != nil {
		t.Fatal(err)
	}
	return &Delivery{Request: httptest.NewRequest(http.MethodPost, "/", nil), Body: m.Body, Now: at}
}

func TestAppStoreChainChecks(t *testing.T) {
	at := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	good := newTestChain(t, true, true, time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC))
	cases := []struct {
		name  string
		chain testChain
		at    time.Time
		ok    bool
	}{
		{"markers on leaf and intermediate", good, at, true},
		{"leaf without its marker", newTestChain(t, false, true, time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC)), at, false},
		{"intermediate without its marker", newTestChain(t, true, false, time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC)), at, false},
		{"leaf expired at the signed date", newTestChain(t, true, true, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)), at, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := appStoreWith(t, c.chain.root, appStoreProd, 0)
			got, err := v.Verify(signedAppStore(t, c.chain, appStoreProd, `{"notificationType":"TEST"}`, c.at))
			if (err == nil) != c.ok {
				t.Fatalf("Verify = %+v, %v; want accepted %v", got, err, c.ok)
			}
			if c.ok && got.ID != "uuid-1" {
				t.Errorf("ID = %q, want the signed notificationUUID", got.ID)
			}
		})
	}
	// Another root than the one trusted.
	if _, err := appStoreWith(t, good.root, appStoreProd, 0).Verify(signedAppStore(t, newTestChain(t, true, true, at.AddDate(1, 0, 0)), appStoreProd, `{}`, at)); err == nil {
		t.Error("a chain to an untrusted root was accepted")
	}
	// A delivery signed while the leaf was valid, judged after it expired.
	short := newTestChain(t, true, true, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	d := signedAppStore(t, short, appStoreProd, `{}`, at)
	d.Now = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	if _, err := appStoreWith(t, short.root, appStoreProd, 0).Verify(d); err != nil {
		t.Errorf("judged at signedDate, a delivery signed before the leaf expired is valid: %v", err)
	}
	if _, err := appStoreWith(t, short.root, appStoreProd, 5*time.Minute).Verify(d); err == nil {
		t.Error("with a tolerance, a delivery signed months ago was accepted")
	}
}

func TestAppStoreOptions(t *testing.T) {
	cases := []struct {
		name string
		s    Settings
		want string
	}{
		{"production", Settings{Options: map[string]string{"bundle_id": "b", "app_apple_id": "1"}}, ""},
		{"sandbox without app id", Settings{Options: map[string]string{"bundle_id": "b", "environment": "Sandbox"}}, ""},
		{"lower-case environment", Settings{Options: map[string]string{"bundle_id": "b", "environment": "sandbox"}}, ""},
		{"no bundle", Settings{Options: map[string]string{"environment": "Sandbox"}}, "bundle_id"},
		{"production without app id", Settings{Options: map[string]string{"bundle_id": "b"}}, "app_apple_id is required"},
		{"app id with a leading zero", Settings{Options: map[string]string{"bundle_id": "b", "app_apple_id": "012"}}, "positive decimal"},
		{"app id not a number", Settings{Options: map[string]string{"bundle_id": "b", "app_apple_id": "x1"}}, "positive decimal"},
		{"unknown environment", Settings{Options: map[string]string{"bundle_id": "b", "environment": "Xcode"}}, "neither Production nor Sandbox"},
		{"a secret", Settings{Secrets: [][]byte{[]byte("s")}, Options: map[string]string{"bundle_id": "b", "environment": "Sandbox"}}, "no secret"},
		{"a public key", Settings{PublicKeys: []string{"k"}, Options: map[string]string{"bundle_id": "b", "environment": "Sandbox"}}, "no public_key"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := newAppStore(c.s)
			if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
				t.Errorf("newAppStore = %v, want %q", err, c.want)
			}
		})
	}
}

func TestAppStoreRefusals(t *testing.T) {
	at := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	c := newTestChain(t, true, true, time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC))
	v := appStoreWith(t, c.root, appStoreProd, 0)
	good := signedAppStore(t, c, appStoreProd, `{"notificationType":"TEST"}`, at)
	var wrapper map[string]string
	if err := json.Unmarshal(good.Body, &wrapper); err != nil {
		t.Fatal(err)
	}
	jws := wrapper["signedPayload"]
	parts := strings.Split(jws, ".")
	header, _ := base64.RawURLEncoding.DecodeString(parts[0])
	resign := func(h, p []byte) string {
		in := base64.RawURLEncoding.EncodeToString(h) + "." + base64.RawURLEncoding.EncodeToString(p)
		sig, err := signAsymmetric(sigECDSAP256, c.leafKey, []byte(in), true)
		if err != nil {
			t.Fatal(err)
		}
		return in + "." + base64.RawURLEncoding.EncodeToString(sig)
	}
	payload := func(data string) []byte {
		return []byte(`{"notificationType":"TEST","notificationUUID":"u","signedDate":` + "1777593600000" + `,"data":` + data + `}`)
	}
	wrap := func(s string) string { return `{"signedPayload":"` + s + `"}` }
	cases := []struct {
		name   string
		body   string
		reason Reason
	}{
		{"not JSON", "signedPayload=" + jws, malformedSignature},
		{"an array", "[" + strings.TrimSuffix(strings.TrimPrefix(wrap(jws), "{"), "}") + "]", malformedSignature},
		{"no signedPayload", `{"signed":"x"}`, missingSignature},
		{"signedPayload a number", `{"signedPayload":1}`, malformedSignature},
		{"an unsigned member besides", `{"signedPayload":"` + jws + `","notificationType":"REFUND"}`, malformedSignature},
		{"signedPayload twice", `{"signedPayload":"x.y.z","signedPayload":"` + jws + `"}`, ambiguousBody},
		{"padded base64url", wrap(parts[0] + "=." + parts[1] + "." + parts[2]), malformedSignature},
		{"alg none", wrap(resign([]byte(strings.Replace(string(header), "ES256", "none", 1)), payload(`{"bundleId":"com.example.app","appAppleId":42,"environment":"Production"}`))), malformedSignature},
		{"a critical header", wrap(resign([]byte(strings.Replace(string(header), `{"alg"`, `{"crit":["b64"],"alg"`, 1)), payload(`{"bundleId":"com.example.app","appAppleId":42,"environment":"Production"}`))), malformedSignature},
		{"another app Apple ID", wrap(resign(header, payload(`{"bundleId":"com.example.app","appAppleId":43,"environment":"Production"}`))), badSignature},
		{"app Apple ID as a string", wrap(resign(header, payload(`{"bundleId":"com.example.app","appAppleId":"42","environment":"Production"}`))), badSignature},
		{"another environment", wrap(resign(header, payload(`{"bundleId":"com.example.app","appAppleId":42,"environment":"Sandbox"}`))), badSignature},
		{"no app named", wrap(resign(header, []byte(`{"notificationType":"TEST","notificationUUID":"u"}`))), badSignature},
		{"a case-variant bundleId", wrap(resign(header, payload(`{"bundleId":"com.example.app","BundleId":"x","appAppleId":42,"environment":"Production"}`))), ambiguousBody},
		{"signedDate a string", wrap(resign(header, []byte(`{"signedDate":"1777593600000","data":{"bundleId":"com.example.app","appAppleId":42,"environment":"Production"}}`))), malformedSignature},
		{"signature of another payload", wrap(parts[0] + "." + base64.RawURLEncoding.EncodeToString(payload(`{"bundleId":"com.example.app","appAppleId":42,"environment":"Production"}`)) + "." + parts[2]), badSignature},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := &Delivery{Request: httptest.NewRequest(http.MethodPost, "/", nil), Body: []byte(c.body), Now: at}
			_, err := v.Verify(d)
			var rej *Rejection
			if !errors.As(err, &rej) || rej.Reason != c.reason {
				t.Fatalf("Verify = %v, want %s", err, c.reason)
			}
			if strings.Contains(err.Error(), parts[2]) {
				t.Errorf("refusal %q contains the signature", err)
			}
		})
	}
	// The header and payload re-signed as they were still verify: the
	// table's refusals are the edits', not the re-signing's.
	p, _ := base64.RawURLEncoding.DecodeString(parts[1])
	if _, err := v.Verify(&Delivery{Request: httptest.NewRequest(http.MethodPost, "/", nil), Body: []byte(wrap(resign(header, p))), Now: at}); err != nil {
		t.Fatalf("re-signed original refused: %v", err)
	}
}

func TestAppStoreIdentityWithoutUUID(t *testing.T) {
	at := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	c := newTestChain(t, true, true, time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC))
	v := appStoreWith(t, c.root, appStoreProd, 0)
	d := signedAppStore(t, c, appStoreProd, `{"notificationUUID":""}`, at)
	got, err := v.Verify(d)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != "uuid-1" {
		t.Errorf("ID = %q: the signer fills an empty notificationUUID with the message ID", got.ID)
	}
	if len(got.Signed) == 0 || strings.Contains(string(got.Signed), "signedPayload") {
		t.Errorf("Signed = %q, want the JWS signing input", got.Signed)
	}
}

func TestAppStoreSignerBundle(t *testing.T) {
	c := newTestChain(t, true, true, time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC))
	full := string(c.bundle())
	twoCerts := full[:strings.LastIndex(full, "-----BEGIN CERTIFICATE-----")]
	for name, secret := range map[string]string{"not PEM": "abc", "two certificates": twoCerts, "no key": full[strings.Index(full, "-----BEGIN CERTIFICATE-----"):]} {
		m := &Message{Header: http.Header{}, Body: []byte(`{}`), Now: time.Now()}
		if err := signAppStore(Settings{Secrets: [][]byte{[]byte(secret)}, Options: appStoreProd}, m); err == nil {
			t.Errorf("%s: signed", name)
		}
	}
	m := &Message{Header: http.Header{}, Body: []byte(`[1]`), Now: time.Now()}
	if err := signAppStore(Settings{Secrets: [][]byte{[]byte(full)}, Options: appStoreProd}, m); err == nil {
		t.Error("a JSON array was signed as a notification")
	}
}
