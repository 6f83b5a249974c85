package verifiers

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net/http"
	"testing"
)

func TestAppwriteSignsURLThenBody(t *testing.T) {
	const key, url, body = "signature-key", "https://hooks.example.com/appwrite?project=p1", `{"$id":"u1"}`
	mac := hmac.New(sha1.New, []byte(key))
	mac.Write([]byte(url + body))
	sig := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	bodyFirst := hmac.New(sha1.New, []byte(key))
	bodyFirst.Write([]byte(body + url))
	p, _ := Lookup("appwrite")
	v, err := p.Build(Settings{Secrets: [][]byte{[]byte(key)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, sig, publicURL string
		ok                   bool
	}{
		{"URL then body", sig, url, true},
		{"body then URL (Trello's order)", base64.StdEncoding.EncodeToString(bodyFirst.Sum(nil)), url, false},
		{"another URL", sig, "https://hooks.example.com/appwrite", false},
		{"public URL unknown", sig, "", false},
	} {
		d := request("POST", url, body)
		d.Request.Header = http.Header{"X-Appwrite-Webhook-Signature": {tt.sig}}
		d.PublicURL = tt.publicURL
		if _, err := v.Verify(d); (err == nil) != tt.ok {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}
