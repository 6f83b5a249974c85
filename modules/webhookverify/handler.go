package webhookverify

import (
	"errors"
	"net/http"
	"net/netip"
	"strconv"
	"time"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"

	"github.com/hookgate/hookgate/internal/recent"
	"github.com/hookgate/hookgate/modules/spool"
	"github.com/hookgate/hookgate/verifiers"
)

// serve runs the checks in order and calls next only when all pass:
// early data, client IP, User-Agent, one Content-Type, body size,
// signature, then (when on) replay protection. Every path records exactly
// one outcome (outcomes.go). ServeHTTP (answer.go) answers its errors.
func (h *Handler) serve(w http.ResponseWriter, r *http.Request, next caddyhttp.Handler) error {
	defer h.redactSecretHeaders(r) // on every path, after the upstream has its copy (redact.go)
	if m := spool.MarkerOf(r); m != nil {
		return h.serveSpooled(w, r, m, next) // a stored delivery, verified when received (spool.go)
	}
	h.begin(r) // first: strips any forged verified header
	if earlyData(r) {
		return h.refuse(r, http.StatusTooEarly, outcomeTooEarly, "request sent in TLS early data; retry after the handshake", nil)
	}
	clientIP, ok := h.clientIP(r)
	if !h.ipAllowed(clientIP, ok) {
		return h.refuse(r, http.StatusForbidden, outcomeIPDenied, "client IP is not allowed", nil)
	}
	if h.userAgent != "" && !h.userAgentAllowed(r.Header) {
		return h.refuse(r, http.StatusForbidden, outcomeUserAgentDenied, "User-Agent is not allowed", nil)
	}

	if len(r.Header.Values("Content-Type")) > 1 {
		// A verifier that reads the body by its type (form or JSON) and the
		// app could each take a different one.
		return h.refuse(r, http.StatusUnauthorized, outcomeAmbiguousBody, "Content-Type is sent more than once", nil)
	}

	body, err := readBody(r, h.maxBody)
	if errors.Is(err, errBodyTooLarge) {
		return h.refuse(r, http.StatusRequestEntityTooLarge, outcomeTooLarge, "body is larger than max_body", nil)
	}
	if err != nil {
		return h.refuse(r, http.StatusBadRequest, outcomeBadBody, "body could not be read", err)
	}
	// From here on the next handler, and error routes, read the verified
	// bytes, with their length and without trailers.
	vb := restoreBody(r, body)

	delivery := verifiers.Delivery{Request: r, Body: body, Now: h.now(), ClientIP: clientIPString(r)}
	if h.preset.SignsURL {
		delivery.PublicURL = publicURL(r, h.pinnedURL)
	}
	verified, err := h.verifier.Verify(&delivery)
	if err != nil {
		return h.refuseRejection(w, r, err)
	}
	h.publishDeliveryID(r, &delivery, verified)
	if hs, ok := h.verifier.(verifiers.Handshaker); ok {
		if answer := hs.Handshake(&delivery); answer != nil {
			h.logger.Info("webhook handshake answered", zap.String("provider", h.Provider), zap.Int("status", answer.Status))
			h.record(r, outcomeHandshake)
			return answer.Write(w)
		}
	}

	h.markVerified(r)
	pass := func(w http.ResponseWriter) error {
		h.record(r, outcomeAccepted)
		return next.ServeHTTP(w, r)
	}
	if h.spool != nil {
		pass = h.spoolPass(r, body, verified) // store, then acknowledge (spool.go)
	}
	if h.replay == nil {
		err = pass(w)
	} else {
		err = h.serveOnce(w, r, verified, pass)
	}
	if err == nil {
		vb.release() // only a clean end: error routes may still read the body
	}
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

// userAgentAllowed reports whether the request carries exactly one
// User-Agent, the expected one: with two, the gate and the app could each
// read a different one.
func (h *Handler) userAgentAllowed(header http.Header) bool {
	ua := header.Values("User-Agent")
	return len(ua) == 1 && ua[0] == h.userAgent
}

// clientIP is the client address Caddy determined for r, honouring the
// server's trusted_proxies; never a raw X-Forwarded-For.
func (h *Handler) clientIP(r *http.Request) (netip.Addr, bool) {
	addr, err := netip.ParseAddr(clientIPString(r))
	if err != nil {
		return netip.Addr{}, false
	}
	return addr.Unmap(), true
}

// clientIPString is Caddy's client IP variable for r.
func clientIPString(r *http.Request) string {
	s, _ := caddyhttp.GetVar(r.Context(), caddyhttp.ClientIPVarKey).(string)
	return s
}

// refuse logs why a delivery was refused and returns the HTTP error. The
// message, "check: reason", is short and client-safe: which check failed,
// nothing more.
func (h *Handler) refuse(r *http.Request, status int, outcome, reason string, cause error) error {
	fields := []zap.Field{
		zap.String("provider", h.Provider),
		zap.String("client_ip", clientIPString(r)),
		zap.String("check", outcome),
		zap.String("reason", reason),
		zap.Int("status", status),
	}
	if cause != nil {
		fields = append(fields, zap.Error(cause))
	}
	h.logger.Info("webhook refused", fields...)
	recent.Refuse(h.routeName(), recent.Refusal{Time: time.Now(), Provider: h.Provider, Check: outcome,
		Reason: reason, Status: status, ClientIP: clientIPString(r)})
	h.record(r, outcome)
	return caddyhttp.Error(status, &refusal{message: outcome + ": " + reason})
}

// refuseRejection refuses a delivery the verifier rejected: with 401 and
// the rejection's reason as the check, or, when the rejection asks the
// sender to retry (a provider's key could not be had), with 503 and
// Retry-After.
func (h *Handler) refuseRejection(w http.ResponseWriter, r *http.Request, err error) error {
	rej, _ := errors.AsType[*verifiers.Rejection](err)
	if rej != nil && rej.RetryAfter > 0 {
		// The provider's key could not be had (docs/fetched-keys.md): the provider retries.
		w.Header().Set("Retry-After", strconv.Itoa(int((rej.RetryAfter+time.Second-1)/time.Second)))
		return h.refuse(r, http.StatusServiceUnavailable, outcomeKeyUnavailable, rej.Detail, rej.Cause)
	}
	detail := "the delivery could not be verified"
	if rej != nil && rej.Detail != "" {
		detail = rej.Detail
	}
	return h.refuse(r, http.StatusUnauthorized, string(verifiers.ReasonOf(err)), detail, nil)
}

// refusal is the error handed to Caddy: its text is what handle_errors
// sees as {err.message}.
type refusal struct{ message string }

func (e *refusal) Error() string { return e.message }

// logID is the delivery's published ID, shortened for logs; IDs are not
// secret, but are the sender's data.
func logID(s *deliveryState) string {
	if s == nil {
		return ""
	}
	if len(s.id) > 128 {
		return s.id[:128] + "..."
	}
	return s.id
}
