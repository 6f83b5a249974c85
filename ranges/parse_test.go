package ranges

import (
	"net/netip"
	"slices"
	"strings"
	"testing"
)

func mustPrefixes(t *testing.T, ss ...string) []netip.Prefix {
	t.Helper()
	var out []netip.Prefix
	for _, s := range ss {
		p, err := parsePrefix(s)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p.Masked())
	}
	slices.SortFunc(out, comparePrefix)
	return out
}

// TestParsers: each provider's format, as the provider serves it, read
// into its ranges; and what each must refuse.
func TestParsers(t *testing.T) {
	tests := []struct {
		name    string
		src     *Source
		doc     string
		want    []string
		wantErr string
	}{
		{"github meta: hooks only", GitHub,
			`{"verifiable_password_authentication":false,"hooks":["192.30.252.0/22","2606:50c0::/32","4.148.0.0/16"],"web":["140.82.112.0/20"],"actions":["4.0.0.0/9"]}`,
			[]string{"4.148.0.0/16", "192.30.252.0/22", "2606:50c0::/32"}, ""},
		{"github meta without hooks", GitHub, `{"web":["140.82.112.0/20"]}`, nil, `no "hooks" member`},
		{"github hooks not a list", GitHub, `{"hooks":"192.30.252.0/22"}`, nil, "not a list"},
		{"stripe", Stripe, `{"WEBHOOKS":["3.18.12.63","54.187.216.72"]}`, []string{"3.18.12.63/32", "54.187.216.72/32"}, ""},
		{"stripe lower-case key is not Stripe's", Stripe, `{"webhooks":["3.18.12.63"]}`, nil, `no "WEBHOOKS"`},
		{"stripe trailing data", Stripe, `{"WEBHOOKS":["3.18.12.63"]} {"WEBHOOKS":["1.0.0.0/8"]}`, nil, "data after"},
		{"checkout lines", CheckoutCom, "# webhooks\n4.159.40.224/28\r\n\n135.116.97.64/28\n52.214.237.28\n",
			[]string{"4.159.40.224/28", "52.214.237.28/32", "135.116.97.64/28"}, ""},
		{"checkout html page", CheckoutCom, "<html>moved</html>\n", nil, "not an address"},
		{"pagerduty array", PagerDutyUS, `["44.242.69.192","52.89.71.166"]`, []string{"44.242.69.192/32", "52.89.71.166/32"}, ""},
		{"pagerduty object", PagerDutyUS, `{"ips":["44.242.69.192"]}`, nil, "not the expected JSON"},
		{"atlassian: bitbucket egress only", Bitbucket, `{"creationDate":"2026-12-01T00:00:00","syncToken":1,"items":[
			{"network":"104.192.136.0","mask_len":21,"cidr":"104.192.136.0/21","mask":"255.255.248.0","region":["global"],"product":["bitbucket","jira"],"direction":["ingress","egress"]},
			{"network":"13.52.5.0","mask_len":25,"cidr":"13.52.5.0/25","product":["bitbucket"],"direction":["egress"]},
			{"network":"18.184.99.128","mask_len":25,"cidr":"18.184.99.128/25","product":["bitbucket"],"direction":["ingress"]},
			{"network":"34.200.0.0","mask_len":20,"cidr":"34.200.0.0/20","product":["jira"],"direction":["egress"]},
			{"cidr":"2401:1d80:3000::/36","product":["bitbucket"],"direction":["egress"]}]}`,
			[]string{"13.52.5.0/25", "104.192.136.0/21", "2401:1d80:3000::/36"}, ""},
		{"atlassian without items", Bitbucket, `{"syncToken":1}`, nil, `no "items"`},
		{"atlassian, no bitbucket egress", Bitbucket, `{"items":[{"cidr":"34.200.0.0/20","product":["jira"],"direction":["egress"]}]}`, nil, "empty"},
		{"svix: every region", Svix, `{"us":["44.228.126.217","2600:1f24:64:8000::/56"],"eu":["52.215.16.239"],"in":["13.126.41.108"]}`,
			[]string{"13.126.41.108/32", "44.228.126.217/32", "52.215.16.239/32", "2600:1f24:64:8000::/56"}, ""},
		{"svix: a region not a list", Svix, `{"us":"44.228.126.217"}`, nil, "not the expected JSON"},
		{"duplicates and unmasked ranges", Stripe, `{"WEBHOOKS":["3.18.12.63","3.18.12.63/32","::ffff:3.18.12.63","54.187.216.5/24"]}`,
			[]string{"3.18.12.63/32", "54.187.216.0/24"}, ""},
		// what no provider sends from: the whole list is refused
		{"everything", Stripe, `{"WEBHOOKS":["3.18.12.63","0.0.0.0/0"]}`, nil, "not a public unicast"},
		{"all of IPv6", Svix, `{"us":["::/0"]}`, nil, "not a public unicast"},
		{"private range", Stripe, `{"WEBHOOKS":["10.1.2.3"]}`, nil, "not a public unicast"},
		{"loopback", PagerDutyEU, `["127.0.0.1"]`, nil, "not a public unicast"},
		{"wider than a /16", Stripe, `{"WEBHOOKS":["3.0.0.0/8"]}`, nil, "wider than"},
		{"IPv6 wider than a /24", GitHub, `{"hooks":["2600::/12"]}`, nil, "wider than"},
		{"empty list", Stripe, `{"WEBHOOKS":[]}`, nil, "empty"},
		{"zoned address", PagerDutyUS, `["fe80::1%eth0"]`, nil, "not an address"},
		{"not an address", Stripe, `{"WEBHOOKS":["hooks.stripe.com"]}`, nil, "not an address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.src.parse([]byte(tt.doc))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one naming %q (got %v)", err, tt.wantErr, got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := mustPrefixes(t, tt.want...); !slices.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

// TestSnapshotsParse: every compiled-in snapshot passes the checks a
// fetched list must pass (else it would silently give no floor).
func TestSnapshotsParse(t *testing.T) {
	for name, s := range All {
		if len(s.Snapshot) == 0 {
			if name != "checkout_com" && name != "mollie" {
				t.Errorf("%s: no snapshot", name)
			}
			continue
		}
		if got := s.snapshot(); len(got) != len(s.Snapshot) {
			t.Errorf("%s: snapshot has %d entries, %d usable", name, len(s.Snapshot), len(got))
		}
	}
}

// TestSourcesPinned: every source's URL is HTTPS on one of its own
// pinned hosts, and each preset with a list maps to sources that exist.
func TestSourcesPinned(t *testing.T) {
	for name, s := range All {
		if s.Name != name {
			t.Errorf("%s registered as %s", s.Name, name)
		}
		if _, err := Fetch(t.Context(), &Source{Name: s.Name, URL: s.URL, Hosts: nil, Parse: s.Parse}); err == nil || !strings.Contains(err.Error(), "not on one of") {
			t.Errorf("%s: fetching with no pinned host was not refused: %v", name, err)
		}
		if !strings.HasPrefix(s.URL, "https://") {
			t.Errorf("%s: %s is not HTTPS", name, s.URL)
		}
	}
	for _, preset := range []string{"github", "stripe", "checkout_com", "pagerduty", "bitbucket", "svix", "clerk", "resend", "mollie"} {
		srcs := ForPreset(preset)
		if len(srcs) == 0 {
			t.Errorf("%s: no source", preset)
		}
		for _, s := range srcs {
			if All[s.Name] != s {
				t.Errorf("%s: source %s not in All", preset, s.Name)
			}
		}
	}
	if ForPreset("payone") != nil {
		t.Error("payone publishes no list, yet has a source")
	}
}
