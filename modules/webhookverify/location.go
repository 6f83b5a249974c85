package webhookverify

import (
	"fmt"
	"os"
	"strings"

	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
	"github.com/caddyserver/caddy/v2/caddyconfig/httpcaddyfile"
)

// routeDirectives are the directives whose first argument, a path or a
// named matcher, says which requests reach the handlers inside them.
var routeDirectives = map[string]bool{"handle": true, "handle_path": true, "route": true}

// isMatcherToken reports whether a directive's first argument is a matcher
// token, as Caddy reads it: *, a path, or a named matcher.
func isMatcherToken(s string) bool {
	return s == "*" || strings.HasPrefix(s, "/") || strings.HasPrefix(s, "@")
}

// describeLocation says where a webhook_verify directive is, for error
// messages: "Caddyfile:12 (site example.com, handle /payone)". at is the
// directive's token; matcher its inline matcher token, if any. The site
// and the enclosing handle come from reading the Caddyfile again, when it
// is a file that can be read; otherwise only file and line are given.
func describeLocation(h httpcaddyfile.Helper, at caddyfile.Token, matcher string) string {
	loc := fmt.Sprintf("%s:%d", at.File, at.Line)
	var details []string
	if site, route := enclosingRoute(h, at); site != "" {
		details = append(details, "site "+site)
		if route != "" {
			details = append(details, route)
		}
	}
	if matcher != "" {
		details = append(details, "matcher "+matcher)
	}
	if len(details) > 0 {
		loc += " (" + strings.Join(details, ", ") + ")"
	}
	return loc
}

// enclosingRoute finds the server block and the outermost handle, handle_path
// or route directive that contain the token at (same file, line and text),
// reading at.File from disk once per adaptation. Both are "" when the file
// cannot be read or parsed, or the token is not found in it.
func enclosingRoute(h httpcaddyfile.Helper, at caddyfile.Token) (site, route string) {
	blocks := parsedFile(h, at.File)
	for _, sb := range blocks {
		for _, seg := range sb.Segments {
			if !containsToken(seg, at) {
				continue
			}
			keys := sb.GetKeysText()
			if len(keys) == 0 || routeDirectives[keys[0]] || keys[0] == "webhook_verify" {
				// An imported snippet read on its own: no site in it.
				return "", ""
			}
			site = strings.Join(keys, " ")
			if len(seg) > 1 && routeDirectives[seg.Directive()] && isMatcherToken(seg[1].Text) && seg[1].Line == seg[0].Line {
				route = seg.Directive() + " " + seg[1].Text
			}
			return site, route
		}
	}
	return "", ""
}

func containsToken(seg caddyfile.Segment, at caddyfile.Token) bool {
	for _, t := range seg {
		if t.File == at.File && t.Line == at.Line && t.Text == at.Text {
			return true
		}
	}
	return false
}

// parsedFile parses a Caddyfile from disk, once per adaptation (the result
// is kept in the helper's state). It returns nil when it cannot.
func parsedFile(h httpcaddyfile.Helper, file string) []caddyfile.ServerBlock {
	key := "hookgate.parsed:" + file
	if h.State != nil {
		if v, ok := h.State[key].([]caddyfile.ServerBlock); ok {
			return v
		}
	}
	var blocks []caddyfile.ServerBlock
	if body, err := os.ReadFile(file); err == nil {
		if parsed, err := caddyfile.Parse(file, body); err == nil {
			blocks = parsed
		}
	}
	if h.State != nil {
		h.State[key] = blocks
	}
	return blocks
}
