package verifiers

import (
	"net/http"
	"strings"
	"testing"
)

func TestMetaSubscriptionHandshake(t *testing.T) {
	s := Settings{Secrets: [][]byte{[]byte("app-secret")}, Options: map[string]string{"verify_token": "meatyhamhock"}}
	const q = "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock"
	for _, c := range []struct {
		name     string
		settings Settings
		target   string
		status   int    // 0: refused by Verify
		body     string // the answer's body
	}{
		{"matching token", s, "https://x/meta?" + q, http.StatusOK, "1158201444"},
		{"parameters in another order", s, "https://x/meta?hub.verify_token=meatyhamhock&hub.challenge=abc-1_2.3~&hub.mode=subscribe", http.StatusOK, "abc-1_2.3~"},
		{"wrong token", s, "https://x/meta?hub.mode=subscribe&hub.challenge=1&hub.verify_token=meatyhamhocK", http.StatusForbidden, "verify_token does not match\n"},
		{"no verify_token configured", Settings{Secrets: s.Secrets}, "https://x/meta?" + q, http.StatusForbidden, "verify_token does not match\n"},
		{"escaped token matches", s, "https://x/meta?hub.mode=subscribe&hub.challenge=7&hub.verify_token=meaty%68amhock", http.StatusOK, "7"},
		{"mode unsubscribe", s, "https://x/meta?hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=meatyhamhock", 0, ""},
		{"extra parameter", s, "https://x/meta?" + q + "&x=1", 0, ""},
		{"repeated challenge", s, "https://x/meta?hub.mode=subscribe&hub.challenge=1&hub.challenge=2&hub.verify_token=meatyhamhock", 0, ""},
		{"challenge missing", s, "https://x/meta?hub.mode=subscribe&hub.verify_token=meatyhamhock&x=1", 0, ""},
		{"empty challenge", s, "https://x/meta?hub.mode=subscribe&hub.challenge=&hub.verify_token=meatyhamhock", 0, ""},
		{"markup in challenge", s, "https://x/meta?hub.mode=subscribe&hub.challenge=%3Cscript%3E&hub.verify_token=meatyhamhock", 0, ""},
		{"long challenge", s, "https://x/meta?hub.mode=subscribe&hub.challenge=" + strings.Repeat("1", metaMaxChallenge+1) + "&hub.verify_token=meatyhamhock", 0, ""},
		{"semicolon", s, "https://x/meta?hub.mode=subscribe;hub.challenge=1&hub.verify_token=meatyhamhock&x=1", 0, ""},
		{"bad escape", s, "https://x/meta?hub.mode=subscribe&hub.challenge=1&hub.verify_token=%zz", 0, ""},
		{"empty token", s, "https://x/meta?hub.mode=subscribe&hub.challenge=1&hub.verify_token=", 0, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			err, a := verifyAndAnswer(t, "meta", c.settings, request("GET", c.target, ""))
			if c.status == 0 {
				if err == nil || a != nil {
					t.Fatalf("accepted: %v %+v", err, a)
				}
				return
			}
			if err != nil || a == nil {
				t.Fatalf("not answered: %v %+v", err, a)
			}
			if a.Status != c.status || string(a.Body) != c.body || a.ContentType != "text/plain; charset=utf-8" {
				t.Fatalf("answer %d %q %q, want %d %q", a.Status, a.ContentType, a.Body, c.status, c.body)
			}
		})
	}
}

func TestMetaHandshakeNeedsGETWithoutBody(t *testing.T) {
	s := Settings{Secrets: [][]byte{[]byte("app-secret")}, Options: map[string]string{"verify_token": "tok-tok-tok"}}
	const target = "https://x/meta?hub.mode=subscribe&hub.challenge=1&hub.verify_token=tok-tok-tok"
	for _, d := range []*Delivery{request("POST", target, ""), request("GET", target, "{}"), request("HEAD", target, "")} {
		if err, a := verifyAndAnswer(t, "meta", s, d); err == nil || a != nil {
			t.Errorf("%s with %d-byte body accepted: %+v", d.Request.Method, len(d.Body), a)
		}
	}
}

func TestMetaSignedNotificationIsPassedOn(t *testing.T) {
	s := Settings{Secrets: [][]byte{[]byte("app-secret")}, Options: map[string]string{"verify_token": "tok-tok-tok"}}
	body := `{"object":"page","entry":[]}`
	d := signedDelivery(t, "meta", s, body, nil, request("GET", "https://x", "").Now)
	if got := d.Request.Header.Get("X-Hub-Signature-256"); !strings.HasPrefix(got, "sha256=") || len(got) != len("sha256=")+64 {
		t.Fatalf("signer wrote %q", got)
	}
	if err, a := verifyAndAnswer(t, "meta", s, d); err != nil || a != nil {
		t.Fatalf("signed POST: %v %+v", err, a)
	}
	d.Body = []byte(`{"object":"page","entry":[{}]}`)
	if err, _ := verifyAndAnswer(t, "meta", s, d); ReasonOf(err) != badSignature {
		t.Fatalf("tampered POST: %v", err)
	}
}

func TestMetaVerifyTokenIsASecretOption(t *testing.T) {
	p, _ := Lookup("meta")
	if !p.HasOption("verify_token") || len(p.SecretOptions) != 1 || p.SecretOptions[0] != "verify_token" {
		t.Fatalf("options %v, secret options %v", p.Options, p.SecretOptions)
	}
}

// TestMetaShortVerifyToken: a verify_token too short to be cut out of logs
// fails at provision, naming the option.
func TestMetaShortVerifyToken(t *testing.T) {
	p, _ := Lookup("meta")
	_, err := p.Build(Settings{Secrets: [][]byte{[]byte("app-secret")}, Options: map[string]string{"verify_token": "short"}})
	if err == nil || !strings.Contains(err.Error(), "verify_token must be at least 8 characters") {
		t.Fatalf("err = %v", err)
	}
}
