package verifiers

import (
	"crypto/md5"
	"encoding/hex"
	"strings"
	"testing"
)

func md5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

func TestPayone(t *testing.T) {
	const portalKey, oldKey = "Payone-Portal-Key-1", "Payone-Portal-Key-0"
	key := md5Hex(portalKey)
	leaks := []string{portalKey, oldKey, key, md5Hex(oldKey)}
	body := func(k string, extra ...string) string {
		return strings.Join(append([]string{"key=" + k, "txaction=paid", "portalid=2012345", "aid=12345", "txid=1"}, extra...), "&")
	}
	open := buildPreset(t, "payone", Settings{Secrets: secrets(portalKey, oldKey)})
	pinned := buildPreset(t, "payone", Settings{Secrets: secrets(portalKey), Options: map[string]string{"portal_id": "2012345", "aid": "12345"}})
	tests := []struct {
		name   string
		v      Verifier
		body   string
		reason Reason
	}{
		{"valid", open, body(key), ""},
		{"valid pinned", pinned, body(key), ""},
		{"rotation: second key", open, body(md5Hex(oldKey)), ""},
		{"key field anywhere", open, "txaction=paid&portalid=2012345&key=" + key, ""},
		{"uppercase hex key accepted", open, body(strings.ToUpper(key)), ""},
		{"latin-1 escape in another field", pinned, body(key, "firstname=J%E4rvinen", "city=M%FCnchen"), ""},
		{"raw latin-1 byte in another field", pinned, body(key, "firstname=J\xe4rvinen"), ""},
		{"plus and escapes elsewhere", pinned, body(key, "street=Hauptstra%DFe+1"), ""},
		{"wrong key", open, body(md5Hex("another portal key")), badSignature},
		{"plaintext key", open, body(portalKey), malformedSignature},
		{"md5 of md5", open, body(md5Hex(key)), badSignature},
		{"missing key", open, "txaction=paid&portalid=2012345&aid=12345", missingSignature},
		{"empty key", open, body(""), missingSignature},
		{"key name is case-sensitive", open, "KEY=" + key + "&txaction=paid", missingSignature},
		{"key too short", open, body(key[:31]), malformedSignature},
		{"key too long", open, body(key + "0"), malformedSignature},
		{"key not hex", open, body("zz" + key[2:]), malformedSignature},
		{"key sha384", open, body(strings.Repeat("ab", 48)), malformedSignature},
		{"duplicated key", open, body(key, "key="+key), ambiguousBody},
		{"duplicated key, second wrong", open, body(key, "key="+md5Hex("x")), ambiguousBody},
		{"duplicated portalid", pinned, body(key, "portalid=2012345"), ambiguousBody},
		{"duplicated aid", pinned, body(key, "aid=99999"), ambiguousBody},
		{"portalid mismatch", pinned, strings.Replace(body(key), "portalid=2012345", "portalid=2012346", 1), badSignature},
		{"portalid missing", pinned, strings.Replace(body(key), "portalid=2012345&", "", 1), badSignature},
		{"aid mismatch", pinned, strings.Replace(body(key), "aid=12345", "aid=12346", 1), badSignature},
		{"aid missing", pinned, strings.Replace(body(key), "aid=12345&", "", 1), badSignature},
		{"portalid not pinned: any value", open, strings.Replace(body(key), "portalid=2012345", "portalid=1", 1), ""},
		{"invalid escape", open, body(key, "x=%zz"), malformedSignature},
		{"key escaped", open, body(strings.Replace(key, key[:1], "%"+hex.EncodeToString([]byte(key[:1])), 1)), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkVerify(t, tt.v, newDelivery(tt.body, "Content-Type", "application/x-www-form-urlencoded"), tt.reason, leaks...)
		})
	}
	t.Run("wrong secret", func(t *testing.T) {
		v := buildPreset(t, "payone", Settings{Secrets: secrets("not-the-portal-key")})
		checkVerify(t, v, newDelivery(body(key)), badSignature, leaks...)
	})
}

func TestPayoneSign(t *testing.T) {
	p, _ := Lookup("payone")
	s := Settings{Secrets: secrets("portal-key"), Options: map[string]string{"portal_id": "2012345", "aid": "12345"}}
	m := &Message{Body: []byte("txaction=paid&key=old&firstname=J\xe4rvinen&portalid=1")}
	if err := p.Sign(s, m); err != nil {
		t.Fatal(err)
	}
	want := "txaction=paid&key=" + md5Hex("portal-key") + "&firstname=J\xe4rvinen&portalid=2012345&aid=12345"
	if string(m.Body) != want {
		t.Fatalf("signed body = %q, want %q", m.Body, want)
	}
	if ua := m.Header.Get("User-Agent"); ua != "PAYONE FinanceGate" {
		t.Fatalf("User-Agent = %q", ua)
	}
	if ct := m.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
		t.Fatalf("Content-Type = %q", ct)
	}
}

func TestPayoneIdentity(t *testing.T) {
	secret := "payone-portal-key"
	v, err := mustPreset("payone").Build(Settings{Secrets: [][]byte{[]byte(secret)}})
	if err != nil {
		t.Fatal(err)
	}
	key := "key=" + md5Hex(secret)
	tests := []struct {
		name, body, id string
		reason         Reason
	}{
		{"fields", "txid=1000&sequencenumber=1&txaction=paid&" + key, "1000:1:paid", ""},
		{"reordered, unsigned field changed", key + "&amount=1&txaction=paid&sequencenumber=1&txid=1000", "1000:1:paid", ""},
		{"some missing", "txid=1000&" + key, "1000::", ""},
		{"none: the body identifies it", "a=1&" + key, "", ""},
		{"txid twice", "txid=1000&txid=1001&" + key, "", ambiguousBody},
		{"txid[]", "txid=1000&txid[]=1001&" + key, "", ambiguousBody},
		{"colon in a field", "txid=1000:1&sequencenumber=paid&" + key, "", ambiguousBody},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := v.Verify(newDelivery(tt.body, "Content-Type", "application/x-www-form-urlencoded"))
			checkRejection(t, err, tt.reason)
			if err == nil && got.ID != tt.id {
				t.Fatalf("ID = %q, want %q", got.ID, tt.id)
			}
		})
	}
}
