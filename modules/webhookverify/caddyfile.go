package webhookverify

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
	"github.com/caddyserver/caddy/v2/caddyconfig/httpcaddyfile"
	"github.com/dustin/go-humanize"

	"github.com/hookgate/hookgate/internal/config"
	"github.com/hookgate/hookgate/modules/replay"
	"github.com/hookgate/hookgate/modules/spool"
	"github.com/hookgate/hookgate/verifiers"
)

func init() {
	httpcaddyfile.RegisterDirective("webhook_verify", parseDirective)
	// Like basic_auth: an authentication step that runs after the request
	// is routed and rewritten, and before anything answers it.
	httpcaddyfile.RegisterDirectiveOrder("webhook_verify", httpcaddyfile.After, "basic_auth")
}

// parseDirective is httpcaddyfile.RegisterHandlerDirective's parser with
// one addition: the handler records where it was configured (Location), so
// that errors found at provision time can name the Caddyfile line, the site
// and the route.
func parseDirective(h httpcaddyfile.Helper) ([]httpcaddyfile.ConfigValue, error) {
	if !h.Next() {
		return nil, h.ArgErr()
	}
	at := h.Token()
	var matcher string
	if h.NextArg() && isMatcherToken(h.Val()) {
		matcher = h.Val()
	}
	h.Reset()
	h.Next()
	matcherSet, err := h.ExtractMatcherSet()
	if err != nil {
		return nil, err
	}
	handler := new(Handler)
	if err := handler.UnmarshalCaddyfile(h.Dispenser); err != nil {
		return nil, err
	}
	handler.Location = describeLocation(h, at, matcher)
	return h.NewRoute(matcherSet, handler), nil
}

// singleValued are the subdirectives that take one value: giving one twice
// is an error rather than a silent choice of the last.
var singleValued = []string{"source_ranges", "user_agent", "max_body", "tolerance", "url", "verified_header", "replay", "spool"}

// subdirectives are the subdirectives every provider accepts.
var subdirectives = []string{"secret", "public_key", "allow_ip", "source_ranges", "user_agent", "max_body", "tolerance", "url", "verified_header", "replay", "spool"}

// UnmarshalCaddyfile sets up the handler from Caddyfile tokens. Syntax:
//
//	webhook_verify [<matcher>] <provider> {
//		secret      <value>            # repeatable: rotation
//		public_key  <value>            # repeatable
//		allow_ip    <ip|cidr...> | any  # repeatable
//		source_ranges refresh | off     # the provider's published list
//		user_agent  <string> | any
//		max_body    <size>
//		tolerance   <duration>
//		url         <public URL>       # URL-signing schemes only
//		verified_header <name>         # set to the provider on accepted deliveries
//		replay      <window> {         # replay protection, see replay.go
//			store          memory [<max_entries>] | redis <url>
//			on_store_error refuse | forward
//			wait           <duration>
//			lease          <duration>
//			scope          <name>
//		}
//		spool {                        # store and forward, see spool.go
//			store file [<dir>] | nats <url>
//			retry_for <duration>
//			max_pending <n>
//			ack_status <code>
//			ack_body <text>
//		}
//		<option>    <value>            # the provider's own, e.g. portal_id
//	}
//
// Values are kept as written: placeholders such as {env.X} stay in the
// adapted JSON and are resolved at provision time.
func (h *Handler) UnmarshalCaddyfile(d *caddyfile.Dispenser) error {
	d.Next() // consume directive name
	if !d.NextArg() {
		return d.Errf("a provider is needed after webhook_verify, such as stripe, github or hmac (docs/presets.md lists them all)")
	}
	h.Provider = d.Val()
	preset, ok := verifiers.Lookup(h.Provider)
	if !ok {
		return d.Err(unknownProvider(h.Provider))
	}
	if d.NextArg() {
		return d.ArgErr()
	}

	seen := map[string]int{} // subdirective: line it was first given on
	for d.NextBlock(0) {
		name := d.Val()
		if line, dup := seen[name]; dup && (slices.Contains(singleValued, name) || preset.HasOption(name)) {
			return d.Errf("%s given twice (also on line %d): keep one", name, line)
		}
		seen[name] = d.Line()
		switch name {
		case "secret":
			v, err := config.OneArg(d)
			if err != nil {
				return err
			}
			h.Secrets = append(h.Secrets, v)
		case "public_key":
			v, err := config.OneArg(d)
			if err != nil {
				return err
			}
			h.PublicKeys = append(h.PublicKeys, v)
		case "allow_ip":
			args := d.RemainingArgs()
			if len(args) == 0 {
				return d.ArgErr()
			}
			for _, a := range args {
				if a != Any {
					if _, err := parsePrefix(a); err != nil {
						return d.Err(err.Error())
					}
				}
			}
			h.AllowIP = append(h.AllowIP, args...)
		case "source_ranges":
			v, err := config.OneArg(d)
			if err != nil {
				return err
			}
			if v != SourceRangesRefresh && v != SourceRangesOff {
				return d.Errf("source_ranges must be refresh or off, not %q", v)
			}
			h.SourceRanges = v
		case "user_agent":
			v, err := config.OneArg(d)
			if err != nil {
				return err
			}
			h.UserAgent = v
		case "max_body":
			v, err := config.OneArg(d)
			if err != nil {
				return err
			}
			size, err := humanize.ParseBytes(v)
			if err != nil || size == 0 || size > math.MaxInt64 {
				return d.Errf("max_body %q is not a size such as 1MiB or 512KB", v)
			}
			h.MaxBody = int64(size)
		case "url":
			v, err := config.OneArg(d)
			if err != nil {
				return err
			}
			h.URL = v
		case "verified_header":
			v, err := config.OneArg(d)
			if err != nil {
				return err
			}
			if _, err := parseVerifiedHeader(v); err != nil {
				return d.Err(err.Error())
			}
			h.VerifiedHeader = v
		case "replay":
			// The replay block is read from a copy, once checked for
			// subdirectives given twice.
			block := d.NewFromNextSegment()
			if err := config.NoRepeats(block); err != nil {
				return err
			}
			block.Reset()
			block.Next()
			h.Replay = new(replay.Config)
			if err := h.Replay.UnmarshalCaddyfile(block); err != nil {
				return err
			}
		case "spool":
			h.Spool = new(spool.Config)
			if err := h.Spool.UnmarshalCaddyfile(d); err != nil {
				return err
			}
		case "tolerance":
			v, err := config.OneArg(d)
			if err != nil {
				return err
			}
			dur, err := caddy.ParseDuration(v)
			if err != nil || dur <= 0 {
				return d.Errf("tolerance %q is not a positive duration such as 5m", v)
			}
			h.Tolerance = caddy.Duration(dur)
		default:
			if !preset.HasOption(name) {
				return d.Err(unknownSubdirective(name, preset.Name, preset.Options))
			}
			v, err := config.OneArg(d)
			if err != nil {
				return err
			}
			if h.Options == nil {
				h.Options = map[string]string{}
			}
			h.Options[name] = v
		}
	}
	return nil
}

// unknownProvider is the error text for a provider name no preset has:
// the nearest names when some are near, otherwise all of them.
func unknownProvider(name string) string {
	names := verifiers.Names()
	if hint := didYouMean(name, names); hint != "" {
		return fmt.Sprintf("unknown webhook provider %q: %s (docs/presets.md lists them all)", name, hint)
	}
	return fmt.Sprintf("unknown webhook provider %q; known: %s", name, joinNames())
}

// unknownSubdirective is the error text for a subdirective that neither
// webhook_verify nor the provider knows, with the nearest known ones.
func unknownSubdirective(name, provider string, options []string) string {
	known := append(slices.Clone(subdirectives), options...)
	msg := fmt.Sprintf("unknown subdirective %q for provider %s", name, provider)
	if hint := didYouMean(name, known); hint != "" {
		return msg + ": " + hint
	}
	if len(options) == 0 {
		return msg + fmt.Sprintf(" (it takes %s)", strings.Join(subdirectives, ", "))
	}
	return msg + fmt.Sprintf(" (it takes %s, and its own %s)", strings.Join(subdirectives, ", "), strings.Join(options, ", "))
}

// joinNames lists every provider name, comma-separated.
func joinNames() string { return strings.Join(verifiers.Names(), ", ") }

// Interface guard
var _ caddyfile.Unmarshaler = (*Handler)(nil)
