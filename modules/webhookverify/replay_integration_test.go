package webhookverify

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/gatetest"
)

// Replay protection through a real Caddy: in this process with the memory
// store, and as a cluster of two Caddy processes sharing one real Redis.

// countingUpstream is an app that counts the deliveries that reach it, by
// body, answers with a settable status and body, and can be slow.
type countingUpstream struct {
	*httptest.Server
	mu     sync.Mutex
	hits   map[string]int
	paths  map[string]int // by URL path
	status int
	reply  string
	delay  time.Duration
	drop   bool // hang up without an answer (a crashed app)
	// arrived receives a value (when there is room) each time a delivery
	// reaches the app, before the delay.
	arrived chan struct{}
}

func startCountingUpstream(t *testing.T, reply string) *countingUpstream {
	t.Helper()
	u := &countingUpstream{hits: map[string]int{}, paths: map[string]int{}, status: http.StatusOK, reply: reply, arrived: make(chan struct{}, 64)}
	u.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		u.mu.Lock()
		u.hits[string(body)]++
		u.paths[r.URL.Path]++
		status, reply, delay, drop := u.status, u.reply, u.delay, u.drop
		u.mu.Unlock()
		select {
		case u.arrived <- struct{}{}:
		default:
		}
		time.Sleep(delay)
		if drop {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		io.WriteString(w, reply)
	}))
	t.Cleanup(u.Close)
	return u
}

// answer sets what the app answers from now on.
func (u *countingUpstream) answer(status int, reply string) {
	u.mu.Lock()
	u.status, u.reply = status, reply
	u.mu.Unlock()
}

func (u *countingUpstream) setDrop(drop bool) {
	u.mu.Lock()
	u.drop = drop
	u.mu.Unlock()
}

func (u *countingUpstream) setDelay(d time.Duration) {
	u.mu.Lock()
	u.delay = d
	u.mu.Unlock()
}

// count is how often body reached the app.
func (u *countingUpstream) count(body []byte) int {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.hits[string(body)]
}

// countPath is how many deliveries reached the app at path.
func (u *countingUpstream) countPath(path string) int {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.paths[path]
}

func hmacHex(secret, body string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(body))
	return hex.EncodeToString(m.Sum(nil))
}

func (u *countingUpstream) addr() string { return strings.TrimPrefix(u.URL, "http://") }

// replaySite is a Payone route with replay protection; REPLAY is replaced
// by the replay block.
const replaySite = gatetest.ErrorsSite + `
	handle /payone {
		webhook_verify payone {
			secret ` + gatetest.PayonePortalKey + `
			REPLAY
		}
		reverse_proxy UPSTREAM
	}
`

func replayConfig(block string) string { return strings.Replace(replaySite, "REPLAY", block, 1) }

// sendAll posts body to every gate in gates, copies times each, all at
// once, and returns the answers.
func sendAll(t *testing.T, gates []*gatetest.Gate, copies int, body []byte) []gatetest.Reply {
	t.Helper()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var replies []gatetest.Reply
	for _, g := range gates {
		for range copies {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rep := g.Post(t, "/payone", gatetest.PayoneHeader(), body)
				mu.Lock()
				replies = append(replies, rep)
				mu.Unlock()
			}()
		}
	}
	wg.Wait()
	return replies
}

// TestReplayMemoryThroughCaddy: with the default memory store, a copy of an
// acknowledged delivery gets the app's TSOK without reaching the app; a
// copy of a delivery the app failed goes through; copies sent at the same
// moment reach the app once; a different delivery is not a copy.
func TestReplayMemoryThroughCaddy(t *testing.T) {
	up := startCountingUpstream(t, "TSOK")
	g := gatetest.StartGate(t, nil, gatetest.TrustedLoopback, strings.ReplaceAll(replayConfig("replay 1h"), "UPSTREAM", up.addr()))

	first := gatetest.PayoneDelivery(1)
	for i, want := range []int{1, 1, 1} {
		rep := g.Post(t, "/payone", gatetest.PayoneHeader(), first)
		if rep.Status != 200 || rep.Body != "TSOK" {
			t.Fatalf("copy %d: answer %d %q, want 200 TSOK", i+1, rep.Status, rep.Body)
		}
		if got := up.count(first); got != want {
			t.Fatalf("copy %d: the app saw the delivery %d times, want %d", i+1, got, want)
		}
	}
	if rep := g.Post(t, "/payone", gatetest.PayoneHeader(), gatetest.PayoneDelivery(2)); rep.Status != 200 || up.count(gatetest.PayoneDelivery(2)) != 1 {
		t.Fatalf("the next sequencenumber was treated as a copy: %+v", rep)
	}

	t.Run("app fails, retry goes through", func(t *testing.T) {
		body := gatetest.PayoneDelivery(3)
		up.answer(http.StatusInternalServerError, "db down")
		if rep := g.Post(t, "/payone", gatetest.PayoneHeader(), body); rep.Status != 500 {
			t.Fatalf("first copy: %d %q, want the app's 500", rep.Status, rep.Body)
		}
		up.answer(http.StatusOK, "ERROR not ready") // Payone's failure: not TSOK
		g.Post(t, "/payone", gatetest.PayoneHeader(), body)
		up.answer(http.StatusOK, "TSOK")
		if rep := g.Post(t, "/payone", gatetest.PayoneHeader(), body); rep.Body != "TSOK" {
			t.Fatalf("third copy: %d %q", rep.Status, rep.Body)
		}
		g.Post(t, "/payone", gatetest.PayoneHeader(), body)
		if got := up.count(body); got != 3 {
			t.Fatalf("the app saw the delivery %d times, want 3 (500, not TSOK, TSOK; the 4th is a replay)", got)
		}
	})

	t.Run("app drops the connection, retry goes through", func(t *testing.T) {
		body := gatetest.PayoneDelivery(4)
		up.setDrop(true)
		if rep := g.Post(t, "/payone", gatetest.PayoneHeader(), body); rep.Status != 502 {
			t.Fatalf("first copy: %d %q, want 502 from reverse_proxy", rep.Status, rep.Body)
		}
		up.setDrop(false)
		if rep := g.Post(t, "/payone", gatetest.PayoneHeader(), body); rep.Status != 200 || rep.Body != "TSOK" {
			t.Fatalf("retry: %d %q, want it to reach the app", rep.Status, rep.Body)
		}
		if got := up.count(body); got != 2 {
			t.Fatalf("the app saw %d copies, want 2", got)
		}
	})

	t.Run("concurrent copies reach the app once", func(t *testing.T) {
		g := gatetest.StartGate(t, nil, gatetest.TrustedLoopback, strings.ReplaceAll(replayConfig("replay 1h"), "UPSTREAM", up.addr()))
		up.setDelay(300 * time.Millisecond)
		defer up.setDelay(0)
		body := gatetest.PayoneDelivery(5)
		for _, rep := range sendAll(t, []*gatetest.Gate{g}, 6, body) {
			if rep.Status != 200 || rep.Body != "TSOK" {
				t.Errorf("a copy got %d %q, want 200 TSOK", rep.Status, rep.Body)
			}
		}
		if got := up.count(body); got != 1 {
			t.Fatalf("6 concurrent copies reached the app %d times, want 1", got)
		}
	})
}

// TestReplayWindowExpires: after the window, a copy is new again.
func TestReplayWindowExpires(t *testing.T) {
	up := startCountingUpstream(t, "TSOK")
	g := gatetest.StartGate(t, nil, gatetest.TrustedLoopback, strings.ReplaceAll(replayConfig("replay 400ms"), "UPSTREAM", up.addr()))
	body := gatetest.PayoneDelivery(1)
	g.Post(t, "/payone", gatetest.PayoneHeader(), body)
	g.Post(t, "/payone", gatetest.PayoneHeader(), body)
	if got := up.count(body); got != 1 {
		t.Fatalf("within the window the app saw %d copies, want 1", got)
	}
	time.Sleep(600 * time.Millisecond)
	g.Post(t, "/payone", gatetest.PayoneHeader(), body)
	if got := up.count(body); got != 2 {
		t.Fatalf("after the window the app saw %d copies, want 2", got)
	}
}

// TestReplayInFlightTimeout: a copy that arrives while the first is still
// with the app, and stays longer than wait, gets 503 with Retry-After; it
// never reaches the app.
func TestReplayInFlightTimeout(t *testing.T) {
	up := startCountingUpstream(t, "TSOK")
	up.setDelay(1500 * time.Millisecond)
	g := gatetest.StartGate(t, nil, gatetest.TrustedLoopback, strings.ReplaceAll(replayConfig("replay 1h {\n\t\t\t\twait 200ms\n\t\t\t}"), "UPSTREAM", up.addr()))
	body := gatetest.PayoneDelivery(1)
	firstDone := make(chan gatetest.Reply)
	go func() { firstDone <- g.Post(t, "/payone", gatetest.PayoneHeader(), body) }()
	<-up.arrived // the first copy is now with the app
	req, _ := http.NewRequest(http.MethodPost, g.Base+"/payone", bytes.NewReader(body))
	req.Header = gatetest.PayoneHeader()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" || !strings.Contains(string(msg), "still being processed") {
		t.Fatalf("copy during flight: %d %q Retry-After=%q; want 503 with Retry-After", resp.StatusCode, msg, resp.Header.Get("Retry-After"))
	}
	if rep := <-firstDone; rep.Status != 200 || rep.Body != "TSOK" {
		t.Fatalf("first copy: %+v", rep)
	}
	if got := up.count(body); got != 1 {
		t.Fatalf("the app saw %d copies, want 1", got)
	}
}

// TestReplayGenericHMAC: the generic scheme tells deliveries apart by the
// fingerprint of the signed body (changing an unsigned header does not make
// a new delivery), or by id_field, an ID inside the signed body. An
// id_header is not signed by this scheme, so it names deliveries in logs
// but a replay with a fresh id_header is still caught by the fingerprint.
func TestReplayGenericHMAC(t *testing.T) {
	up := startCountingUpstream(t, "ok")
	site := gatetest.ErrorsSite + `
	handle /fp {
		webhook_verify hmac {
			secret partner-secret
			header X-Signature
			replay 1h
		}
		reverse_proxy ` + up.addr() + `
	}
	handle /id {
		webhook_verify hmac {
			secret partner-secret
			header X-Signature
			id_field event_id
			replay 1h
		}
		reverse_proxy ` + up.addr() + `
	}
	handle /idheader {
		webhook_verify hmac {
			secret partner-secret
			header X-Signature
			id_header X-Delivery
			replay 1h
		}
		reverse_proxy ` + up.addr() + `
	}`
	g := gatetest.StartGate(t, nil, "", site)
	sign := func(body string) string { return hmacHex("partner-secret", body) }

	body := `{"event":"a"}`
	for i, extra := range []string{"", "1", "2"} {
		h := http.Header{"X-Signature": {sign(body)}, "X-Unsigned": {extra}}
		if rep := g.Post(t, "/fp", h, []byte(body)); rep.Status != 200 || rep.Body != "ok" {
			t.Fatalf("copy %d: %+v", i, rep)
		}
	}
	if got := up.count([]byte(body)); got != 1 {
		t.Fatalf("fingerprint: the app saw %d copies, want 1", got)
	}

	for i, b := range []string{`{"event_id":"d-1","try":1}`, `{"event_id":"d-1","try":2}`} {
		h := http.Header{"X-Signature": {sign(b)}}
		g.Post(t, "/id", h, []byte(b))
		if got := up.count([]byte(`{"event_id":"d-1","try":1}`)) + up.count([]byte(`{"event_id":"d-1","try":2}`)); got != 1 {
			t.Fatalf("id_field: after copy %d the app saw %d deliveries, want 1", i+1, got)
		}
	}

	replayed := `{"event":"c"}`
	for i, id := range []string{"d-1", "d-forged-2"} {
		h := http.Header{"X-Signature": {sign(replayed)}, "X-Delivery": {id}}
		if rep := g.Post(t, "/idheader", h, []byte(replayed)); rep.Status != 200 {
			t.Fatalf("copy %d: %+v", i, rep)
		}
	}
	if got := up.count([]byte(replayed)); got != 1 {
		t.Fatalf("a replay with a fresh unsigned id_header reached the app: %d copies, want 1", got)
	}
}

// TestReplayStoreUnreachable: with Redis down, the default refuses with
// 503 (the provider retries, nothing is lost); on_store_error forward
// passes the delivery on unchecked.
func TestReplayStoreUnreachable(t *testing.T) {
	up := startCountingUpstream(t, "TSOK")
	closed := fmt.Sprintf("redis://:pw@127.0.0.1:%d/0", gatetest.FreePort(t))
	site := gatetest.ErrorsSite + `
	handle /refuse {
		webhook_verify payone {
			secret ` + gatetest.PayonePortalKey + `
			replay 1h {
				store redis ` + closed + `
			}
		}
		reverse_proxy ` + up.addr() + `
	}
	handle /forward {
		webhook_verify payone {
			secret ` + gatetest.PayonePortalKey + `
			replay 1h {
				store redis ` + closed + `
				on_store_error forward
			}
		}
		reverse_proxy ` + up.addr() + `
	}`
	g := gatetest.StartGate(t, nil, gatetest.TrustedLoopback, site)
	body := gatetest.PayoneDelivery(1)
	rep := g.Post(t, "/refuse", gatetest.PayoneHeader(), body)
	if rep.Status != 503 || !strings.Contains(rep.Body, "replay protection is unavailable") || up.count(body) != 0 {
		t.Fatalf("refuse: %d %q, app saw %d; want 503 and nothing forwarded", rep.Status, rep.Body, up.count(body))
	}
	rep = g.Post(t, "/forward", gatetest.PayoneHeader(), body)
	if rep.Status != 200 || rep.Body != "TSOK" || up.count(body) != 1 {
		t.Fatalf("forward: %d %q, app saw %d; want it forwarded", rep.Status, rep.Body, up.count(body))
	}
}

// TestReplayClusterRedis: two Caddy processes behind one "load balancer"
// (the test sends to both) share one real Redis. The same delivery sent to
// both at once reaches the app once; a copy after the app's 5xx goes
// through; a copy after success, at the other gate, gets the stored TSOK;
// after the window a copy is new again.
func TestReplayClusterRedis(t *testing.T) {
	srv := gatetest.StartRedis(t)
	up := startCountingUpstream(t, "TSOK")
	site := gatetest.ErrorsSite + `
	handle /payone {
		webhook_verify payone {
			secret ` + gatetest.PayonePortalKey + `
			replay 1h {
				store redis {env.HOOKGATE_TEST_REDIS}
			}
		}
		reverse_proxy UPSTREAM
	}
	handle /short {
		webhook_verify payone {
			secret ` + gatetest.PayonePortalKey + `
			replay 1s {
				store redis {env.HOOKGATE_TEST_REDIS}
				scope short
			}
		}
		reverse_proxy UPSTREAM
	}`
	env := "HOOKGATE_TEST_REDIS=" + srv.URL()
	a := gatetest.StartGateProcess(t, up.addr(), gatetest.TrustedLoopback, site, env)
	b := gatetest.StartGateProcess(t, up.addr(), gatetest.TrustedLoopback, site, env)
	gates := []*gatetest.Gate{&a.Gate, &b.Gate}

	t.Run("same delivery to both gates at once reaches the app once", func(t *testing.T) {
		up.setDelay(400 * time.Millisecond)
		defer up.setDelay(0)
		for round := 1; round <= 3; round++ {
			body := gatetest.PayoneDelivery(100 + round)
			replies := sendAll(t, gates, 4, body)
			for _, rep := range replies {
				if rep.Status != 200 || rep.Body != "TSOK" {
					t.Errorf("round %d: a copy got %d %q, want 200 TSOK", round, rep.Status, rep.Body)
				}
			}
			if got := up.count(body); got != 1 {
				t.Fatalf("round %d: 8 concurrent copies over 2 gates reached the app %d times, want 1", round, got)
			}
		}
	})

	t.Run("after a 5xx the retry goes through, after success it is answered", func(t *testing.T) {
		body := gatetest.PayoneDelivery(200)
		up.answer(http.StatusServiceUnavailable, "busy")
		if rep := a.Post(t, "/payone", gatetest.PayoneHeader(), body); rep.Status != 503 {
			t.Fatalf("gate A: %d %q, want the app's 503", rep.Status, rep.Body)
		}
		up.answer(http.StatusOK, "TSOK")
		if rep := b.Post(t, "/payone", gatetest.PayoneHeader(), body); rep.Status != 200 || rep.Body != "TSOK" {
			t.Fatalf("gate B retry: %d %q", rep.Status, rep.Body)
		}
		if got := up.count(body); got != 2 {
			t.Fatalf("the app saw %d copies, want 2 (the failed one and the retry)", got)
		}
		up.answer(http.StatusOK, "changed") // a replay must get the stored answer, not a new one
		for _, g := range gates {
			if rep := g.Post(t, "/payone", gatetest.PayoneHeader(), body); rep.Status != 200 || rep.Body != "TSOK" {
				t.Fatalf("replay at %s: %d %q, want the stored 200 TSOK", g.Base, rep.Status, rep.Body)
			}
		}
		up.answer(http.StatusOK, "TSOK")
		if got := up.count(body); got != 2 {
			t.Fatalf("replays reached the app: %d copies, want 2", got)
		}
	})

	t.Run("window expiry", func(t *testing.T) {
		body := gatetest.PayoneDelivery(300)
		if rep := a.Send(t, http.MethodPost, "/short", gatetest.PayoneHeader(), bytes.NewReader(body)); rep.Status != 200 {
			t.Fatalf("first: %+v", rep)
		}
		b.Send(t, http.MethodPost, "/short", gatetest.PayoneHeader(), bytes.NewReader(body))
		if got := up.count(body); got != 1 {
			t.Fatalf("within the window: %d copies reached the app, want 1", got)
		}
		time.Sleep(1300 * time.Millisecond)
		b.Send(t, http.MethodPost, "/short", gatetest.PayoneHeader(), bytes.NewReader(body))
		if got := up.count(body); got != 2 {
			t.Fatalf("after the window: %d copies reached the app, want 2", got)
		}
	})
}
