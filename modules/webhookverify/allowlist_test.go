package webhookverify

import (
	"net/netip"
	"strings"
	"testing"
)

func TestAllowList(t *testing.T) {
	list, err := parseAllowList([]string{"185.60.20.0/24", "52.39.85.5", "2001:db8::/32", "::ffff:198.51.100.0/120"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		ip   string
		want bool
	}{
		{"185.60.20.1", true},
		{"185.60.20.254", true},
		{"185.60.21.1", false},
		{"::ffff:185.60.20.128", true}, // IPv4-mapped IPv6 matches its IPv4 range
		{"52.39.85.5", true},
		{"52.39.85.6", false},
		{"2001:db8::1", true},
		{"2001:db9::1", false},
		{"198.51.100.77", true}, // configured as an IPv4-mapped range
		{"::ffff:198.51.100.77", true},
		{"fe80::1%eth0", false},
		{"127.0.0.1", false},
	}
	for _, tt := range tests {
		t.Run(tt.ip, func(t *testing.T) {
			if got := list.allows(netip.MustParseAddr(tt.ip)); got != tt.want {
				t.Errorf("allows(%s) = %v, want %v", tt.ip, got, tt.want)
			}
		})
	}
}

func TestParsePrefixErrors(t *testing.T) {
	tests := []struct{ entry, want string }{
		{"185.60.20.0/33", "is not an IP address or CIDR range"},
		{"185.60.20", "is not an IP address or CIDR range"},
		{"example.com", "is not an IP address or CIDR range"},
		{"", "is not an IP address or CIDR range"},
		{"::ffff:1.2.3.0/64", "IPv4-mapped range needs a prefix length of at least 96"},
		{"fe80::1%eth0", "zoned addresses are not supported"},
	}
	for _, tt := range tests {
		t.Run(tt.entry, func(t *testing.T) {
			_, err := parsePrefix(tt.entry)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("parsePrefix(%q) = %v, want an error containing %q", tt.entry, err, tt.want)
			}
		})
	}
}

// TestParsePrefixMasks: host bits in a range are cleared, so
// 185.60.20.77/24 means the whole /24, as it would in a firewall rule.
func TestParsePrefixMasks(t *testing.T) {
	p, err := parsePrefix("185.60.20.77/24")
	if err != nil || p.String() != "185.60.20.0/24" {
		t.Fatalf("parsePrefix = %v, %v; want 185.60.20.0/24", p, err)
	}
}
