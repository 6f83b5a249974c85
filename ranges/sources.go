package ranges

// The providers' published lists (docs/source-ranges.md has the research:
// each URL, its format, and what hookgate compiled in before). Snapshots
// were taken from the sources named beside them on 2026-12-07; a refresh
// replaces them with what the provider says now.

// GitHub: GET https://api.github.com/meta, member "hooks".
var GitHub = &Source{
	Name:  "github",
	URL:   "https://api.github.com/meta",
	Hosts: []string{"api.github.com"},
	Parse: JSONKey("hooks"),
	// api.github.com/meta "hooks" as documented before GitHub added
	// webhook ranges on 2026-10-29 (the refresh brings those in).
	Snapshot: []string{
		"192.30.252.0/22", "185.199.108.0/22", "140.82.112.0/20", "143.55.64.0/20",
		"2a0a:a440::/29", "2606:50c0::/32",
	},
	Docs: "https://docs.github.com/en/rest/meta/meta#get-github-meta-information",
}

// Stripe: https://stripe.com/files/ips/ips_webhooks.json, {"WEBHOOKS": [...]}.
var Stripe = &Source{
	Name:  "stripe",
	URL:   "https://stripe.com/files/ips/ips_webhooks.json",
	Hosts: []string{"stripe.com"},
	Parse: JSONKey("WEBHOOKS"),
	// ips_webhooks.txt as mirrored on 2026-05-15 (15 addresses).
	Snapshot: []string{
		"3.18.12.63", "3.69.109.8", "3.120.168.93", "3.130.192.231",
		"13.235.14.237", "13.235.122.149", "18.211.135.69", "35.154.171.200",
		"35.157.207.129", "52.15.183.38", "54.88.130.119", "54.88.130.237",
		"54.187.174.169", "54.187.205.235", "54.187.216.72",
	},
	Docs: "https://docs.stripe.com/ips#webhook-notifications",
}

// Checkout.com: https://checkout.com/docs/public/files/ip-lists/webhooks-live.txt,
// one address or range per line. The docs link the same file under
// www.checkout.com, so both hosts are pinned.
var CheckoutCom = &Source{
	Name:  "checkout_com",
	URL:   "https://checkout.com/docs/public/files/ip-lists/webhooks-live.txt",
	Hosts: []string{"checkout.com", "www.checkout.com"},
	Parse: Lines,
	// No snapshot: the live file's content could not be read from a
	// primary source here. Until the first fetch the preset's own
	// allow-list (none) applies.
	Docs: "https://www.checkout.com/docs/developer-resources/ip-addresses",
}

// PagerDuty US service region:
// https://developer.pagerduty.com/ip-safelists/webhooks-us-service-region-json,
// a JSON array of addresses.
var PagerDutyUS = &Source{
	Name:  "pagerduty_us",
	URL:   "https://developer.pagerduty.com/ip-safelists/webhooks-us-service-region-json",
	Hosts: []string{"developer.pagerduty.com"},
	Parse: JSONArray,
	// PagerDuty/developer-docs docs/webhooks/11-Webhook-IPs.md.
	Snapshot: []string{
		"44.242.69.192", "52.89.71.166", "54.213.187.133", "35.86.21.47",
		"52.88.94.18", "44.238.89.29", "54.241.68.46", "54.176.72.216",
		"54.177.81.67", "13.56.49.27", "34.210.57.30", "34.210.242.134",
		"52.34.208.156", "34.202.21.89", "34.239.229.93", "34.231.45.166",
	},
	Docs: "https://developer.pagerduty.com/docs/webhook-ips",
}

// PagerDuty EU service region, as PagerDutyUS.
var PagerDutyEU = &Source{
	Name:  "pagerduty_eu",
	URL:   "https://developer.pagerduty.com/ip-safelists/webhooks-eu-service-region-json",
	Hosts: []string{"developer.pagerduty.com"},
	Parse: JSONArray,
	Snapshot: []string{
		"18.192.91.93", "18.158.120.237", "18.194.177.30", "18.158.199.216",
		"3.126.25.87", "18.197.187.16", "54.76.3.62", "54.170.2.90",
		"52.213.188.110", "54.195.179.238", "34.250.91.200", "54.76.225.71",
	},
	Docs: "https://developer.pagerduty.com/docs/webhook-ips",
}

// Bitbucket Cloud: https://ip-ranges.atlassian.com/, the items whose
// product includes "bitbucket" and direction includes "egress".
var Bitbucket = &Source{
	Name:  "bitbucket",
	URL:   "https://ip-ranges.atlassian.com/",
	Hosts: []string{"ip-ranges.atlassian.com"},
	Parse: AtlassianItems("bitbucket"),
	// Bitbucket Cloud's documented outgoing ranges.
	Snapshot: []string{
		"104.192.136.0/21", "185.166.140.0/22", "18.205.93.0/25",
		"18.234.32.128/25", "13.52.5.0/25", "13.200.41.128/25",
	},
	Docs: "https://support.atlassian.com/bitbucket-cloud/docs/what-are-the-bitbucket-cloud-ip-addresses-i-should-use-to-configure-my-corporate-firewall/",
}

// Svix (and the presets Svix delivers for: clerk, resend):
// https://docs.svix.com/webhook-ips.json, {"us": [...], "eu": [...], ...};
// the union of every region.
var Svix = &Source{
	Name:  "svix",
	URL:   "https://docs.svix.com/webhook-ips.json",
	Hosts: []string{"docs.svix.com"},
	Parse: JSONRegions,
	// docs.svix.com/receiving/source-ips, every region.
	Snapshot: []string{
		"44.228.126.217", "50.112.21.217", "52.24.126.164", "54.148.139.208", "2600:1f24:64:8000::/56",
		"52.215.16.239", "54.216.8.72", "63.33.109.123", "2a05:d028:17:8000::/56",
		"13.239.204.236", "54.66.246.217", "54.252.65.96", "2406:da2c:13:4000::/56",
		"52.60.44.49", "3.98.68.230", "3.96.105.27", "2600:1f21:1c:4000::/56",
		"13.126.41.108", "15.207.218.84", "65.2.133.31",
	},
	Docs: "https://docs.svix.com/receiving/source-ips",
	// "Static source IPs are not guaranteed for all pricing tiers."
	OptIn: true,
}

// Mollie: https://ip-ranges.mollie.com/ips.txt, one address or range per
// line (Mollie's outgoing addresses, webhooks included).
var Mollie = &Source{
	Name:  "mollie",
	URL:   "https://ip-ranges.mollie.com/ips.txt",
	Hosts: []string{"ip-ranges.mollie.com"},
	Parse: Lines,
	// No snapshot: the file's content could not be read from a primary
	// source here. Until the first fetch the preset's own allow-list
	// (none) applies.
	Docs: "https://help.mollie.com/hc/en-us/articles/213470829-Which-IP-addresses-does-Mollie-use",
}

// All is every source, by name.
var All = map[string]*Source{}

func init() {
	for _, s := range []*Source{GitHub, Stripe, CheckoutCom, PagerDutyUS, PagerDutyEU, Bitbucket, Svix, Mollie} {
		All[s.Name] = s
	}
}

// ForPreset returns the sources a preset's senders are listed in: PagerDuty
// has one list per service region, and Svix delivers for clerk and resend.
// Nil for a preset whose provider publishes no machine-readable list.
func ForPreset(preset string) []*Source {
	switch preset {
	case "github":
		return []*Source{GitHub}
	case "stripe":
		return []*Source{Stripe}
	case "checkout_com":
		return []*Source{CheckoutCom}
	case "pagerduty":
		return []*Source{PagerDutyUS, PagerDutyEU}
	case "bitbucket":
		return []*Source{Bitbucket}
	case "svix", "clerk", "resend":
		return []*Source{Svix}
	case "mollie":
		return []*Source{Mollie}
	}
	return nil
}
