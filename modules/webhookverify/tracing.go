package webhookverify

import (
	"net/http"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"
)

// Traces: with Caddy's `tracing` handler in front of the gate, the
// request's span carries what the gate decided, so a trace shows which
// provider a delivery claimed to be from, what became of it and, once it
// verified, its delivery ID. Nothing else: never a header, a signature or a
// body. Without tracing the span is a no-op and this costs a type check.

// Span attribute keys.
const (
	spanProvider   = "hookgate.provider"
	spanOutcome    = "hookgate.outcome"
	spanDeliveryID = "hookgate.delivery_id"
)

// annotateSpan adds the gate's decision to the request's span.
func (h *Handler) annotateSpan(r *http.Request, outcome string) {
	span := trace.SpanFromContext(r.Context())
	if !span.IsRecording() {
		return
	}
	attrs := []attribute.KeyValue{attribute.String(spanProvider, h.Provider), attribute.String(spanOutcome, outcome)}
	if id := logID(stateOf(r)); id != "" {
		attrs = append(attrs, attribute.String(spanDeliveryID, id))
	}
	span.SetAttributes(attrs...)
}
