package verifiers

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// verifyAndAnswer verifies d with the preset and, when accepted, asks for the answer.
func verifyAndAnswer(t *testing.T, preset string, s Settings, d *Delivery) (error, *Answer) {
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

func request(method, target, body string) *Delivery {
	return &Delivery{Request: httptest.NewRequest(method, target, strings.NewReader(body)), Body: []byte(body), Now: time.Unix(1_750_000_000, 0)}
}

// formRequest is request with a form Content-Type.
func formRequest(method, target, body string) *Delivery {
	d := request(method, target, body)
	d.Request.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return d
}

func TestDropboxChallenge(t *testing.T) {
	s := Settings{Secrets: [][]byte{[]byte("dbx")}}
	err, a := verifyAndAnswer(t, "dropbox", s, request("GET", "https://x/hook?challenge=abc-123_XYZ", ""))
	if err != nil || a == nil || a.Status != 200 || string(a.Body) != "abc-123_XYZ" || !strings.HasPrefix(a.ContentType, "text/plain") {
		t.Fatalf("challenge: %v %+v", err, a)
	}
	for _, forged := range []*Delivery{
		request("GET", "https://x/hook?challenge=abc&x=1", ""),         // extra parameter
		request("GET", "https://x/hook?challenge=abc&challenge=d", ""), // repeated
		request("GET", "https://x/hook?challenge=%3Cscript%3E", ""),    // markup
		request("GET", "https://x/hook?challenge=", ""),
		request("GET", "https://x/hook?challenge="+strings.Repeat("a", 300), ""),
		request("GET", "https://x/hook?challenge=abc", "body"), // a body
		request("POST", "https://x/hook?challenge=abc", ""),    // not a GET
		request("GET", "https://x/hook", ""),
	} {
		if err, a := verifyAndAnswer(t, "dropbox", s, forged); err == nil || a != nil {
			t.Errorf("%s %s accepted (%+v)", forged.Request.Method, forged.Request.URL, a)
		}
	}
	// A signed POST is verified and passed on, not answered.
	m := &Message{Header: http.Header{}, Body: []byte(`{}`)}
	p, _ := Lookup("dropbox")
	_ = p.Sign(s, m)
	d := request("POST", "https://x/hook", "{}")
	d.Request.Header = m.Header
	if err, a := verifyAndAnswer(t, "dropbox", s, d); err != nil || a != nil {
		t.Fatalf("signed POST: %v %+v", err, a)
	}
}

func TestTrelloHeadProbe(t *testing.T) {
	s := Settings{Secrets: [][]byte{[]byte("trello")}}
	d := request("HEAD", "https://x/trello", "")
	d.PublicURL = "https://x/trello"
	if err, a := verifyAndAnswer(t, "trello", s, d); err != nil || a == nil || a.Status != 200 || len(a.Body) != 0 {
		t.Fatalf("HEAD: %v %+v", err, a)
	}
	for _, forged := range []*Delivery{request("GET", "https://x/trello", ""), request("POST", "https://x/trello", "")} {
		forged.PublicURL = "https://x/trello"
		if err, _ := verifyAndAnswer(t, "trello", s, forged); err == nil {
			t.Errorf("unsigned %s accepted", forged.Request.Method)
		}
	}
}

// signedDelivery signs body for preset at now and returns the delivery.
func signedDelivery(t *testing.T, preset string, s Settings, body string, header http.Header, now time.Time) *Delivery {
	t.Helper()
	p, _ := Lookup(preset)
	m := &Message{Header: header, Body: []byte(body), Now: now}
	if m.Header == nil {
		m.Header = http.Header{}
	}
	if err := p.Sign(s, m); err != nil {
		t.Fatal(err)
	}
	d := request("POST", "https://x/hook", string(m.Body))
	d.Request.Header = m.Header
	d.Now = now
	return d
}

func TestZoomURLValidation(t *testing.T) {
	now := time.Unix(1_750_000_000, 0)
	body := `{"payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1,"event":"endpoint.url_validation"}`
	old, cur := []byte("old-zoom-secret"), []byte("test-zoom-secret")
	d := signedDelivery(t, "zoom", Settings{Secrets: [][]byte{cur}}, body, nil, now)
	err, a := verifyAndAnswer(t, "zoom", Settings{Secrets: [][]byte{old, cur}}, d)
	want := `{"encryptedToken":"2af7990b454c165b75909f45365a2b51f86f43cc9cf572d62e47556702ac0a13","plainToken":"qgg8vlvZRS6UYooatFL8Aw"}`
	if err != nil || a == nil || a.Status != 200 || a.ContentType != "application/json" || string(a.Body) != want {
		t.Fatalf("validation: %v %+v", err, a)
	}
	forged := signedDelivery(t, "zoom", Settings{Secrets: [][]byte{[]byte("attacker")}}, body, nil, now)
	if err, a := verifyAndAnswer(t, "zoom", Settings{Secrets: [][]byte{cur}}, forged); err == nil || a != nil {
		t.Fatalf("forged validation answered: %+v", a)
	}
	ev := signedDelivery(t, "zoom", Settings{Secrets: [][]byte{cur}}, `{"event":"meeting.started"}`, nil, now)
	if err, a := verifyAndAnswer(t, "zoom", Settings{Secrets: [][]byte{cur}}, ev); err != nil || a != nil {
		t.Fatalf("event: %v %+v", err, a)
	}
}

func TestTwitchCallbackVerification(t *testing.T) {
	now := time.Unix(1_750_000_000, 0)
	s := Settings{Secrets: [][]byte{[]byte("this-is-a-secret-123")}}
	h := http.Header{}
	h.Set("Twitch-Eventsub-Message-Type", "webhook_callback_verification")
	body := `{"challenge":"pogchamp","subscription":{}}`
	err, a := verifyAndAnswer(t, "twitch", s, signedDelivery(t, "twitch", s, body, h, now))
	if err != nil || a == nil || a.Status != 200 || string(a.Body) != "pogchamp" {
		t.Fatalf("verification: %v %+v", err, a)
	}
	h2 := http.Header{}
	h2.Set("Twitch-Eventsub-Message-Type", "webhook_callback_verification")
	forged := signedDelivery(t, "twitch", Settings{Secrets: [][]byte{[]byte("attacker-secret")}}, body, h2, now)
	if err, a := verifyAndAnswer(t, "twitch", s, forged); err == nil || a != nil {
		t.Fatalf("forged verification answered: %+v", a)
	}
	if err, a := verifyAndAnswer(t, "twitch", s, signedDelivery(t, "twitch", s, body, nil, now)); err != nil || a != nil {
		t.Fatalf("notification: %v %+v", err, a)
	}
	if _, err := mustPreset("twitch").Build(Settings{Secrets: [][]byte{[]byte("short")}}); err == nil {
		t.Fatal("a 5-character secret was accepted")
	}
}

func TestDiscordPing(t *testing.T) {
	now := time.Unix(1_750_000_000, 0)
	priv, pub := keyPair(t, sigEd25519, 1)
	s := Settings{Secrets: [][]byte{[]byte(priv)}, PublicKeys: []string{pub}}
	err, a := verifyAndAnswer(t, "discord", s, signedDelivery(t, "discord", s, `{"type":1}`, nil, now))
	if err != nil || a == nil || a.Status != 200 || string(a.Body) != `{"type":1}` || a.ContentType != "application/json" {
		t.Fatalf("PING: %v %+v", err, a)
	}
	if err, a := verifyAndAnswer(t, "discord", s, signedDelivery(t, "discord", s, `{"type":2}`, nil, now)); err != nil || a != nil {
		t.Fatalf("command: %v %+v", err, a)
	}
	ev := Settings{Secrets: s.Secrets, PublicKeys: s.PublicKeys, Options: map[string]string{"mode": "events"}}
	err, a = verifyAndAnswer(t, "discord", ev, signedDelivery(t, "discord", ev, `{"version":1,"type":0}`, nil, now))
	if err != nil || a == nil || a.Status != 204 || len(a.Body) != 0 {
		t.Fatalf("events PING: %v %+v", err, a)
	}
	if err, a := verifyAndAnswer(t, "discord", ev, signedDelivery(t, "discord", ev, `{"version":1,"type":1}`, nil, now)); err != nil || a != nil {
		t.Fatalf("event: %v %+v", err, a)
	}
	otherPriv, _ := keyPair(t, sigEd25519, 2)
	forged := signedDelivery(t, "discord", Settings{Secrets: [][]byte{[]byte(otherPriv)}, PublicKeys: []string{pub}}, `{"type":1}`, nil, now)
	if err, a := verifyAndAnswer(t, "discord", s, forged); err == nil || a != nil {
		t.Fatalf("forged PING answered: %+v", a)
	}
}

// TestWooCommercePingAndXeroIntent: the gate answers WooCommerce's unsigned
// ping and Xero's signed Intent-to-Receive, and nothing else.
func TestWooCommercePingAndXeroIntent(t *testing.T) {
	now := time.Unix(1700000000, 0)
	// WooCommerce: the unsigned ping is answered 200 by the gate.
	p, _ := Lookup("woocommerce")
	v, _ := p.Build(Settings{Secrets: [][]byte{[]byte("s")}})
	ping := deliverMessage(&Message{Header: map[string][]string{}}, []byte("webhook_id=12"), now)
	if _, err := v.Verify(ping); err != nil {
		t.Fatalf("woocommerce ping refused: %v", err)
	}
	if a := v.(Handshaker).Handshake(ping); a == nil || a.Status != 200 {
		t.Fatalf("woocommerce ping answer = %+v", a)
	}
	other := deliverMessage(&Message{Header: map[string][]string{}}, []byte("webhook_id=12&x=1"), now)
	if _, err := v.Verify(other); ReasonOf(err) != missingSignature {
		t.Fatalf("unsigned non-ping: %v", err)
	}
	// Xero: a signed delivery with no events is answered 200, empty body.
	xp, _ := Lookup("xero")
	xv, _ := xp.Build(Settings{Secrets: [][]byte{[]byte("k")}})
	m := &Message{Body: []byte(`{"events":[],"firstEventSequence":0}`), Now: now}
	if err := xp.Sign(Settings{Secrets: [][]byte{[]byte("k")}}, m); err != nil {
		t.Fatal(err)
	}
	d := deliverMessage(m, m.Body, now)
	if _, err := xv.Verify(d); err != nil {
		t.Fatal(err)
	}
	if a := xv.(Handshaker).Handshake(d); a == nil || a.Status != 200 || len(a.Body) != 0 {
		t.Fatalf("xero ITR answer = %+v", a)
	}
	m2 := &Message{Body: []byte(`{"events":[{"eventType":"CREATE"}]}`), Now: now}
	_ = xp.Sign(Settings{Secrets: [][]byte{[]byte("k")}}, m2)
	if a := xv.(Handshaker).Handshake(deliverMessage(m2, m2.Body, now)); a != nil {
		t.Fatalf("xero event answered by the gate: %+v", a)
	}
}

// mustPreset returns the registered preset called name.
func mustPreset(name string) Preset { p, _ := Lookup(name); return p }
