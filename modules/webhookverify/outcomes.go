package webhookverify

import "github.com/hookgate/hookgate/modules/replay"

// Outcomes of a delivery: the `outcome` label of hookgate_deliveries_total,
// the {http.webhook.outcome} placeholder and the `check` field of refusal
// logs. Every path through ServeHTTP records exactly one. Besides these,
// a delivery the verifier refused records the verifier's reason
// (verifiers.Reason: bad_signature, stale, ambiguous_body, ...).
const (
	// outcomeAccepted: every check passed and the delivery went on.
	outcomeAccepted = "accepted"
	// outcomeHandshake: an endpoint-verification challenge the gate
	// answered itself, after verifying it.
	outcomeHandshake = "handshake"

	// outcomeTooEarly: sent in TLS early data (425).
	outcomeTooEarly = "too_early"
	// outcomeIPDenied: the client IP is not on the allow-list (403).
	outcomeIPDenied = "ip_denied"
	// outcomeUserAgentDenied: the User-Agent is not the provider's (403).
	outcomeUserAgentDenied = "user_agent_denied"
	// outcomeTooLarge: the body is larger than max_body (413).
	outcomeTooLarge = "too_large"
	// outcomeBadBody: the body could not be read (400).
	outcomeBadBody = "bad_body"
	// outcomeAmbiguousBody: the request could be read two ways (here: two
	// Content-Types); the verifiers refuse bodies for the same reason with
	// the same word (401).
	outcomeAmbiguousBody = "ambiguous_body"

	// outcomeReplay: a copy of a delivery the app already acknowledged;
	// its sender got the stored acknowledgement.
	outcomeReplay = string(replay.Replayed)
	// outcomeReplayInFlight: a copy that arrived while an earlier copy was
	// still with the app, and still was after the wait (503).
	outcomeReplayInFlight = string(replay.InFlight)
	// outcomeReplayStoreDown: the replay store could not be reached and
	// on_store_error refuses (503).
	outcomeReplayStoreDown = string(replay.StoreDown)

	// outcomeSpooled: the delivery was verified and stored in the spool;
	// its sender got the spool's acknowledgement.
	outcomeSpooled = "spooled"
	// outcomeSpoolUnavailable: it could not be stored (store down, disk
	// full, max_pending reached): 503.
	outcomeSpoolUnavailable = "spool_unavailable"

	// outcomeKeyUnavailable: the provider's public key (a certificate or
	// JWKS fetched from the provider, docs/fetched-keys.md) could not be
	// had; refused with 503 and Retry-After so the provider retries. The
	// verifiers' reason of the same name.
	outcomeKeyUnavailable = "key_unavailable"
)
