package webhookverify

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/hookgate/hookgate/verifiers"
	"github.com/hookgate/hookgate/verifiers/verifierstest"
)

// TestEveryPresetThroughCaddy drives every registered preset through one
// real Caddy: a delivery signed as the provider signs it reaches the
// upstream byte for byte; a tampered, an unsigned and a wrongly-signed copy
// are refused and never reach it. Presets are read from the registry at run
// time, so a new preset is covered without touching this test.
func TestEveryPresetThroughCaddy(t *testing.T) {
	names := verifiers.Names()
	if len(names) < 45 {
		t.Fatalf("only %d presets registered, want at least 45", len(names))
	}
	up := gatetest.StartUpstream(t)
	port := gatetest.FreePort(t)
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	now := time.Now()

	fixtures, site := presetRoutes(t, base, now, "", "UPSTREAM")
	g := gatetest.StartGateOnPort(t, up, "", site, port)

	for _, name := range names {
		f := fixtures[name]
		t.Run(name, func(t *testing.T) {
			routeURL := base + "/" + name + "?from=test"
			m, err := f.Message(routeURL, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			path := strings.TrimPrefix(m.URL, base) // a signer may add to the query (Twilio's bodySHA256)
			before := len(up.Got())

			rep := g.Post(t, path, m.Header, m.Body)
			if rep.Status != http.StatusOK {
				t.Fatalf("signed delivery (%s key): status %d %q", f.Candidate, rep.Status, rep.Body)
			}
			got := up.Got()
			if len(got) != before+1 || !bytes.Equal(got[len(got)-1].Body, m.Body) {
				t.Fatalf("signed delivery did not reach the upstream unchanged")
			}

			refusals := map[string]func() gatetest.Reply{
				"unsigned": func() gatetest.Reply {
					return g.Post(t, path, http.Header{"Content-Type": {f.ContentType}, "User-Agent": m.Header["User-Agent"]}, f.Body)
				},
				"wrong key": func() gatetest.Reply {
					other := *f
					other.Sign = f.WrongSign
					wm, err := other.Message(routeURL, time.Now())
					if err != nil {
						t.Fatal(err)
					}
					return g.Post(t, strings.TrimPrefix(wm.URL, base), wm.Header, wm.Body)
				},
			}
			if f.BodySigned {
				refusals["tampered"] = func() gatetest.Reply {
					return g.Post(t, path, m.Header, verifierstest.Tamper(m.Body))
				}
			}
			for what, send := range refusals {
				if rep := send(); rep.Status < 400 || rep.Status >= 500 {
					t.Errorf("%s delivery: status %d %q, want a 4xx refusal", what, rep.Status, rep.Body)
				}
			}
			if n := len(up.Got()) - before; n != 1 {
				t.Errorf("%d refused deliveries reached the upstream", n-1)
			}
		})
	}
}

// presetRoutes is a site with a route /<name> for every registered preset,
// configured from its fixture (signed for base/<name>?from=test at now),
// open to 127.0.0.1, with extra lines in each webhook_verify block and
// reverse_proxy to upstream.
func presetRoutes(t *testing.T, base string, now time.Time, extra, upstream string) (map[string]*verifierstest.Fixture, string) {
	t.Helper()
	fixtures := map[string]*verifierstest.Fixture{}
	var site strings.Builder
	site.WriteString(gatetest.ErrorsSite)
	for _, name := range verifiers.Names() {
		f, err := verifierstest.For(name, base+"/"+name+"?from=test", now)
		if err != nil {
			t.Fatalf("preset %s cannot be driven: %v", name, err)
		}
		fixtures[name] = f
		fmt.Fprintf(&site, "\thandle /%s {\n\t\twebhook_verify %s {\n%s\t\t\tallow_ip 127.0.0.1/32 ::1\n%s\t\t}\n\t\treverse_proxy %s\n\t}\n",
			name, name, indentLines(f.CaddyfileLines(), "\t\t\t"), extra, upstream)
	}
	return fixtures, site.String()
}

func indentLines(lines, prefix string) string {
	var b strings.Builder
	for _, l := range strings.SplitAfter(lines, "\n") {
		if l != "" {
			b.WriteString(prefix + l)
		}
	}
	return b.String()
}
