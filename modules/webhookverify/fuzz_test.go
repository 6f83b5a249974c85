package webhookverify

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"

	"github.com/hookgate/hookgate/verifiers"
)

// Fuzz targets for the handler's parsers: allow_ip entries and lists, and
// the Caddyfile block. Seeds are in testdata/fuzz/<target>; CI runs each
// target for a few seconds (.ci/run), `go test` replays the seeds.

// FuzzParsePrefix: an allow_ip entry either fails to parse or becomes a
// masked, unzoned prefix whose IPv4-mapped forms are folded into IPv4, and
// whose own text parses back to the same prefix.
func FuzzParsePrefix(f *testing.F) {
	for _, s := range []string{"185.60.20.0/24", "52.39.85.5", "2001:db8::/32", "::ffff:185.60.20.0/120", "::ffff:1.2.3.4", "fe80::1%eth0", "10.0.0.1/33", "", "/", "0.0.0.0/0", "::/0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, entry string) {
		p, err := parsePrefix(entry)
		if err != nil {
			return
		}
		if !p.IsValid() || p.Masked() != p || p.Addr().Zone() != "" || p.Addr().Is4In6() {
			t.Fatalf("parsePrefix(%q) = %v: not a masked, unzoned, unmapped prefix", entry, p)
		}
		again, err := parsePrefix(p.String())
		if err != nil || again != p {
			t.Fatalf("parsePrefix(%q) = %v, but its text parses to %v, %v", entry, p, again, err)
		}
	})
}

// FuzzAllowList: whatever the list, the cidranger lookup agrees with a
// plain walk over the parsed prefixes, for the probe address and for its
// IPv4-mapped form.
func FuzzAllowList(f *testing.F) {
	f.Add("185.60.20.0/24 2001:db8::/32", []byte{185, 60, 20, 7})
	f.Add("::ffff:185.60.20.0/120", []byte{185, 60, 20, 200})
	f.Add("0.0.0.0/0", []byte{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})
	f.Add("10.0.0.0/8,10.1.0.0/16 ::/0", []byte{10, 1, 2, 3})
	f.Add("127.0.0.1", []byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1})
	f.Fuzz(func(t *testing.T, list string, probe []byte) {
		entries := strings.FieldsFunc(list, func(r rune) bool { return r == ' ' || r == ',' || r == '\n' })
		if len(entries) > 64 {
			return
		}
		al, err := parseAllowList(entries)
		if err != nil {
			return
		}
		addr, ok := netip.AddrFromSlice(probe)
		if !ok {
			return
		}
		want := false
		for _, e := range entries {
			p, err := parsePrefix(strings.TrimSpace(e))
			if err != nil {
				t.Fatalf("parseAllowList accepted %q, parsePrefix refuses it: %v", e, err)
			}
			want = want || p.Contains(addr.Unmap())
		}
		if got := al.allows(addr); got != want {
			t.Fatalf("allows(%v) = %v with %q, want %v", addr, got, entries, want)
		}
		if addr.Is4() {
			mapped := netip.AddrFrom16(addr.As16())
			if al.allows(mapped) != want {
				t.Fatalf("allows(%v) and allows(%v) differ with %q", addr, mapped, entries)
			}
		}
	})
}

// FuzzUnmarshalCaddyfile: any text after "webhook_verify" either is an
// error or sets up a handler whose fields the rest of the module can rely
// on; it never panics.
func FuzzUnmarshalCaddyfile(f *testing.F) {
	for _, s := range []string{
		"payone {\n\tsecret {env.KEY}\n\tportal_id 2012345\n\taid 12345\n}",
		"hmac {\n\tsecret s\n\theader X-Signature\n\talgorithm sha512\n\tencoding base64\n\tprefix \"sha512=\"\n\tallow_ip 203.0.113.0/24 ::1\n\tmax_body 64KiB\n}",
		"stripe {\n\tsecret a\n\tsecret b\n\ttolerance 5m\n\tuser_agent any\n\tallow_ip any\n}",
		"cardknox {\n\tsecret CardknoxPin0123456789\n\tmax_body 0\n}",
		"hmac extra {\n}",
		"hmac {\n\theader\n}",
		"nosuch",
		"",
		"payone {\n\tportal_id 1\n\tportal_id 2\n}",
		"hmac {\n\tallow_ip 10.0.0.1/33\n}",
		"twilio {\n\tsecret x\n\turl https://hooks.example.com/twilio\n}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		tokens, err := caddyfile.Tokenize([]byte("webhook_verify "+src), "Caddyfile")
		if err != nil {
			return
		}
		d := caddyfile.NewDispenser(tokens)
		var h Handler
		if err := h.UnmarshalCaddyfile(d); err != nil {
			return
		}
		p, ok := verifiers.Lookup(h.Provider)
		if !ok {
			t.Fatalf("accepted unknown provider %q", h.Provider)
		}
		if h.MaxBody < 0 || h.Tolerance < 0 {
			t.Fatalf("negative max_body %d or tolerance %v", h.MaxBody, h.Tolerance)
		}
		for _, a := range h.AllowIP {
			if a == Any {
				continue
			}
			if _, err := parsePrefix(a); err != nil {
				t.Fatalf("accepted allow_ip %q: %v", a, err)
			}
		}
		for name := range h.Options {
			if !p.HasOption(name) {
				t.Fatalf("accepted option %q that %s does not have", name, h.Provider)
			}
		}
	})
}
