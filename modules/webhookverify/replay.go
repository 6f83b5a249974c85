package webhookverify

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"slices"

	"github.com/caddyserver/caddy/v2"
	"go.uber.org/zap"

	"github.com/hookgate/hookgate/modules/replay"
	"github.com/hookgate/hookgate/verifiers"
)

// The route's side of replay protection (package replay): building the
// guard from the route's secrets and passing verified deliveries through
// it.

// provisionReplay builds h's replay guard from h.Replay; keys are the
// route's resolved secrets (or public keys), which keep the identities of
// deliveries verified under different secrets apart.
func (h *Handler) provisionReplay(repl *caddy.Replacer, keys [][]byte) error {
	if h.Replay == nil {
		return nil
	}
	g, err := h.Replay.NewGuard(repl, replay.Route{
		Provider:     h.Provider,
		Keys:         keys,
		Ack:          h.preset.Acknowledged,
		DefaultScope: h.defaultScope(),
		Now:          h.now,
		Logger:       h.logger,
	})
	if err != nil {
		return err
	}
	h.replay = g
	return nil
}

// defaultScope is the provider name and a hash of the route's own options
// and URL (as configured, placeholders unresolved), so routes that differ
// in them do not share identities. Secrets, and options the preset marks
// as secrets, are not part of it: the guard keeps identities verified
// under different secrets apart by itself.
func (h *Handler) defaultScope() string {
	names := make([]string, 0, len(h.Options))
	for name := range h.Options {
		if !slices.Contains(h.preset.SecretOptions, name) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	sum := sha256.New()
	for _, name := range names {
		fmt.Fprintf(sum, "%s=%s\x00", name, h.Options[name])
	}
	fmt.Fprintf(sum, "url=%s", h.URL)
	return h.Provider + ":" + hex.EncodeToString(sum.Sum(nil))[:16]
}

// serveOnce passes a verified delivery on through the replay guard: once
// per identity within the window.
func (h *Handler) serveOnce(w http.ResponseWriter, r *http.Request, verified verifiers.Verified, pass func(http.ResponseWriter) error) error {
	key, err := h.replay.StoreKey(verified)
	if err != nil {
		// Nothing signed tells this delivery apart: refused, never guessed.
		return h.refuseRejection(w, r, err)
	}
	outcome, err := h.replay.Serve(w, r, key, pass)
	switch outcome {
	case replay.Replayed:
		h.logger.Info("webhook replay stopped",
			zap.String("provider", h.Provider),
			zap.String("client_ip", clientIPString(r)),
			zap.String("check", outcomeReplay),
			zap.String("delivery_id", logID(stateOf(r))),
		)
		h.record(r, outcomeReplay)
	case replay.InFlight:
		w.Header().Set("Retry-After", h.replay.RetryAfter(outcome))
		return h.refuse(r, http.StatusServiceUnavailable, outcomeReplayInFlight, "an earlier copy of this delivery is still being processed", err)
	case replay.StoreDown:
		w.Header().Set("Retry-After", h.replay.RetryAfter(outcome))
		return h.refuse(r, http.StatusServiceUnavailable, outcomeReplayStoreDown, "replay protection is unavailable, retry later", err)
	}
	return err
}
