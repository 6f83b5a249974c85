package ranges

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"net/url"
	"time"

	"github.com/hookgate/hookgate/internal/pinnedfetch"
)

// FetchTimeout bounds one fetch, connection and body included.
const FetchTimeout = 30 * time.Second

// userAgent is sent with every fetch (api.github.com refuses requests
// without one).
const userAgent = "hookgate-ranges (+https://github.com/hookgate/hookgate)"

// transport is the transport of range fetches (see internal/pinnedfetch).
var transport = pinnedfetch.NewTransport(FetchTimeout)

// client is the client of s's fetches: certificates verified as usual,
// redirects followed only to URLs s allows.
func client(s *Source) *http.Client {
	return pinnedfetch.Client(transport, FetchTimeout, s.allowed, s.Name+"'s")
}

// Fetch GETs s's list and returns its ranges, checked (Source.check).
// Any status but 200, a document larger than s's bound, or one that does
// not parse is an error.
func Fetch(ctx context.Context, s *Source) ([]netip.Prefix, error) {
	u, err := url.Parse(s.URL)
	if err != nil || !s.allowed(u) {
		return nil, fmt.Errorf("%s is not on one of %s's hosts", s.URL, s.Name)
	}
	ctx, cancel := context.WithTimeout(ctx, FetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", userAgent)
	resp, err := client(s).Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: status %d", s.URL, resp.StatusCode)
	}
	limit := s.maxBytes()
	doc, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("GET %s: %v", s.URL, err)
	}
	if int64(len(doc)) > limit {
		return nil, fmt.Errorf("GET %s: larger than %d bytes", s.URL, limit)
	}
	ps, err := s.parse(doc)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %v", s.URL, err)
	}
	return ps, nil
}
