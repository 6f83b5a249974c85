package verifiers

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

func TestXChallengeResponseCheck(t *testing.T) {
	s := Settings{Secrets: [][]byte{[]byte("consumer-secret-1"), []byte("consumer-secret-0")}}
	mac := hmac.New(sha256.New, []byte("consumer-secret-1"))
	mac.Write([]byte("tok-en_1"))
	want := "sha256=" + base64.StdEncoding.EncodeToString(mac.Sum(nil))
	for _, target := range []string{"https://x/hook?crc_token=tok-en_1", "https://x/hook?crc_token=tok-en_1&nonce=n1"} {
		err, a := verifyAndAnswer(t, "x", s, request("GET", target, ""))
		if err != nil || a == nil || a.Status != http.StatusOK || a.ContentType != "application/json" {
			t.Fatalf("%s: %v %+v", target, err, a)
		}
		var got map[string]string
		if err := json.Unmarshal(a.Body, &got); err != nil || len(got) != 1 || got["response_token"] != want {
			t.Fatalf("%s: answer %s, want response_token %s", target, a.Body, want)
		}
	}
	for name, forged := range map[string]*Delivery{
		"no token":       request("GET", "https://x/hook", ""),
		"empty token":    request("GET", "https://x/hook?crc_token=", ""),
		"extra":          request("GET", "https://x/hook?crc_token=a&x=1", ""),
		"repeated":       request("GET", "https://x/hook?crc_token=a&crc_token=b", ""),
		"repeated nonce": request("GET", "https://x/hook?crc_token=a&nonce=1&nonce=2", ""),
		"long":           request("GET", "https://x/hook?crc_token="+strings.Repeat("a", 600), ""),
		"with a body":    request("GET", "https://x/hook?crc_token=a", "{}"),
		"POST":           request("POST", "https://x/hook?crc_token=a", ""),
		"a JSON token":   request("GET", "https://x/hook?crc_token=%20%7B%22id%22%3A1%7D", ""),
	} {
		if err, a := verifyAndAnswer(t, "x", s, forged); err == nil || a != nil {
			t.Errorf("%s: accepted (%+v)", name, a)
		}
	}
	// A signed event is verified (with any configured secret) and passed on.
	p, _ := Lookup("x")
	for i := range s.Secrets {
		m := &Message{Header: http.Header{}, Body: []byte(`{"for_user_id":"1"}`)}
		if err := p.Sign(Settings{Secrets: s.Secrets[i:]}, m); err != nil {
			t.Fatal(err)
		}
		d := request("POST", "https://x/hook", string(m.Body))
		d.Request.Header = m.Header
		if err, a := verifyAndAnswer(t, "x", s, d); err != nil || a != nil {
			t.Fatalf("signed POST with secret #%d: %v %+v", i+1, err, a)
		}
	}

	// The CRC answer is a signature of the token: a body that could be a
	// token (anything but JSON) is refused even when its signature matches.
	m := &Message{Header: http.Header{}, Body: []byte("tok-en_1")}
	if err := p.Sign(s, m); err != nil {
		t.Fatal(err)
	}
	d := request("POST", "https://x/hook", string(m.Body))
	d.Request.Header = m.Header
	if err, _ := verifyAndAnswer(t, "x", s, d); err == nil {
		t.Fatal("a non-JSON body signed like a CRC answer was accepted")
	}
}
