package verifiers

import (
	"crypto/ed25519"
	"encoding/base64"
	"net/http"
	"strconv"
	"testing"
	"time"
)

func TestTelnyx(t *testing.T) {
	priv := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))
	pub := base64.StdEncoding.EncodeToString(priv.Public().(ed25519.PublicKey))
	now := time.Unix(1_750_000_000, 0)
	body := `{"data":{"id":"evt-1","event_type":"call.hangup"}}`
	sign := func(ts int64, msg string) http.Header {
		return http.Header{
			"Telnyx-Timestamp":         {strconv.FormatInt(ts, 10)},
			"Telnyx-Signature-Ed25519": {base64.StdEncoding.EncodeToString(ed25519.Sign(priv, []byte(msg)))},
		}
	}
	ts := now.Unix()
	for _, tc := range []struct {
		name   string
		header http.Header
		body   string
		ok     bool
	}{
		{"signed", sign(ts, strconv.FormatInt(ts, 10)+"|"+body), body, true},
		{"299 s old", sign(ts-299, strconv.FormatInt(ts-299, 10)+"|"+body), body, true},
		{"301 s old", sign(ts-301, strconv.FormatInt(ts-301, 10)+"|"+body), body, false},
		{"301 s ahead", sign(ts+301, strconv.FormatInt(ts+301, 10)+"|"+body), body, false},
		{"no separator", sign(ts, strconv.FormatInt(ts, 10)+body), body, false},
		{"tampered", sign(ts, strconv.FormatInt(ts, 10)+"|"+body), body + " ", false},
		{"no timestamp", http.Header{"Telnyx-Signature-Ed25519": sign(ts, "x")["Telnyx-Signature-Ed25519"]}, body, false},
	} {
		d := request("POST", "https://x/hook", tc.body)
		d.Now, d.Request.Header = now, tc.header
		p, _ := Lookup("telnyx")
		v, err := p.Build(Settings{PublicKeys: []string{pub}})
		if err != nil {
			t.Fatal(err)
		}
		got, err := v.Verify(d)
		if (err == nil) != tc.ok {
			t.Errorf("%s: %v", tc.name, err)
		}
		if err == nil && got.ID != "evt-1" {
			t.Errorf("%s: ID %q", tc.name, got.ID)
		}
	}
	p, _ := Lookup("telnyx")
	if _, err := p.Build(Settings{Secrets: [][]byte{[]byte("s")}}); err == nil {
		t.Error("built without public_key")
	}
}
