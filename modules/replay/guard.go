package replay

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"

	"github.com/hookgate/hookgate/verifiers"
)

// Outcome is how Serve dealt with a delivery. The values are the
// handler's outcome names (the `outcome` label of its metrics).
type Outcome string

// Outcomes of Serve.
const (
	// Passed: the delivery was passed on (Serve's error is pass's).
	Passed Outcome = "accepted"
	// Replayed: a copy of an acknowledged delivery, answered with the
	// stored acknowledgement.
	Replayed Outcome = "replay"
	// InFlight: an earlier copy was still with the app after the wait;
	// nothing was written, the caller refuses with 503.
	InFlight Outcome = "replay_in_flight"
	// StoreDown: the store could not be reached and on_store_error
	// refuses; nothing was written, the caller refuses with 503.
	StoreDown Outcome = "replay_store_error"
)

// Guard is a provisioned Config: it lets each verified delivery
// reach the app once. The handler hands it the delivery's identity and a
// callback that passes the delivery on; the guard claims the identity in
// its store, calls the callback at most once, and remembers the app's
// acknowledgement for the copies that follow.
type Guard struct {
	provider string
	store    replayStore
	poolKey  string   // memory stores: the key in memoryStores
	prefix   string   // key prefix: replayKeyPrefix + scope + ":"
	keys     [][]byte // the route's secrets (or public keys), by Verified.Key
	window   time.Duration
	wait     time.Duration
	lease    time.Duration
	forward  bool                               // on_store_error forward
	ack      func(status int, body []byte) bool // the preset's acknowledgement
	now      func() time.Time
	logger   *zap.Logger
}

// StoreKey is where a verified delivery's identity is kept: an HMAC of the
// identity under the secret that verified it, so deliveries verified under
// different secrets (two tenants, two routes) never share a key, and the
// store learns neither the identity nor anything that would let it forge.
func (g *Guard) StoreKey(v verifiers.Verified) (string, error) {
	id, err := v.Identity()
	if err != nil {
		return "", err
	}
	var key []byte
	switch {
	case v.Key >= 0 && v.Key < len(g.keys):
		key = g.keys[v.Key]
	case len(g.keys) > 0:
		// A key the route does not have: never fall back to a key shared
		// by every route.
		return "", fmt.Errorf("verifier named key #%d of %d", v.Key, len(g.keys))
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id))
	return g.prefix + hex.EncodeToString(mac.Sum(nil)), nil
}

// AlsoAcknowledgedBy makes the guard also remember answers that ack
// accepts: with a spool, the app's answer is the spool's acknowledgement.
// Call it while provisioning, before the guard serves.
func (g *Guard) AlsoAcknowledgedBy(ack func(status int, body []byte) bool) {
	appAck := g.ack
	g.ack = func(status int, body []byte) bool { return ack(status, body) || appAck(status, body) }
}

// Serve passes the delivery stored under key on with pass unless a copy of
// it was acknowledged already or is in flight. It returns the outcome:
// Passed when pass was called (err is then pass's), Replayed
// when the stored acknowledgement was written to w, InFlight
// when an earlier copy is still with the app after the wait, and
// StoreDown when the store failed and on_store_error refuses.
// For the last two the caller refuses the delivery; nothing was written.
func (g *Guard) Serve(w http.ResponseWriter, r *http.Request, key string, pass func(http.ResponseWriter) error) (Outcome, error) {
	ctx := r.Context()
	token := newToken()
	deadline := g.now().Add(g.wait)
	poll := 10 * time.Millisecond
	for {
		cur, claimed, err := g.store.Claim(ctx, key, record{Token: token}, g.lease)
		if err != nil {
			return g.storeFailed(w, err, pass)
		}
		if claimed {
			return Passed, g.forwardClaimed(w, r, key, token, pass)
		}
		// Another copy holds the key: wait for its outcome.
		for !cur.Done {
			if !g.now().Before(deadline) {
				return InFlight, nil
			}
			select {
			case <-ctx.Done():
				return InFlight, ctx.Err()
			case <-time.After(poll):
			}
			poll = min(poll*2, 200*time.Millisecond)
			var found bool
			if cur, found, err = g.store.Get(ctx, key); err != nil {
				return g.storeFailed(w, err, pass)
			}
			if !found {
				break // the earlier copy failed and let go: claim again
			}
		}
		if cur.Done {
			return Replayed, (&verifiers.Answer{Status: cur.Status, ContentType: cur.ContentType, Body: cur.Body}).Write(w)
		}
	}
}

// forwardClaimed passes the delivery on, holding its claim, and then
// either remembers the app's acknowledgement or lets the claim go.
func (g *Guard) forwardClaimed(w http.ResponseWriter, r *http.Request, key, token string, pass func(http.ResponseWriter) error) (err error) {
	rec := &ackRecorder{ResponseWriterWrapper: &caddyhttp.ResponseWriterWrapper{ResponseWriter: w}}
	settled := false
	defer func() {
		if settled {
			return
		}
		// An error, a panic, or an answer that is no acknowledgement: let
		// the provider's retry through.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), storeOpTimeout)
		defer cancel()
		if rerr := g.store.Release(ctx, key, token); rerr != nil {
			g.logger.Error("replay store: releasing a claim failed; copies of this delivery wait for its lease to end",
				zap.String("provider", g.provider), zap.Duration("lease", g.lease), zap.Error(rerr))
		}
	}()

	err = pass(rec)
	status := rec.status
	if status == 0 && err == nil {
		status = http.StatusOK
	}
	if err != nil || !g.ack(status, rec.body.Bytes()) {
		return err
	}
	ack := record{Done: true, Status: status, ContentType: rec.Header().Get("Content-Type")}
	// A body over maxAckBody, or an encoded one (gzip) that a replay could
	// not label correctly, is not kept: its copies get the status alone.
	if !rec.overflow && rec.Header().Get("Content-Encoding") == "" {
		ack.Body = bytes.Clone(rec.body.Bytes())
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), storeOpTimeout)
	defer cancel()
	if serr := g.store.Settle(ctx, key, ack, g.window); serr != nil {
		g.logger.Error("replay store: remembering a delivery failed; a copy of it may reach the app again",
			zap.String("provider", g.provider), zap.Error(serr))
		return nil
	}
	settled = true
	return nil
}

// storeFailed applies on_store_error when the store cannot be reached.
func (g *Guard) storeFailed(w http.ResponseWriter, err error, pass func(http.ResponseWriter) error) (Outcome, error) {
	if g.forward {
		g.logger.Error("replay store unreachable: forwarding the delivery UNCHECKED for replays (on_store_error forward)",
			zap.String("provider", g.provider), zap.String("check", string(StoreDown)), zap.Error(err))
		return Passed, pass(w)
	}
	g.logger.Error("replay store unreachable: refusing the delivery with 503 so the provider retries (on_store_error refuse)",
		zap.String("provider", g.provider), zap.Error(err))
	return StoreDown, nil
}

// RetryAfter is the Retry-After, in seconds, for a delivery the guard
// could not take: the wait for a copy in flight, 30 s for a store down.
func (g *Guard) RetryAfter(outcome Outcome) string {
	if outcome == InFlight {
		return strconv.Itoa(max(1, int(g.wait.Round(time.Second)/time.Second)))
	}
	return "30"
}

// newToken is a random claim token.
func newToken() string {
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// ackRecorder passes the app's answer through to the sender and keeps its
// status and the first maxAckBody bytes of its body.
type ackRecorder struct {
	*caddyhttp.ResponseWriterWrapper
	status   int
	body     bytes.Buffer
	overflow bool
}

// WriteHeader records the final status (not 1xx).
func (a *ackRecorder) WriteHeader(code int) {
	if a.status == 0 && code >= 200 {
		a.status = code
	}
	a.ResponseWriterWrapper.WriteHeader(code)
}

// Write records the body, up to maxAckBody.
func (a *ackRecorder) Write(b []byte) (int, error) {
	if a.status == 0 {
		a.status = http.StatusOK
	}
	if !a.overflow {
		if a.body.Len()+len(b) > maxAckBody {
			a.overflow = true
			a.body.Reset()
		} else {
			a.body.Write(b)
		}
	}
	return a.ResponseWriterWrapper.Write(b)
}

// ReadFrom goes through Write, so nothing bypasses the recording.
func (a *ackRecorder) ReadFrom(r io.Reader) (int64, error) {
	return io.Copy(writerOnly{a}, r)
}

// writerOnly hides every method but Write (io.Copy would use ReadFrom).
type writerOnly struct{ io.Writer }

// Interface guards
var (
	_ http.ResponseWriter = (*ackRecorder)(nil)
	_ io.ReaderFrom       = (*ackRecorder)(nil)
	_ caddy.Destructor    = (*memoryStore)(nil)
)
