package ranges

import (
	"context"
	"net"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/hookgate/hookgate/internal/fetchhook"
)

// TestFetchEachProvider: each source fetched from a local TLS server
// standing in for its provider's host, in the provider's format.
func TestFetchEachProvider(t *testing.T) {
	tests := []struct {
		src  *Source
		path string
		doc  string
		want []string
	}{
		{GitHub, "/meta", `{"hooks":["192.30.252.0/22","185.199.108.0/22"],"web":["20.0.0.0/8"]}`, []string{"192.30.252.0/22", "185.199.108.0/22"}},
		{Stripe, "/files/ips/ips_webhooks.json", `{"WEBHOOKS":["3.18.12.63","3.130.192.231"]}`, []string{"3.18.12.63/32", "3.130.192.231/32"}},
		{CheckoutCom, "/docs/public/files/ip-lists/webhooks-live.txt", "4.159.40.224/28\n135.116.97.64/28\n", []string{"4.159.40.224/28", "135.116.97.64/28"}},
		{PagerDutyUS, "/ip-safelists/webhooks-us-service-region-json", `["44.242.69.192","52.89.71.166"]`, []string{"44.242.69.192/32", "52.89.71.166/32"}},
		{PagerDutyEU, "/ip-safelists/webhooks-eu-service-region-json", `["18.192.91.93"]`, []string{"18.192.91.93/32"}},
		{Bitbucket, "/", `{"items":[{"cidr":"104.192.136.0/21","product":["bitbucket"],"direction":["egress"]}]}`, []string{"104.192.136.0/21"}},
		{Mollie, "/ips.txt", "87.233.217.0/24\n", []string{"87.233.217.0/24"}},
		{Svix, "/webhook-ips.json", `{"us":["44.228.126.217"],"eu":["52.215.16.239"]}`, []string{"44.228.126.217/32", "52.215.16.239/32"}},
	}
	for _, tt := range tests {
		t.Run(tt.src.Name, func(t *testing.T) {
			var gotPath, gotUA, gotHost string
			newProvider(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				gotPath, gotUA, gotHost = r.URL.Path, r.UserAgent(), r.Host
				_, _ = w.Write([]byte(tt.doc))
			}), tt.src.Hosts...)
			got, err := Fetch(t.Context(), tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if want := mustPrefixes(t, tt.want...); !slices.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
			if gotPath != tt.path || gotHost != tt.src.Hosts[0] {
				t.Errorf("fetched %s%s, want %s%s", gotHost, gotPath, tt.src.Hosts[0], tt.path)
			}
			if !strings.HasPrefix(gotUA, "hookgate-ranges") {
				t.Errorf("User-Agent %q", gotUA)
			}
		})
	}
}

// TestFetchRefuses: what a fetch must not accept, each an error.
func TestFetchRefuses(t *testing.T) {
	big := `{"WEBHOOKS":["3.18.12.63"],"pad":"` + strings.Repeat("x", DefaultMaxBytes) + `"}`
	tests := []struct {
		name    string
		src     *Source
		handler http.Handler
		wantErr string
	}{
		{"server error", Stripe, serve(http.StatusInternalServerError, `{"WEBHOOKS":["3.18.12.63"]}`), "status 500"},
		{"not found", Stripe, serve(http.StatusNotFound, ""), "status 404"},
		{"larger than the bound", Stripe, serve(http.StatusOK, big), "larger than"},
		{"not the format", Stripe, serve(http.StatusOK, "<html>login</html>"), "not the expected JSON"},
		{"redirect off the pinned host", Stripe, http.RedirectHandler("https://evil.example/ips.json", http.StatusFound), "redirect to evil.example refused"},
		{"redirect to plain HTTP on the pinned host", Stripe, http.RedirectHandler("http://stripe.com/files/ips/ips_webhooks.json", http.StatusFound), "refused"},
		{"redirect to another port", Stripe, http.RedirectHandler("https://stripe.com:8443/x", http.StatusFound), "refused"},
		{"redirect loop within the pin", Stripe, http.RedirectHandler("https://stripe.com/files/ips/ips_webhooks.json", http.StatusFound), "too many redirects"},
		{"a range no provider sends from", Svix, serve(http.StatusOK, `{"us":["0.0.0.0/0"]}`), "not a public unicast"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			newProvider(t, tt.handler, append(slices.Clone(tt.src.Hosts), "evil.example")...)
			got, err := Fetch(t.Context(), tt.src)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v (got %v), want one naming %q", err, got, tt.wantErr)
			}
		})
	}
}

// TestFetchRedirectWithinPin: a redirect to another pinned host of the
// same source is followed (checkout.com -> www.checkout.com).
func TestFetchRedirectWithinPin(t *testing.T) {
	newProvider(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Host == "checkout.com" {
			http.Redirect(w, r, "https://www.checkout.com"+r.URL.Path, http.StatusMovedPermanently)
			return
		}
		_, _ = w.Write([]byte("4.159.40.224/28\n"))
	}), CheckoutCom.Hosts...)
	got, err := Fetch(t.Context(), CheckoutCom)
	if err != nil || len(got) != 1 || got[0].String() != "4.159.40.224/28" {
		t.Fatalf("got %v, %v", got, err)
	}
}

// TestFetchPortRefused: a URL on a pinned host but another port than 443
// is refused before anything is dialled.
func TestFetchPortRefused(t *testing.T) {
	p := newProvider(t, serve(http.StatusOK, `{"WEBHOOKS":["3.18.12.63"]}`), "stripe.com")
	src := &Source{Name: "stripe", URL: "https://stripe.com:8443/files/ips/ips_webhooks.json", Hosts: []string{"stripe.com"}, Parse: JSONKey("WEBHOOKS")}
	if _, err := Fetch(t.Context(), src); err == nil || !strings.Contains(err.Error(), "not on one of") {
		t.Fatalf("a URL with a port was fetched: %v", err)
	}
	if n := p.hits.Load(); n != 0 {
		t.Errorf("the server was reached %d times", n)
	}
}

// TestFetchUntrustedCertificate: a server whose certificate chains to no
// trusted root is refused: the stand-in's CA is not trusted here.
func TestFetchUntrustedCertificate(t *testing.T) {
	p := newProvider(t, serve(http.StatusOK, `{"WEBHOOKS":["3.18.12.63"]}`), "stripe.com")
	addr := p.srv.Listener.Addr().String()
	restore := fetchhook.Set(&http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, addr)
		},
	})
	defer restore()
	if _, err := Fetch(t.Context(), Stripe); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("err = %v, want a certificate error", err)
	}
}
