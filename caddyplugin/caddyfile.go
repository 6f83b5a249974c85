package caddyplugin

import (
	"math"
	"strings"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
	"github.com/caddyserver/caddy/v2/caddyconfig/httpcaddyfile"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"github.com/dustin/go-humanize"

	"github.com/hookgate/hookgate/verifiers"
)

func init() {
	httpcaddyfile.RegisterHandlerDirective("webhook_verify", parseCaddyfile)
	// Like basic_auth: an authentication step that runs after the request
	// is routed and rewritten, and before anything answers it.
	httpcaddyfile.RegisterDirectiveOrder("webhook_verify", httpcaddyfile.After, "basic_auth")
}

// parseCaddyfile sets up the handler from Caddyfile tokens.
func parseCaddyfile(h httpcaddyfile.Helper) (caddyhttp.MiddlewareHandler, error) {
	handler := new(Handler)
	err := handler.UnmarshalCaddyfile(h.Dispenser)
	return handler, err
}

// UnmarshalCaddyfile sets up the handler from Caddyfile tokens. Syntax:
//
//	webhook_verify [<matcher>] <provider> {
//		secret      <value>            # repeatable: rotation
//		public_key  <value>            # repeatable
//		allow_ip    <ip|cidr...> | any  # repeatable
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
//		<option>    <value>            # the provider's own, e.g. portal_id
//	}
//
// Values are kept as written: placeholders such as {env.X} stay in the
// adapted JSON and are resolved at provision time.
func (h *Handler) UnmarshalCaddyfile(d *caddyfile.Dispenser) error {
	d.Next() // consume directive name
	if !d.NextArg() {
		return d.Errf("webhook_verify needs a provider (one of: %s)", joinNames())
	}
	h.Provider = d.Val()
	preset, ok := verifiers.Lookup(h.Provider)
	if !ok {
		return d.Errf("unknown webhook provider %q (known: %s)", h.Provider, joinNames())
	}
	if d.NextArg() {
		return d.ArgErr()
	}

	for d.NextBlock(0) {
		name := d.Val()
		switch name {
		case "secret":
			v, err := oneArg(d)
			if err != nil {
				return err
			}
			h.Secrets = append(h.Secrets, v)
		case "public_key":
			v, err := oneArg(d)
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
		case "user_agent":
			v, err := oneArg(d)
			if err != nil {
				return err
			}
			h.UserAgent = v
		case "max_body":
			v, err := oneArg(d)
			if err != nil {
				return err
			}
			size, err := humanize.ParseBytes(v)
			if err != nil || size == 0 || size > math.MaxInt64 {
				return d.Errf("max_body %q is not a size such as 1MiB or 512KB", v)
			}
			h.MaxBody = int64(size)
		case "url":
			v, err := oneArg(d)
			if err != nil {
				return err
			}
			h.URL = v
		case "verified_header":
			v, err := oneArg(d)
			if err != nil {
				return err
			}
			if _, err := parseVerifiedHeader(v); err != nil {
				return d.Err(err.Error())
			}
			h.VerifiedHeader = v
		case "replay":
			if err := h.unmarshalReplay(d); err != nil {
				return err
			}
		case "tolerance":
			v, err := oneArg(d)
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
				return d.Errf("unknown subdirective %q for provider %s", name, h.Provider)
			}
			v, err := oneArg(d)
			if err != nil {
				return err
			}
			if _, dup := h.Options[name]; dup {
				return d.Errf("%s is set twice", name)
			}
			if h.Options == nil {
				h.Options = map[string]string{}
			}
			h.Options[name] = v
		}
	}
	return nil
}

// oneArg reads the single argument of the current subdirective.
func oneArg(d *caddyfile.Dispenser) (string, error) {
	var v string
	if !d.AllArgs(&v) {
		return "", d.ArgErr()
	}
	return v, nil
}

func joinNames() string { return strings.Join(verifiers.Names(), ", ") }

// Interface guard
var _ caddyfile.Unmarshaler = (*Handler)(nil)
