// Package webhookverify is the Caddy HTTP handler `webhook_verify`: it lets a
// webhook through to the next handler (usually reverse_proxy) only when it
// comes from an allowed address, with the provider's User-Agent and a valid
// signature, and hands the next handler exactly the bytes it verified.
package webhookverify

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"

	"github.com/hookgate/hookgate/internal/config"
	"github.com/hookgate/hookgate/modules/replay"
	"github.com/hookgate/hookgate/modules/spool"
	"github.com/hookgate/hookgate/ranges"
	"github.com/hookgate/hookgate/verifiers"
)

func init() {
	caddy.RegisterModule(Handler{})
}

// DefaultMaxBody is the body size limit when max_body is not set: 1 MiB,
// far above any provider's notification and far below what would hurt.
const DefaultMaxBody int64 = 1 << 20

// MaxMaxBody is the largest max_body accepted: 64 MiB, above the largest
// webhook any provider sends (GitHub caps its payloads at 25 MB). Every
// delivery is held in memory whole while it is verified.
const MaxMaxBody int64 = 64 << 20

// Any is the value of allow_ip and user_agent that turns the check off.
const Any = "any"

// Handler verifies that a request is an authentic webhook from one
// provider before passing it on. Checks run in order: client IP, User-Agent,
// body size, signature. Refusals are HTTP errors (403, 401, 413) that
// handle_errors can shape; they never say what the expected signature was.
type Handler struct {
	// Provider is the scheme to verify: a preset name such as "payone",
	// "cardknox", "kkiapay", "checkout_com", "24sevenpay", or "hmac" for the
	// generic scheme. Required.
	Provider string `json:"provider"`

	// Secrets are the shared secrets (portal key, PIN, signing secret). Any
	// of them is accepted, so a secret can be rotated without downtime.
	// Placeholders such as {env.X} and {file./path} are resolved once at
	// provision time; a placeholder that resolves to nothing is an error.
	// Required unless the provider needs none.
	Secrets []string `json:"secrets,omitempty"`

	// PublicKeys are the verification keys of asymmetric schemes.
	// Placeholders are resolved as for Secrets. Default: none.
	PublicKeys []string `json:"public_keys,omitempty"`

	// AllowIP lists the IP addresses and CIDR ranges deliveries may come
	// from, matched against Caddy's client IP (which honours the server's
	// trusted_proxies). It replaces the provider's published ranges; the
	// single value "any" turns the check off. Default: the provider's
	// published ranges, or no check if it publishes none.
	AllowIP []string `json:"allow_ip,omitempty"`

	// SourceRanges says where the default allow-list comes from when
	// allow_ip is not given, for presets whose provider publishes its
	// webhook addresses in a machine-readable list (docs/source-ranges.md):
	// "refresh" uses that list, fetched from the provider's pinned host,
	// refreshed every 6 hours and kept in Caddy's data directory; "off"
	// fetches nothing and uses the list compiled into the preset.
	// Default: "refresh" for those presets, except the Svix-delivered ones
	// (svix, clerk, resend), whose list must be asked for; ignored by
	// presets without a published list.
	SourceRanges string `json:"source_ranges,omitempty"`

	// UserAgent is the exact User-Agent deliveries must carry. It replaces
	// the provider's published User-Agent; "any" turns the check off.
	// Default: the provider's published User-Agent, or no check.
	UserAgent string `json:"user_agent,omitempty"`

	// MaxBody is the largest body accepted, in bytes; larger bodies get
	// 413 before anything is hashed. At most 64 MiB. Default: 1 MiB.
	MaxBody int64 `json:"max_body,omitempty"`

	// Tolerance is how far a timestamped delivery's time may be from now,
	// into the past or the future. Default: the provider's own tolerance.
	Tolerance caddy.Duration `json:"tolerance,omitempty"`

	// URL is the public URL the provider sends deliveries to, for schemes
	// that sign it (Twilio, Square, HubSpot, Plivo, ...). Set it when a
	// proxy in front of Caddy changes the scheme or host: the signed URL is
	// then its scheme and host with the request's own path and query, as
	// the sender sent them (before any rewrite). A URL with a path pins
	// that path too, for a proxy that rewrites the path. A query in URL is
	// not used: the query signed is always the request's own, so that a
	// request whose query differs from the one signed is refused. Default:
	// rebuilt from each request (scheme from TLS or a trusted proxy's
	// X-Forwarded-Proto, Host, and the URI before any rewrite).
	URL string `json:"url,omitempty"`

	// Options are the provider's own settings, by subdirective name:
	// portal_id and aid for payone; header, algorithm, encoding and prefix
	// for hmac; authorization for checkout_com. Placeholders are resolved
	// at provision time. An option the provider does not know is an error.
	// Default: none.
	Options map[string]string `json:"options,omitempty"`

	// VerifiedHeader names a request header the handler sets to the
	// provider's name on an accepted delivery, so the upstream knows it was
	// verified. Any copy arriving from the client is always removed first.
	// Default: off.
	VerifiedHeader string `json:"verified_header,omitempty"`

	// Replay turns on replay protection and duplicate suppression: a copy
	// of a delivery the app already acknowledged within the window never
	// reaches it again (see replay.Config and docs/replay.md). Default: off.
	Replay *replay.Config `json:"replay,omitempty"`

	// Spool turns on store and forward: verified deliveries are stored
	// durably, acknowledged to the provider, and delivered to the rest of
	// the route when it takes them (see spool.Config and docs/spool.md).
	// Default: off.
	Spool *spool.Config `json:"spool,omitempty"`

	// Location says where the handler was configured, such as
	// "Caddyfile:12 (site hooks.example.com, handle /stripe)". The
	// Caddyfile adapter sets it; it is used only in error messages, so
	// that a configuration error names its route. Default: none.
	Location string `json:"location,omitempty"`

	preset    verifiers.Preset
	verifier  verifiers.Verifier
	pinnedURL *url.URL    // parsed URL; nil: rebuilt from each request
	allowList *allowList  // nil: no IP check (unless ranges knows a list)
	ranges    *ranges.Set // the provider's published list; nil: not used
	userAgent string      // "": no User-Agent check
	maxBody   int64
	logger    *zap.Logger
	now       func() time.Time

	verifiedHeader string        // canonical VerifiedHeader; "": off
	replay         *replay.Guard // nil: no replay protection
	spool          *spool.Spool  // nil: no spool
	secretHeaders  []string      // headers carrying the secret or signature (redact.go)
	errRoutes      *errorRoutes  // the server's error routes, compiled (answer.go)
}

// CaddyModule returns the Caddy module information.
func (Handler) CaddyModule() caddy.ModuleInfo {
	return caddy.ModuleInfo{
		ID:  "http.handlers.webhook_verify",
		New: func() caddy.Module { return new(Handler) },
	}
}

// Provision resolves placeholders, parses the allow-list and builds the
// provider's verifier. Every mistake is an error here, never an open route.
func (h *Handler) Provision(ctx caddy.Context) error {
	h.logger = ctx.Logger()
	h.errRoutes = new(errorRoutes)
	if h.now == nil {
		h.now = time.Now
	}
	preset, ok := verifiers.Lookup(h.Provider)
	if !ok {
		if h.Provider == "" {
			return h.errorf("no provider given: set provider to one of %s", strings.Join(verifiers.Names(), ", "))
		}
		msg := unknownProvider(h.Provider)
		if h.Location != "" {
			msg = "at " + h.Location + ": " + msg
		}
		return errors.New(msg)
	}
	h.preset = preset

	repl := caddy.NewReplacer()
	settings := verifiers.Settings{Tolerance: time.Duration(h.Tolerance)}
	for i, s := range h.Secrets {
		v, err := config.Resolve(repl, s)
		if err != nil {
			return h.errorf("secret #%d: %v", i+1, err)
		}
		settings.Secrets = append(settings.Secrets, []byte(v))
	}
	for i, k := range h.PublicKeys {
		v, err := config.Resolve(repl, k)
		if err != nil {
			return h.errorf("public_key #%d: %v", i+1, err)
		}
		settings.PublicKeys = append(settings.PublicKeys, v)
	}
	if len(h.Options) > 0 {
		settings.Options = make(map[string]string, len(h.Options))
		for name, value := range h.Options {
			v, err := config.Resolve(repl, value)
			if err != nil {
				return h.errorf("%s: %v", name, err)
			}
			settings.Options[name] = v
		}
	}
	verifier, err := preset.Build(settings)
	if err != nil {
		return h.errorf("%v (docs/presets.md says what %s needs)", err, h.Provider)
	}
	h.verifier = verifier

	if len(h.AllowIP) > 1 && slices.Contains(h.AllowIP, Any) {
		return h.errorf("allow_ip any cannot be combined with addresses: give either any or the addresses")
	}
	allow := preset.AllowIP
	if len(h.AllowIP) > 0 {
		allow = h.AllowIP
	}
	if !(len(allow) == 0 || len(allow) == 1 && allow[0] == Any) {
		if h.allowList, err = parseAllowList(allow); err != nil {
			return h.errorf("allow_ip: %v", err)
		}
	}
	if err := h.provisionSourceRanges(ctx); err != nil {
		return err
	}

	h.userAgent = preset.UserAgent
	if h.UserAgent != "" {
		h.userAgent = h.UserAgent
	}
	if h.userAgent == Any {
		h.userAgent = ""
	}

	if h.URL != "" && !preset.SignsURL {
		return h.errorf("url is only used by providers that sign the URL (%s does not): remove it", h.Provider)
	}
	if h.URL != "" {
		if h.pinnedURL, err = parsePinnedURL(h.URL); err != nil {
			return h.errorf("url: %v", err)
		}
		if h.pinnedURL.RawQuery != "" || h.pinnedURL.ForceQuery {
			h.logger.Warn("the query of url is not used: the query signed is the request's own, as the provider sent it",
				zap.String("provider", h.Provider))
		}
	}
	if _, ok := preset.PrimarySource(); !ok {
		h.logger.Info("this preset's scheme rests on no primary source (third-party material only): send a test delivery from the provider to confirm it (docs/presets.md, evidence column)",
			zap.String("provider", h.Provider))
	}

	h.maxBody = h.MaxBody
	if h.maxBody == 0 {
		h.maxBody = DefaultMaxBody
	}

	if h.VerifiedHeader != "" {
		if h.verifiedHeader, err = parseVerifiedHeader(h.VerifiedHeader); err != nil {
			return h.errorf("verified_header: %v", err)
		}
	}
	// Verified.Key counts the secrets first, then the public keys.
	keys := slices.Clone(settings.Secrets)
	for _, k := range settings.PublicKeys {
		keys = append(keys, []byte(k))
	}
	if err := h.provisionReplay(repl, keys); err != nil {
		return h.errorf("replay: %v", err)
	}
	if err := h.provisionSpool(ctx, repl, keys, settings.Options); err != nil {
		return h.errorf("spool: %v", err)
	}
	h.warnUntrustedForwarding(ctx)
	if err := registerMetrics(ctx); err != nil {
		return h.errorf("registering metrics: %v", err)
	}
	h.registerRedaction(settings) // Cleanup undoes it
	return h.checkLogs(ctx)
}

// errorf is a configuration error naming the provider and, when known,
// where it was configured. Caddy puts the module's ID in front.
func (h *Handler) errorf(format string, args ...any) error {
	where := h.Provider
	if where == "" {
		where = "webhook_verify"
	}
	if h.Location != "" {
		where += " at " + h.Location
	}
	return fmt.Errorf("%s: %s", where, fmt.Sprintf(format, args...))
}

// Validate checks the configuration once it is provisioned.
func (h *Handler) Validate() error {
	if h.verifier == nil {
		return h.errorf("not provisioned")
	}
	if h.MaxBody < 0 {
		return h.errorf("max_body must not be negative")
	}
	if h.MaxBody > MaxMaxBody {
		return h.errorf("max_body %d is over the ceiling of 64MiB (a webhook is held in memory whole while it is verified): lower it", h.MaxBody)
	}
	if h.Tolerance < 0 {
		return h.errorf("tolerance must not be negative")
	}
	if h.Spool != nil && h.spool == nil {
		return h.errorf("spool: not provisioned")
	}
	return nil
}

// Cleanup releases what Provision set up. It is safe on a handler whose
// provisioning failed half way.
func (h *Handler) Cleanup() error {
	h.unregisterRedaction()
	h.verifier = nil
	h.allowList = nil
	h.ranges.Release()
	h.ranges = nil
	spoolErr := h.spool.Close()
	h.spool = nil
	if err := h.replay.Close(); err != nil {
		return err
	}
	h.replay = nil
	return spoolErr
}

// Interface guards
var (
	_ caddy.Provisioner           = (*Handler)(nil)
	_ caddy.Validator             = (*Handler)(nil)
	_ caddy.CleanerUpper          = (*Handler)(nil)
	_ caddyhttp.MiddlewareHandler = (*Handler)(nil)
)
