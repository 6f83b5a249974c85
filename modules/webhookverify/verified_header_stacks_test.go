package webhookverify

import (
	"fmt"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2"

	"github.com/hookgate/hookgate/internal/gatetest"
)

// The stacks an upstream may be written in, each reading the request
// header X-Webhook-Verified its own way: PHP's $_SERVER behind
// reverse_proxy (php -S) and behind php_fastcgi (php-cgi -b), Python's
// WSGI environ (wsgiref, the CGI convention every WSGI server follows),
// Node's http module and Go's net/http. Each answers with the values it
// reads under that name, one a line.
var headerStacks = []struct {
	name string
	tool string // the program the stack needs
	// start runs the stack on a free port in dir and returns its address.
	start func(t *testing.T, dir string, port int) *exec.Cmd
	// fastcgi: Caddy reaches it with php_fastcgi, its root dir.
	fastcgi bool
}{
	{name: "php-fastcgi", tool: "php-cgi", fastcgi: true, start: func(t *testing.T, dir string, port int) *exec.Cmd {
		writeFile(t, filepath.Join(dir, "index.php"), phpEcho)
		return exec.Command("php-cgi", "-b", fmt.Sprintf("127.0.0.1:%d", port))
	}},
	{name: "php", tool: "php", start: func(t *testing.T, dir string, port int) *exec.Cmd {
		script := filepath.Join(dir, "index.php")
		writeFile(t, script, phpEcho)
		return exec.Command("php", "-S", fmt.Sprintf("127.0.0.1:%d", port), script)
	}},
	{name: "python-wsgi", tool: "python3", start: func(t *testing.T, dir string, port int) *exec.Cmd {
		script := filepath.Join(dir, "app.py")
		writeFile(t, script, fmt.Sprintf(`
from wsgiref.simple_server import make_server, WSGIRequestHandler
class Quiet(WSGIRequestHandler):
    def log_message(self, *a): pass
def app(environ, start):
    start("200 OK", [("Content-Type", "text/plain")])
    v = environ.get("HTTP_X_WEBHOOK_VERIFIED")
    return [(v + "\n").encode()] if v is not None else [b""]
make_server("127.0.0.1", %d, app, handler_class=Quiet).serve_forever()
`, port))
		return exec.Command("python3", script)
	}},
	{name: "node", tool: "node", start: func(t *testing.T, dir string, port int) *exec.Cmd {
		script := filepath.Join(dir, "app.js")
		writeFile(t, script, fmt.Sprintf(`
require("http").createServer((req, res) => {
  const vs = req.headersDistinct["x-webhook-verified"] || [];
  res.end(vs.map(v => v + "\n").join(""));
}).listen(%d, "127.0.0.1");
`, port))
		return exec.Command("node", script)
	}},
}

// phpEcho prints what PHP reads as X-Webhook-Verified.
const phpEcho = `<?php
if (isset($_SERVER['HTTP_X_WEBHOOK_VERIFIED'])) { echo $_SERVER['HTTP_X_WEBHOOK_VERIFIED'], "\n"; }
`

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
}

// spellings are the names a client can send that differ from
// X-Webhook-Verified only in case or in the character between the words:
// every character an HTTP field name may hold (RFC 9110 5.6.2).
func spellings() []string {
	out := []string{"x-webhook-verified", "X-WEBHOOK-VERIFIED"}
	for _, c := range "!#$%&'*+-.^_`|~" {
		out = append(out, "X"+string(c)+"Webhook"+string(c)+"Verified", "X-Webhook"+string(c)+"Verified")
	}
	return slices.Compact(out)
}

// TestVerifiedHeaderSpellingsOfRealStacks finds, with each real stack
// behind Caddy's reverse_proxy (told to keep headers with '_' and '.',
// which it drops by default), which spellings the stack reads as
// X-Webhook-Verified, checks that the gate treats every one of them as
// the verified header, and that through the gate none of them reaches
// the stack: it reads the gate's value and nothing else.
func TestVerifiedHeaderSpellingsOfRealStacks(t *testing.T) {
	goStack := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, v := range r.Header.Values("X-Webhook-Verified") {
			fmt.Fprintln(w, v)
		}
	}))
	t.Cleanup(goStack.Close)
	// how Caddy reaches each stack
	proxies := map[string]string{"go": "reverse_proxy " + strings.TrimPrefix(goStack.URL, "http://")}
	for _, s := range headerStacks {
		if _, err := exec.LookPath(s.tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is not installed", s.tool)
			}
			t.Logf("%s is not installed: %s not tested", s.tool, s.name)
			continue
		}
		port := gatetest.FreePort(t)
		dir := t.TempDir()
		cmd := s.start(t, dir, port)
		if err := cmd.Start(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		addr := fmt.Sprintf("127.0.0.1:%d", port)
		waitListening(t, addr)
		proxies[s.name] = "reverse_proxy " + addr
		if s.fastcgi {
			proxies[s.name] = "root * " + dir + "\n\tphp_fastcgi " + addr
		}
	}

	var dotted, underscored, others []string
	for _, n := range spellings() {
		if strings.Contains(n, ".") {
			dotted = append(dotted, n)
		}
		if strings.Contains(n, "_") {
			underscored = append(underscored, n)
		}
		if !strings.ContainsAny(n, "._") {
			others = append(others, n)
		}
	}
	names := slices.Sorted(maps.Keys(proxies))
	var site strings.Builder
	for _, n := range names {
		fmt.Fprintf(&site, "handle /plain/%s {\n\t%s\n}\n", n, proxies[n])
		fmt.Fprintf(&site, "handle /gated/%s {\n\twebhook_verify kkiapay {\n\t\tsecret kk-secret-0123\n\t\tallow_ip 127.0.0.1/32\n\t\tverified_header X-Webhook-Verified\n\t}\n\t%s\n}\n", n, proxies[n])
	}
	folded := map[string][]string{}
	// Caddy drops names with '_' or '.' unless told to keep them, and
	// then drops the hyphenated name they alias: so the spellings with
	// those go through a Caddy told to keep them, the others through one
	// with Caddy's defaults.
	for _, run := range []struct {
		options   string
		spellings []string
	}{
		{"\t\texpected_dot_headers " + strings.Join(dotted, " ") + "\n\t\texpected_underscore_headers " + strings.Join(underscored, " "), slices.Concat(dotted, underscored)},
		{"", others},
	} {
		g := gatetest.StartGate(t, gatetest.StartUpstream(t), run.options, site.String())
		for _, stack := range names {
			for _, spelling := range run.spellings {
				header := http.Header{spelling: {"forged"}, "X-Kkiapay-Secret": {"kk-secret-0123"}, "Content-Type": {"application/json"}}
				status, answer, err := postDelivery(g.Base+"/plain/"+stack, header, []byte(`{"id":1}`))
				if err != nil || status != http.StatusOK {
					t.Fatalf("%s %s: status %d (%v)", stack, spelling, status, err)
				}
				if strings.Contains(answer, "forged") {
					folded[stack] = append(folded[stack], spelling)
					if !sameHeaderName(spelling, "X-Webhook-Verified") {
						t.Errorf("%s reads %q as X-Webhook-Verified; the gate does not strip it", stack, spelling)
					}
				}
				status, answer, err = postDelivery(g.Base+"/gated/"+stack, header, []byte(`{"id":1}`))
				if err != nil || status != http.StatusOK {
					t.Fatalf("%s %s through the gate: status %d (%v)", stack, spelling, status, err)
				}
				if answer != "kkiapay\n" {
					t.Errorf("%s, %q sent: the app reads X-Webhook-Verified as %q, want only the gate's kkiapay", stack, spelling, answer)
				}
			}
		}
		if err := caddy.Stop(); err != nil {
			t.Fatal(err)
		}
	}
	for _, stack := range names {
		if !slices.Contains(folded[stack], "x-webhook-verified") {
			t.Errorf("%s does not read x-webhook-verified as X-Webhook-Verified: the probe does not reach it", stack)
		}
		t.Logf("%s reads as X-Webhook-Verified: %s", stack, strings.Join(folded[stack], " "))
	}
}

// waitListening waits until something accepts connections at addr.
func waitListening(t *testing.T, addr string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("nothing listens at %s", addr)
}
