// Package ranges owns the webhook source addresses that providers publish
// in machine-readable lists (GitHub's /meta "hooks", Stripe's
// ips_webhooks.json, ...): where each list lives (a URL on a pinned host),
// how to read it into prefixes, fetching it the way hookgate fetches keys
// (HTTPS, size-bounded, redirects only within the pinned hosts), refreshing
// it on a schedule, keeping the last good copy in a file (Caddy's data
// directory at the call site) so that a restart without network still has
// it, and a snapshot compiled in as the floor for when there is neither.
//
// A List never holds more than what its source last said: a failed
// refresh keeps the last good list, and a document that does not parse,
// is empty, or names a range no provider sends from (private, loopback,
// wider than the source's bound) counts as a failure. Changes are logged
// and counted (metrics.go). The package knows nothing of Caddy's handler;
// the gate asks a List whether an address is in it.
package ranges

import (
	"net/netip"
	"net/url"
	"slices"
	"strings"
)

// Source is one provider's published list of webhook source addresses.
type Source struct {
	// Name identifies the source in file names, logs and metrics
	// (the `source` label): lower case, [a-z0-9_].
	Name string
	// URL is the list's HTTPS address; its host must be one of Hosts.
	URL string
	// Hosts are the host names the list may be fetched from, redirects
	// included. Nothing else is ever contacted.
	Hosts []string
	// Parse reads a fetched document into prefixes. It need not sort,
	// deduplicate or check them: Source.parse does.
	Parse func(doc []byte) ([]netip.Prefix, error)
	// Snapshot is the list as compiled in (see sources.go for its date
	// and origin): used when no fetched copy, live or saved, exists.
	// Empty when none could be verified.
	Snapshot []string
	// MaxBytes bounds the document read; 0 means DefaultMaxBytes.
	MaxBytes int64
	// MinBits4 and MinBits6 are the widest IPv4 and IPv6 prefixes the
	// source may name (0: DefaultMinBits4, DefaultMinBits6); a wider one
	// makes the whole document a failure.
	MinBits4, MinBits6 int
	// Docs is the provider's page that documents the list.
	Docs string
	// OptIn: a route uses this list only when it asks for it (Svix's
	// static addresses are not guaranteed on every plan); otherwise the
	// list is the default allow-list of the source's presets.
	OptIn bool
}

// Bounds on a document, unless a source sets its own.
const (
	// DefaultMaxBytes is the largest document read (GitHub's /meta, which
	// lists every GitHub service, is the largest: a few hundred KB).
	DefaultMaxBytes = 2 << 20
	// DefaultMinBits4: no IPv4 prefix wider than a /16.
	DefaultMinBits4 = 16
	// DefaultMinBits6: no IPv6 prefix wider than a /24.
	DefaultMinBits6 = 24
	// MaxPrefixes is the most prefixes one list may hold.
	MaxPrefixes = 4096
)

// allowed reports whether u may be fetched for s: a plain HTTPS URL (no
// user info, no port but 443, no fragment) on one of s.Hosts.
func (s *Source) allowed(u *url.URL) bool {
	if u == nil || u.Scheme != "https" || u.User != nil || u.Fragment != "" || u.Opaque != "" {
		return false
	}
	if p := u.Port(); p != "" && p != "443" {
		return false
	}
	return slices.Contains(s.Hosts, strings.ToLower(u.Hostname()))
}

// snapshot is s.Snapshot as prefixes, checked as a fetched list is. The
// compiled-in lists are tested (TestSnapshotsParse), so an error here is
// a programming error and yields no floor.
func (s *Source) snapshot() []netip.Prefix {
	if len(s.Snapshot) == 0 {
		return nil
	}
	var out []netip.Prefix
	for _, v := range s.Snapshot {
		p, err := parsePrefix(v)
		if err != nil {
			return nil
		}
		out = append(out, p)
	}
	out, err := s.check(out)
	if err != nil {
		return nil
	}
	return out
}

func (s *Source) maxBytes() int64 {
	if s.MaxBytes > 0 {
		return s.MaxBytes
	}
	return DefaultMaxBytes
}
