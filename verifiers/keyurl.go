package verifiers

import (
	"context"
	"net/netip"
	"net/url"
	"path"
	"strings"
)

// Key URLs as the key cache (keyfetch.go) sees them: one canonical form
// for all the spellings of a URL, and the client address whose budget a
// new URL spends.

// canonicalKeyURL parses a key URL into the one form its spellings share:
// scheme and host in lower case, no trailing dot on the host, no default
// port (":443" or an empty one), the path with its percent-encoding
// decoded and re-encoded the standard way and its dot segments resolved,
// no empty fragment. What an allow-list refuses (user info, another port,
// a fragment, a query) is kept, so that it is still refused.
func canonicalKeyURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, err
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	scheme := strings.ToLower(u.Scheme)
	if p := u.Port(); p != "" && !(p == "443" && scheme == "https") {
		host += ":" + p
	}
	c := &url.URL{Scheme: scheme, Opaque: u.Opaque, User: u.User, Host: host, Path: resolveDotSegments(u.Path),
		RawQuery: u.RawQuery, ForceQuery: u.ForceQuery, Fragment: u.Fragment}
	return c, nil
}

// resolveDotSegments removes "." and ".." segments from an absolute path
// as a server resolves them (RFC 3986 5.2.4), keeping a trailing slash.
func resolveDotSegments(p string) string {
	if p == "" {
		return "/"
	}
	clean := path.Clean("/" + p)
	if strings.HasSuffix(p, "/") && clean != "/" {
		clean += "/"
	}
	return clean
}

// keyClientKey carries a delivery's client address to the key cache.
type keyClientKey struct{}

// withKeyClient is ctx carrying client, the delivery's client address.
func withKeyClient(ctx context.Context, client string) context.Context {
	return context.WithValue(ctx, keyClientKey{}, client)
}

// keyClientOf is the client address withKeyClient put in ctx, or "".
func keyClientOf(ctx context.Context) string {
	s, _ := ctx.Value(keyClientKey{}).(string)
	return s
}

// budgetKey names a new-URL budget: the provider and the client address,
// an IPv6 address by its /64 (one host's share of a network).
func budgetKey(provider, client string) string {
	if a, err := netip.ParseAddr(client); err == nil && a.Unmap().Is6() {
		if p, err := a.Prefix(64); err == nil {
			client = p.String()
		}
	}
	return provider + " " + client
}
