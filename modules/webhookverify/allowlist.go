package webhookverify

import (
	"fmt"
	"net"
	"net/netip"
	"strings"

	"github.com/yl2chen/cidranger"
)

// allowList is a route's set of permitted client networks.
type allowList struct {
	ranger cidranger.Ranger
}

// parseAllowList reads IPs and CIDRs ("185.60.20.0/24", "52.39.85.5",
// "2001:db8::/32"). An IPv4-mapped IPv6 entry counts as its IPv4 network, so
// "::ffff:185.60.20.0/120" and "185.60.20.0/24" are the same list.
func parseAllowList(entries []string) (*allowList, error) {
	ranger := cidranger.NewPCTrieRanger()
	for _, entry := range entries {
		prefix, err := parsePrefix(strings.TrimSpace(entry))
		if err != nil {
			return nil, err
		}
		ipNet := net.IPNet{IP: prefix.Addr().AsSlice(), Mask: net.CIDRMask(prefix.Bits(), prefix.Addr().BitLen())}
		if err := ranger.Insert(cidranger.NewBasicRangerEntry(ipNet)); err != nil {
			return nil, fmt.Errorf("allow_ip %q: %v", entry, err)
		}
	}
	return &allowList{ranger: ranger}, nil
}

// parsePrefix reads one allow_ip entry as a masked prefix.
func parsePrefix(entry string) (netip.Prefix, error) {
	var prefix netip.Prefix
	if strings.Contains(entry, "/") {
		p, err := netip.ParsePrefix(entry)
		if err != nil {
			return netip.Prefix{}, fmt.Errorf("allow_ip %q is not an IP address or CIDR range", entry)
		}
		prefix = p
	} else {
		addr, err := netip.ParseAddr(entry)
		if err != nil {
			return netip.Prefix{}, fmt.Errorf("allow_ip %q is not an IP address or CIDR range", entry)
		}
		if addr.Zone() != "" {
			return netip.Prefix{}, fmt.Errorf("allow_ip %q: zoned addresses are not supported", entry)
		}
		prefix = netip.PrefixFrom(addr, addr.BitLen())
	}
	if prefix.Addr().Is4In6() {
		if prefix.Bits() < 96 {
			return netip.Prefix{}, fmt.Errorf("allow_ip %q: an IPv4-mapped range needs a prefix length of at least 96", entry)
		}
		prefix = netip.PrefixFrom(prefix.Addr().Unmap(), prefix.Bits()-96)
	}
	return prefix.Masked(), nil
}

// allows reports whether addr is in the list. An IPv4-mapped IPv6 address
// is looked up as the IPv4 address it carries.
func (a *allowList) allows(addr netip.Addr) bool {
	addr = addr.Unmap().WithZone("")
	ok, err := a.ranger.Contains(net.IP(addr.AsSlice()))
	return err == nil && ok
}
