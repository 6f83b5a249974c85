package ranges

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// parse reads doc with s.Parse and checks the result (s.check).
func (s *Source) parse(doc []byte) ([]netip.Prefix, error) {
	got, err := s.Parse(doc)
	if err != nil {
		return nil, err
	}
	return s.check(got)
}

// check masks, sorts and deduplicates ps and refuses the list when it is
// empty, too long, or names a range no provider sends webhooks from: not
// a global unicast address, or wider than the source's bound.
func (s *Source) check(ps []netip.Prefix) ([]netip.Prefix, error) {
	if len(ps) == 0 {
		return nil, errors.New("the list is empty")
	}
	if len(ps) > MaxPrefixes {
		return nil, fmt.Errorf("the list has %d ranges, more than %d", len(ps), MaxPrefixes)
	}
	min4, min6 := s.MinBits4, s.MinBits6
	if min4 == 0 {
		min4 = DefaultMinBits4
	}
	if min6 == 0 {
		min6 = DefaultMinBits6
	}
	out := make([]netip.Prefix, 0, len(ps))
	for _, p := range ps {
		if !p.IsValid() {
			return nil, errors.New("an invalid range")
		}
		p = p.Masked()
		a := p.Addr()
		if !a.IsGlobalUnicast() || a.IsPrivate() {
			return nil, fmt.Errorf("%s is not a public unicast range", p)
		}
		if a.Is4() && p.Bits() < min4 || a.Is6() && p.Bits() < min6 {
			return nil, fmt.Errorf("%s is wider than this source may name", p)
		}
		out = append(out, p)
	}
	slices.SortFunc(out, comparePrefix)
	return slices.Compact(out), nil
}

// comparePrefix orders prefixes by address, then length.
func comparePrefix(a, b netip.Prefix) int {
	if c := a.Addr().Compare(b.Addr()); c != 0 {
		return c
	}
	return a.Bits() - b.Bits()
}

// parsePrefix reads "1.2.3.0/24", "2001:db8::/32" or a bare address (a
// /32 or /128). IPv4-mapped IPv6 addresses are read as IPv4.
func parsePrefix(s string) (netip.Prefix, error) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, fmt.Errorf("%q is not an address range", s)
		}
		if p.Addr().Is4In6() && p.Bits() >= 96 {
			p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
		}
		return p, nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return netip.Prefix{}, fmt.Errorf("%q is not an address", s)
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), nil
}

// strict decodes doc into v, refusing trailing data.
func strict(doc []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(doc))
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("not the expected JSON: %v", err)
	}
	if dec.More() {
		return errors.New("not the expected JSON: data after the document")
	}
	return nil
}

// prefixes parses every string of list.
func prefixes(list []string) ([]netip.Prefix, error) {
	out := make([]netip.Prefix, 0, len(list))
	for _, v := range list {
		p, err := parsePrefix(v)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// JSONKey reads a JSON object's member key, an array of address strings:
// GitHub's /meta "hooks", Stripe's {"WEBHOOKS": [...]}. A missing member
// is an error, not an empty list.
func JSONKey(key string) func([]byte) ([]netip.Prefix, error) {
	return func(doc []byte) ([]netip.Prefix, error) {
		var obj map[string]json.RawMessage
		if err := strict(doc, &obj); err != nil {
			return nil, err
		}
		raw, ok := obj[key]
		if !ok {
			return nil, fmt.Errorf("no %q member", key)
		}
		var list []string
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, fmt.Errorf("%q is not a list of addresses: %v", key, err)
		}
		return prefixes(list)
	}
}

// JSONArray reads a top-level JSON array of address strings (PagerDuty's
// safelists).
func JSONArray(doc []byte) ([]netip.Prefix, error) {
	var list []string
	if err := strict(doc, &list); err != nil {
		return nil, err
	}
	return prefixes(list)
}

// JSONRegions reads a JSON object whose every member is an array of
// address strings, one per region (Svix's webhook-ips.json: "us", "eu",
// ...), into their union: the gate does not know which region an account
// sends from.
func JSONRegions(doc []byte) ([]netip.Prefix, error) {
	var obj map[string][]string
	if err := strict(doc, &obj); err != nil {
		return nil, err
	}
	if len(obj) == 0 {
		return nil, errors.New("no regions")
	}
	var out []netip.Prefix
	for region, list := range obj {
		ps, err := prefixes(list)
		if err != nil {
			return nil, fmt.Errorf("region %q: %v", region, err)
		}
		out = append(out, ps...)
	}
	return out, nil
}

// Lines reads one address or range per line (Checkout.com's lists);
// blank lines and lines starting with '#' are skipped.
func Lines(doc []byte) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for line := range strings.Lines(string(doc)) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p, err := parsePrefix(line)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// AtlassianItems reads Atlassian's ip-ranges document
// ({"items": [{"cidr": ..., "product": [...], "direction": [...]}]}) and
// keeps the ranges of product that carry its outgoing (egress) traffic.
func AtlassianItems(product string) func([]byte) ([]netip.Prefix, error) {
	return func(doc []byte) ([]netip.Prefix, error) {
		var d struct {
			Items *[]struct {
				CIDR      string   `json:"cidr"`
				Product   []string `json:"product"`
				Direction []string `json:"direction"`
			} `json:"items"`
		}
		if err := strict(doc, &d); err != nil {
			return nil, err
		}
		if d.Items == nil {
			return nil, errors.New(`no "items" member`)
		}
		var out []netip.Prefix
		for _, it := range *d.Items {
			if !slices.Contains(it.Product, product) || !slices.Contains(it.Direction, "egress") {
				continue
			}
			p, err := parsePrefix(it.CIDR)
			if err != nil {
				return nil, err
			}
			out = append(out, p)
		}
		return out, nil
	}
}
