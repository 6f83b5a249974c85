package caddyplugin

import (
	"errors"
	"net/http"
	"net/netip"
	"strconv"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"

	"github.com/hookgate/hookgate/verifiers"
)

// Outcomes of a delivery that are not a verifier's Reason.
const (
	outcomeIPDenied        = "ip_denied"
	outcomeUserAgentDenied = "user_agent_denied"
	outcomeTooLarge        = "too_large"
	outcomeBadBody         = "bad_body"
	outcomeTooEarly        = "too_early"
)

// ServeHTTP runs the checks in order and calls next only when all pass.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request, next caddyhttp.Handler) error {
	defer h.redactSecretHeaders(r) // on every path, after the upstream has its copy (redact.go)
	h.begin(r)                     // first: strips any forged verified header
	if earlyData(r) {
		return h.refuse(r, http.StatusTooEarly, outcomeTooEarly, "request sent in TLS early data; retry after the handshake", nil)
	}
	clientIP, ok := h.clientIP(r)
	if h.allowList != nil && (!ok || !h.allowList.allows(clientIP)) {
		return h.refuse(r, http.StatusForbidden, outcomeIPDenied, "client IP is not allowed", nil)
	}
	if h.userAgent != "" && r.Header.Get("User-Agent") != h.userAgent {
		return h.refuse(r, http.StatusForbidden, outcomeUserAgentDenied, "User-Agent is not allowed", nil)
	}

	buf, err := readBody(r, h.maxBody)
	if errors.Is(err, errBodyTooLarge) {
		return h.refuse(r, http.StatusRequestEntityTooLarge, outcomeTooLarge, "body is larger than max_body", nil)
	}
	if err != nil {
		return h.refuse(r, http.StatusBadRequest, outcomeBadBody, "body could not be read", err)
	}
	body := buf.Bytes()
	// vb owns the buffer from here on, on every path: a clean end gives it
	// back; a refusal, an error or a panic first copies a body kept outside
	// the heap to the heap, as error routes may still read r.Body (body.go).
	vb := newVerifiedBody(buf)
	clean := false
	defer func() { vb.settle(clean) }()

	delivery := verifiers.Delivery{Request: r, Body: body, Now: h.now()}
	if h.preset.SignsURL {
		delivery.PublicURL = h.URL
		if delivery.PublicURL == "" {
			delivery.PublicURL = publicURL(r)
		}
	}
	if err := h.verifier.Verify(&delivery); err != nil {
		restoreBody(r, vb) // error routes may still read it
		reason := verifiers.ReasonOf(err)
		return h.refuse(r, http.StatusUnauthorized, string(reason), err.Error(), nil)
	}
	h.publishDeliveryID(r, &delivery)
	if hs, ok := h.verifier.(verifiers.Handshaker); ok {
		if answer := hs.Handshake(&delivery); answer != nil {
			h.record(r, outcomeHandshake)
			clean = true // r.Body is not vb: nothing reads the buffer after the answer
			return writeAnswer(w, answer)
		}
	}

	restoreBody(r, vb)
	h.markVerified(r)
	if h.replay != nil {
		// Replay protection (replay.go) records "accepted" only for a copy
		// it passes on, and "replay" for one it stops.
		err = h.serveReplay(w, r, &delivery, func(w http.ResponseWriter) error {
			h.record(r, outcomeAccepted)
			return next.ServeHTTP(w, r)
		})
	} else {
		h.record(r, outcomeAccepted)
		err = next.ServeHTTP(w, r)
	}
	// Only a request that ended cleanly gives its buffer back as it is:
	// after an error, error routes may still read the body.
	clean = err == nil
	return err
}

// earlyData reports whether r may have been sent in TLS 0-RTT early data,
// where the client address is unproven and the request can be replayed:
// Caddy serves 0-RTT over HTTP/3 before the handshake completes, and a proxy
// in front marks such requests with "Early-Data: 1" (RFC 8470). Either way
// the sender is told to retry with 425 Too Early.
func earlyData(r *http.Request) bool {
	return r.TLS != nil && !r.TLS.HandshakeComplete || r.Header.Get("Early-Data") == "1"
}

// clientIP is the client address Caddy determined for r, honouring the
// server's trusted_proxies; never a raw X-Forwarded-For.
func (h *Handler) clientIP(r *http.Request) (netip.Addr, bool) {
	s, _ := caddyhttp.GetVar(r.Context(), caddyhttp.ClientIPVarKey).(string)
	addr, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Addr{}, false
	}
	return addr.Unmap(), true
}

// refuse logs why a delivery was refused and returns the HTTP error. The
// message is short and client-safe: which check failed, nothing more.
func (h *Handler) refuse(r *http.Request, status int, outcome, message string, cause error) error {
	ip, _ := caddyhttp.GetVar(r.Context(), caddyhttp.ClientIPVarKey).(string)
	fields := []zap.Field{
		zap.String("provider", h.Provider),
		zap.String("client_ip", ip),
		zap.String("check", outcome),
		zap.String("reason", message),
		zap.Int("status", status),
	}
	if cause != nil {
		fields = append(fields, zap.Error(cause))
	}
	h.logger.Info("webhook refused", fields...)
	h.record(r, outcome)
	return caddyhttp.Error(status, &refusal{message: "webhook_verify: " + message})
}

// refusal is the error handed to Caddy: its text is what handle_errors
// sees as {err.message}.
type refusal struct{ message string }

func (e *refusal) Error() string { return e.message }

// writeAnswer sends a handshake answer the gate gives itself.
func writeAnswer(w http.ResponseWriter, a *verifiers.Answer) error {
	if a.ContentType != "" {
		w.Header().Set("Content-Type", a.ContentType)
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(a.Body)))
	w.WriteHeader(a.Status)
	_, err := w.Write(a.Body)
	return err
}
