package verifiers

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestYouTubeVerificationOfIntent(t *testing.T) {
	const topic = "https://www.youtube.com/xml/feeds/videos.xml?channel_id=UC1"
	s := Settings{Secrets: [][]byte{[]byte("hub-secret")}, Options: map[string]string{"topic": topic + " https://www.youtube.com/xml/feeds/videos.xml?channel_id=UC2"}}
	get := func(params ...string) *Delivery {
		q := url.Values{}
		for i := 0; i+1 < len(params); i += 2 {
			q.Add(params[i], params[i+1])
		}
		return request("GET", "https://x/hook?"+q.Encode(), "")
	}
	for _, mode := range []string{"subscribe", "unsubscribe"} {
		err, a := verifyAndAnswer(t, "youtube", s, get("hub.mode", mode, "hub.topic", topic, "hub.challenge", "1234-abc"))
		if err != nil || a == nil || a.Status != http.StatusOK || string(a.Body) != "1234-abc" || !strings.HasPrefix(a.ContentType, "text/plain") {
			t.Fatalf("%s: %v %+v", mode, err, a)
		}
	}
	if err, a := verifyAndAnswer(t, "youtube", s, get("hub.mode", "subscribe", "hub.topic", topic, "hub.challenge", "c1", "hub.lease_seconds", "432000")); err != nil || a == nil {
		t.Fatalf("with a lease: %v %+v", err, a)
	}
	for name, forged := range map[string]*Delivery{
		"other topic":        get("hub.mode", "subscribe", "hub.topic", topic+"x", "hub.challenge", "c1"),
		"denied":             get("hub.mode", "denied", "hub.topic", topic, "hub.challenge", "c1"),
		"no challenge":       get("hub.mode", "subscribe", "hub.topic", topic),
		"markup":             get("hub.mode", "subscribe", "hub.topic", topic, "hub.challenge", "<b>"),
		"long":               get("hub.mode", "subscribe", "hub.topic", topic, "hub.challenge", strings.Repeat("a", 300)),
		"extra parameter":    get("hub.mode", "subscribe", "hub.topic", topic, "hub.challenge", "c1", "x", "1"),
		"repeated challenge": get("hub.mode", "subscribe", "hub.topic", topic, "hub.challenge", "c1", "hub.challenge", "c2"),
		"lease not digits":   get("hub.mode", "subscribe", "hub.topic", topic, "hub.challenge", "c1", "hub.lease_seconds", "1e9"),
		"unsubscribe lease":  get("hub.mode", "unsubscribe", "hub.topic", topic, "hub.challenge", "c1", "hub.lease_seconds", "10"),
		"semicolon":          request("GET", "https://x/hook?hub.mode=subscribe;hub.topic="+url.QueryEscape(topic)+"&hub.challenge=c1", ""),
		"with a body":        request("GET", "https://x/hook?hub.mode=subscribe&hub.topic="+url.QueryEscape(topic)+"&hub.challenge=c1", "x"),
		"POST":               request("POST", "https://x/hook?hub.mode=subscribe&hub.topic="+url.QueryEscape(topic)+"&hub.challenge=c1", ""),
	} {
		if err, a := verifyAndAnswer(t, "youtube", s, forged); err == nil || a != nil {
			t.Errorf("%s: accepted (%+v)", name, a)
		}
	}
	// A signed notification is verified and passed on, not answered.
	p, _ := Lookup("youtube")
	m := &Message{Header: http.Header{}, Body: p.SampleBody()}
	if err := p.Sign(s, m); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(m.Header.Get("X-Hub-Signature"), "sha1=") {
		t.Fatalf("signature header %q", m.Header.Get("X-Hub-Signature"))
	}
	d := request("POST", "https://x/hook", string(m.Body))
	d.Request.Header = m.Header
	if err, a := verifyAndAnswer(t, "youtube", s, d); err != nil || a != nil {
		t.Fatalf("signed POST: %v %+v", err, a)
	}
}

func TestYouTubeNeedsTopic(t *testing.T) {
	p, _ := Lookup("youtube")
	if _, err := p.Build(Settings{Secrets: [][]byte{[]byte("s")}}); err == nil {
		t.Fatal("built without topic")
	}
}
