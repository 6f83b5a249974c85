package spool

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/nats-io/nats.go"
)

// TestSpoolKeyFile: store file without a key makes one in its directory,
// readable by the owner only, and keeps it: the same route has the same
// identity after a restart; another directory has another key. A key
// file others may read is refused.
func TestSpoolKeyFile(t *testing.T) {
	dir := t.TempDir()
	k1, err := loadKey(&Config{}, caddy.NewReplacer(), dir)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dir, keyFileName))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v, mode %v; want 0600", err, fi.Mode().Perm())
	}
	k2, err := loadKey(&Config{}, caddy.NewReplacer(), dir)
	if err != nil {
		t.Fatal(err)
	}
	secret := [][]byte{[]byte("s3cret-portal-key")}
	if a, b := k1.routeIdentities("payone", nil, secret), k2.routeIdentities("payone", nil, secret); a[0] != b[0] {
		t.Errorf("the same route has identity %s, then %s after the key was read again", a[0], b[0])
	}
	other, err := loadKey(&Config{}, caddy.NewReplacer(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if string(other.mac) == string(k1.mac) {
		t.Error("two directories made the same key")
	}
	if err := os.Chmod(filepath.Join(dir, keyFileName), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := loadKey(&Config{}, caddy.NewReplacer(), dir); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("a key file others may read: %v, want a refusal", err)
	}
	os.Chmod(filepath.Join(dir, keyFileName), 0o600)
	os.WriteFile(filepath.Join(dir, keyFileName), []byte("short\n"), 0o600)
	if _, err := loadKey(&Config{}, caddy.NewReplacer(), dir); err == nil || !strings.Contains(err.Error(), "at least 32") {
		t.Errorf("a short key file: %v, want a refusal", err)
	}
}

// TestSpoolNATSNeedsKey: store nats without a key is refused, saying how
// to give one; with one, it opens.
func TestSpoolNATSNeedsKey(t *testing.T) {
	url := gatetest.NATS(t)
	stream := gatetest.UniqueStream(t, url)
	s, err := openSpool(t, &Config{Store: "nats", URL: url, Stream: stream}, "payone", 0)
	s.Close()
	if err == nil || !strings.Contains(err.Error(), "store nats needs key") {
		t.Fatalf("store nats without key: %v", err)
	}
	s, err = openSpool(t, &Config{Store: "nats", URL: url, Stream: stream, Key: strings.Repeat("k", 32)}, "payone", 0)
	if err != nil {
		t.Fatalf("store nats with a key: %v", err)
	}
	s.Close()
}

// TestRouteIdentities: an identity depends on the key, the provider, the
// options and the secret; never on anything else, and never shows the
// secret.
func TestRouteIdentities(t *testing.T) {
	k := deriveKey([]byte(strings.Repeat("a", 32)))
	secretA, secretB := []byte("tenant-a-portal-key"), []byte("tenant-b-portal-key")
	base := k.routeIdentities("payone", map[string]string{"portal_id": "1"}, [][]byte{secretA})[0]
	for _, tt := range []struct {
		name string
		id   string
		same bool
	}{
		{"the same route again", k.routeIdentities("payone", map[string]string{"portal_id": "1"}, [][]byte{secretA})[0], true},
		{"a rotation keeping the secret, first", k.routeIdentities("payone", map[string]string{"portal_id": "1"}, [][]byte{secretA, secretB})[0], true},
		{"a rotation keeping the secret, second", k.routeIdentities("payone", map[string]string{"portal_id": "1"}, [][]byte{secretB, secretA})[1], true},
		{"another secret", k.routeIdentities("payone", map[string]string{"portal_id": "1"}, [][]byte{secretB})[0], false},
		{"another option value", k.routeIdentities("payone", map[string]string{"portal_id": "2"}, [][]byte{secretA})[0], false},
		{"no options", k.routeIdentities("payone", nil, [][]byte{secretA})[0], false},
		{"another provider", k.routeIdentities("hmac", map[string]string{"portal_id": "1"}, [][]byte{secretA})[0], false},
		{"no secret", k.routeIdentities("payone", map[string]string{"portal_id": "1"}, nil)[0], false},
		{"another key", deriveKey([]byte(strings.Repeat("b", 32))).routeIdentities("payone", map[string]string{"portal_id": "1"}, [][]byte{secretA})[0], false},
	} {
		if (tt.id == base) != tt.same {
			t.Errorf("%s: identity %s, base %s; want same=%v", tt.name, tt.id, base, tt.same)
		}
		if strings.Contains(tt.id, string(secretA)) || strings.Contains(tt.id, string(secretB)) {
			t.Errorf("%s: the identity shows the secret", tt.name)
		}
	}
}

// TestMessageMAC: the MAC of a stored message covers every header the
// dispatcher reads, the body and the stream; altering any, or adding a
// second value, or moving the message to another spool's stream fails it.
func TestMessageMAC(t *testing.T) {
	s := &Spool{stream: "HOOKGATE_PAYONE", subject: "hookgate.spool.HOOKGATE_PAYONE", provider: "payone",
		key: deriveKey([]byte(strings.Repeat("k", 32)))}
	d := &spooledRequest{Method: "POST", URI: "/hooks/payone", Host: "hooks.example", Remote: "185.60.20.10:1",
		Server: "srv0", Listen: ":443", Proto: "HTTP/1.1", TLS: true, Header: map[string][]string{"X-Webhook-Verified": {"payone"}},
		Body: []byte("txid=1"), Received: time.Now(), MsgID: "id:1", Route: "r1-abc", VerifiedHeader: "X-Webhook-Verified"}
	m, err := s.message(d)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.authentic(m.Header, m.Data); err != nil {
		t.Fatalf("a genuine message: %v", err)
	}
	clone := func() nats.Header {
		h := nats.Header{}
		for k, v := range m.Header {
			h[k] = append([]string(nil), v...)
		}
		return h
	}
	for _, name := range macHeaders {
		h := clone()
		h[name] = []string{h.Get(name) + "x"}
		if err := s.authentic(h, m.Data); err == nil {
			t.Errorf("%s altered: authentic", name)
		}
		h = clone()
		h[name] = append(h[name], "second")
		if err := s.authentic(h, m.Data); err == nil {
			t.Errorf("%s given twice: authentic", name)
		}
	}
	if err := s.authentic(m.Header, []byte("txid=2")); err == nil {
		t.Error("body altered: authentic")
	}
	other := &Spool{stream: "HOOKGATE_OTHER", key: s.key}
	if err := other.authentic(m.Header, m.Data); err == nil {
		t.Error("moved to another stream: authentic")
	}
	h := clone()
	h[spoolHeaderAttempts] = []string{"3"} // a dead letter's own
	delete(h, "Nats-Msg-Id")
	if err := s.authentic(h, m.Data); err != nil {
		t.Errorf("as dead-lettered: %v", err)
	}
}
