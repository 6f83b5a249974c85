package verifiers

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// handshakeB verifies d with the preset and, when accepted, asks for the answer.
func handshakeB(t *testing.T, preset string, s Settings, d *Delivery) (error, *Answer) {
	t.Helper()
	p, _ := Lookup(preset)
	v, err := p.Build(s)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Verify(d); err != nil {
		return err, nil
	}
	return nil, v.(Handshaker).Handshake(d)
}

func reqB(method, target, body string) *Delivery {
	return &Delivery{Request: httptest.NewRequest(method, target, strings.NewReader(body)), Body: []byte(body), Now: time.Unix(1_750_000_000, 0)}
}

func TestDropboxChallenge(t *testing.T) {
	s := Settings{Secrets: [][]byte{[]byte("dbx")}}
	err, a := handshakeB(t, "dropbox", s, reqB("GET", "https://x/hook?challenge=abc-123_XYZ", ""))
	if err != nil || a == nil || a.Status != 200 || string(a.Body) != "abc-123_XYZ" || !strings.HasPrefix(a.ContentType, "text/plain") {
		t.Fatalf("challenge: %v %+v", err, a)
	}
	for _, forged := range []*Delivery{
		reqB("GET", "https://x/hook?challenge=abc&x=1", ""),         // extra parameter
		reqB("GET", "https://x/hook?challenge=abc&challenge=d", ""), // repeated
		reqB("GET", "https://x/hook?challenge=%3Cscript%3E", ""),    // markup
		reqB("GET", "https://x/hook?challenge=", ""),
		reqB("GET", "https://x/hook?challenge="+strings.Repeat("a", 300), ""),
		reqB("GET", "https://x/hook?challenge=abc", "body"), // a body
		reqB("POST", "https://x/hook?challenge=abc", ""),    // not a GET
		reqB("GET", "https://x/hook", ""),
	} {
		if err, a := handshakeB(t, "dropbox", s, forged); err == nil || a != nil {
			t.Errorf("%s %s accepted (%+v)", forged.Request.Method, forged.Request.URL, a)
		}
	}
	// A signed POST is verified and passed on, not answered.
	m := &Message{Header: http.Header{}, Body: []byte(`{}`)}
	p, _ := Lookup("dropbox")
	_ = p.Sign(s, m)
	d := reqB("POST", "https://x/hook", "{}")
	d.Request.Header = m.Header
	if err, a := handshakeB(t, "dropbox", s, d); err != nil || a != nil {
		t.Fatalf("signed POST: %v %+v", err, a)
	}
}

func TestTrelloHeadProbe(t *testing.T) {
	s := Settings{Secrets: [][]byte{[]byte("trello")}}
	d := reqB("HEAD", "https://x/trello", "")
	d.PublicURL = "https://x/trello"
	if err, a := handshakeB(t, "trello", s, d); err != nil || a == nil || a.Status != 200 || len(a.Body) != 0 {
		t.Fatalf("HEAD: %v %+v", err, a)
	}
	for _, forged := range []*Delivery{reqB("GET", "https://x/trello", ""), reqB("POST", "https://x/trello", "")} {
		forged.PublicURL = "https://x/trello"
		if err, _ := handshakeB(t, "trello", s, forged); err == nil {
			t.Errorf("unsigned %s accepted", forged.Request.Method)
		}
	}
}

// signedB signs body for preset at now and returns the delivery.
func signedB(t *testing.T, preset string, s Settings, body string, header http.Header, now time.Time) *Delivery {
	t.Helper()
	p, _ := Lookup(preset)
	m := &Message{Header: header, Body: []byte(body), Now: now}
	if m.Header == nil {
		m.Header = http.Header{}
	}
	if err := p.Sign(s, m); err != nil {
		t.Fatal(err)
	}
	d := reqB("POST", "https://x/hook", string(m.Body))
	d.Request.Header = m.Header
	d.Now = now
	return d
}

func TestZoomURLValidation(t *testing.T) {
	now := time.Unix(1_750_000_000, 0)
	body := `{"payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1,"event":"endpoint.url_validation"}`
	old, cur := []byte("old-zoom-secret"), []byte("test-zoom-secret")
	d := signedB(t, "zoom", Settings{Secrets: [][]byte{cur}}, body, nil, now)
	err, a := handshakeB(t, "zoom", Settings{Secrets: [][]byte{old, cur}}, d)
	want := `{"encryptedToken":"2af7990b454c165b75909f45365a2b51f86f43cc9cf572d62e47556702ac0a13","plainToken":"qgg8vlvZRS6UYooatFL8Aw"}`
	if err != nil || a == nil || a.Status != 200 || a.ContentType != "application/json" || string(a.Body) != want {
		t.Fatalf("validation: %v %+v", err, a)
	}
	forged := signedB(t, "zoom", Settings{Secrets: [][]byte{[]byte("attacker")}}, body, nil, now)
	if err, a := handshakeB(t, "zoom", Settings{Secrets: [][]byte{cur}}, forged); err == nil || a != nil {
		t.Fatalf("forged validation answered: %+v", a)
	}
	ev := signedB(t, "zoom", Settings{Secrets: [][]byte{cur}}, `{"event":"meeting.started"}`, nil, now)
	if err, a := handshakeB(t, "zoom", Settings{Secrets: [][]byte{cur}}, ev); err != nil || a != nil {
		t.Fatalf("event: %v %+v", err, a)
	}
}

func TestTwitchCallbackVerification(t *testing.T) {
	now := time.Unix(1_750_000_000, 0)
	s := Settings{Secrets: [][]byte{[]byte("this-is-a-secret-123")}}
	h := http.Header{}
	h.Set("Twitch-Eventsub-Message-Type", "webhook_callback_verification")
	body := `{"challenge":"pogchamp","subscription":{}}`
	err, a := handshakeB(t, "twitch", s, signedB(t, "twitch", s, body, h, now))
	if err != nil || a == nil || a.Status != 200 || string(a.Body) != "pogchamp" {
		t.Fatalf("verification: %v %+v", err, a)
	}
	h2 := http.Header{}
	h2.Set("Twitch-Eventsub-Message-Type", "webhook_callback_verification")
	forged := signedB(t, "twitch", Settings{Secrets: [][]byte{[]byte("attacker-secret")}}, body, h2, now)
	if err, a := handshakeB(t, "twitch", s, forged); err == nil || a != nil {
		t.Fatalf("forged verification answered: %+v", a)
	}
	if err, a := handshakeB(t, "twitch", s, signedB(t, "twitch", s, body, nil, now)); err != nil || a != nil {
		t.Fatalf("notification: %v %+v", err, a)
	}
	if _, err := mustPreset("twitch").Build(Settings{Secrets: [][]byte{[]byte("short")}}); err == nil {
		t.Fatal("a 5-character secret was accepted")
	}
}

func mustPreset(name string) Preset { p, _ := Lookup(name); return p }

func TestDiscordPing(t *testing.T) {
	now := time.Unix(1_750_000_000, 0)
	priv, pub := keyPairB(t, Ed25519, 1)
	s := Settings{Secrets: [][]byte{[]byte(priv)}, PublicKeys: []string{pub}}
	err, a := handshakeB(t, "discord", s, signedB(t, "discord", s, `{"type":1}`, nil, now))
	if err != nil || a == nil || a.Status != 200 || string(a.Body) != `{"type":1}` || a.ContentType != "application/json" {
		t.Fatalf("PING: %v %+v", err, a)
	}
	if err, a := handshakeB(t, "discord", s, signedB(t, "discord", s, `{"type":2}`, nil, now)); err != nil || a != nil {
		t.Fatalf("command: %v %+v", err, a)
	}
	ev := Settings{Secrets: s.Secrets, PublicKeys: s.PublicKeys, Options: map[string]string{"mode": "events"}}
	err, a = handshakeB(t, "discord", ev, signedB(t, "discord", ev, `{"version":1,"type":0}`, nil, now))
	if err != nil || a == nil || a.Status != 204 || len(a.Body) != 0 {
		t.Fatalf("events PING: %v %+v", err, a)
	}
	if err, a := handshakeB(t, "discord", ev, signedB(t, "discord", ev, `{"version":1,"type":1}`, nil, now)); err != nil || a != nil {
		t.Fatalf("event: %v %+v", err, a)
	}
	otherPriv, _ := keyPairB(t, Ed25519, 2)
	forged := signedB(t, "discord", Settings{Secrets: [][]byte{[]byte(otherPriv)}, PublicKeys: []string{pub}}, `{"type":1}`, nil, now)
	if err, a := handshakeB(t, "discord", s, forged); err == nil || a != nil {
		t.Fatalf("forged PING answered: %+v", a)
	}
}
