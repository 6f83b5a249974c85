package webhookcmd

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/hookgate/hookgate/internal/spooltest"
	"github.com/hookgate/hookgate/modules/spool"
)

// spoolCmd runs one `caddy webhook spool` command function against the
// admin endpoint at addr, at a fixed time.
func spoolCmd(t *testing.T, addr string, o spoolCmdOptions, f func(spoolCmdOptions, []string, io.Writer) error, args ...string) (string, error) {
	t.Helper()
	o.address = addr
	if o.limit == 0 {
		o.limit = spool.DefaultListLimit
	}
	o.now = func() time.Time { return spooltest.T0.Add(10 * time.Minute) }
	var out bytes.Buffer
	err := f(o, args, &out)
	return out.String(), err
}

func spoolActCmd(action string) func(spoolCmdOptions, []string, io.Writer) error {
	return func(o spoolCmdOptions, ids []string, out io.Writer) error { return runSpoolAct(o, action, ids, out) }
}

// TestSpoolCommandList: the table lists what the admin API returns, in its
// order, with a summary; filters reach the API; --json is the API's answer.
func TestSpoolCommandList(t *testing.T) {
	file, nats := spooltest.Fixture()
	remove := spooltest.UseSpools(t, file, nats)
	addr := spooltest.StartAdmin(t)

	out, err := spoolCmd(t, addr, spoolCmdOptions{}, runSpoolList)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 7 || !strings.HasPrefix(lines[0], "ID ") || lines[6] != "5 deliveries: 3 pending, 2 dead" {
		t.Fatalf("list:\n%s", out)
	}
	for i, want := range []string{
		"f2 +stripe +dead +10m0s +40 +- +8 +POST hooks.example.com/stripe +upstream answered 500 +file:/var/lib/caddy/spool$",
		"n1 +kkiapay +dead +9m59s +12 +- +22 +POST pay.example.com/kkiapay",
		"f1 +stripe +pending +9m58s +3 +9m0s ago +14 +POST hooks.example.com/stripe +dial tcp 127.0.0.1:8080: connection refused +file:",
		"both +stripe +pending ",
		"both +kkiapay +pending .* nats:nats://127.0.0.1:4222/hookgate$",
	} {
		if !regexp.MustCompile("^" + want).MatchString(lines[i+1]) {
			t.Errorf("row %d: %q, want %q", i+1, lines[i+1], want)
		}
	}

	out, err = spoolCmd(t, addr, spoolCmdOptions{state: spool.StateDead, spool: nats.Name()}, runSpoolList)
	if err != nil || strings.Count(out, "\n") != 3 || !strings.Contains(out, "\nn1 ") || !strings.Contains(out, "1 delivery: 0 pending, 1 dead") {
		t.Errorf("list --state dead --spool nats: %v\n%s", err, out)
	}
	out, err = spoolCmd(t, addr, spoolCmdOptions{limit: 2}, runSpoolList)
	if err != nil || !strings.Contains(out, "\n2 deliveries") || !strings.Contains(out, "(the first 2: --limit shows more)") {
		t.Errorf("list --limit 2: %v\n%s", err, out)
	}

	out, err = spoolCmd(t, addr, spoolCmdOptions{json: true, state: spool.StatePending}, runSpoolList)
	var entries []spool.Entry
	if err != nil || json.Unmarshal([]byte(out), &entries) != nil || spooltest.IDs(entries) != "f1@file both@file both@nats" {
		t.Errorf("list --json: %v\n%s", err, out)
	}

	// The API's refusals come back as errors with its message.
	for _, tt := range []struct {
		o    spoolCmdOptions
		want string
	}{
		{spoolCmdOptions{state: "gone"}, `HTTP 400: state "gone" is neither pending nor dead`},
		{spoolCmdOptions{limit: 20000}, "HTTP 400: limit"},
		{spoolCmdOptions{spool: "file:/elsewhere"}, `HTTP 404: no spool named "file:/elsewhere"`},
	} {
		if _, err := spoolCmd(t, addr, tt.o, runSpoolList); err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("list %+v: error %v, want %q", tt.o, err, tt.want)
		}
	}

	remove()
	if out, err := spoolCmd(t, addr, spoolCmdOptions{}, runSpoolList); err != nil || out != "no spooled deliveries\n" {
		t.Errorf("empty list: %v %q", err, out)
	}
}

// TestSpoolCommandShow: one delivery, headers redacted, the body only
// with --body and then byte for byte.
func TestSpoolCommandShow(t *testing.T) {
	spooltest.UseSecret(t, spooltest.Secret)
	file, nats := spooltest.Fixture()
	spooltest.UseSpools(t, file, nats)
	addr := spooltest.StartAdmin(t)

	out, err := spoolCmd(t, addr, spoolCmdOptions{}, runSpoolShow, "f1")
	if err != nil {
		t.Fatal(err)
	}
	out = regexp.MustCompile(`(?m)^([a-z ]+): +`).ReplaceAllString(out, "$1: ")
	for _, want := range []string{
		"id: f1\n", "spool: file:/var/lib/caddy/spool\n", "state: pending\n",
		"received: 2026-12-01T10:00:02Z (9m58s ago)\n", "attempts: 3\n",
		"next attempt: 2026-12-01T10:01:00Z (9m0s ago)\n", "request: POST hooks.example.com/stripe\n",
		"size: 14 bytes\n", "header:\n  Content-Type: application/json\n  Stripe-Signature: REDACTED\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("show f1 lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "evt_1") || strings.Contains(out, "abcdef") {
		t.Errorf("show f1 without --body shows the body or the signature:\n%s", out)
	}

	out, err = spoolCmd(t, addr, spoolCmdOptions{body: true}, runSpoolShow, "f2")
	if err != nil || !strings.HasSuffix(out, "\n\n\x00\xffbinary\n") {
		t.Errorf("show f2 --body: %v %q", err, out)
	}
	out, err = spoolCmd(t, addr, spoolCmdOptions{}, runSpoolShow, "n1")
	if err != nil || strings.Contains(out, spooltest.Secret) || !strings.Contains(out, "X-Kkiapay-Secret: REDACTED") {
		t.Errorf("show n1: %v\n%s", err, out)
	}

	out, err = spoolCmd(t, addr, spoolCmdOptions{json: true, body: true}, runSpoolShow, "f1")
	var e spool.Entry
	if err != nil || json.Unmarshal([]byte(out), &e) != nil || string(e.Body) != `{"id":"evt_1"}` {
		t.Errorf("show --json --body: %v\n%s", err, out)
	}

	if _, err := spoolCmd(t, addr, spoolCmdOptions{}, runSpoolShow, "f9"); err == nil || err.Error() != "HTTP 404: no such spooled delivery: f9" {
		t.Errorf("show f9: %v", err)
	}
	if _, err := spoolCmd(t, addr, spoolCmdOptions{}, runSpoolShow, "both"); err == nil || !strings.Contains(err.Error(), "HTTP 409") {
		t.Errorf("show both: %v", err)
	}
	if out, err := spoolCmd(t, addr, spoolCmdOptions{spool: nats.Name()}, runSpoolShow, "both"); err != nil || !regexp.MustCompile(`provider: +kkiapay`).MatchString(out) {
		t.Errorf("show both --spool nats: %v\n%s", err, out)
	}
	// An ID with a slash is escaped into one path segment, not another endpoint.
	if _, err := spoolCmd(t, addr, spoolCmdOptions{}, runSpoolShow, "f1/redrive"); err == nil || !strings.Contains(err.Error(), "HTTP 404: no such spooled delivery") {
		t.Errorf("show f1/redrive: %v", err)
	}
}

// TestSpoolCommandRedriveDrop: each ID is acted on; a failure is reported
// and does not stop the others.
func TestSpoolCommandRedriveDrop(t *testing.T) {
	file, nats := spooltest.Fixture()
	spooltest.UseSpools(t, file, nats)
	addr := spooltest.StartAdmin(t)

	out, err := spoolCmd(t, addr, spoolCmdOptions{}, spoolActCmd("redrive"), "f2", "n1")
	if err != nil || out != "redriven f2 (spool "+file.Name()+")\nredriven n1 (spool "+nats.Name()+")\n" {
		t.Errorf("redrive: %v %q", err, out)
	}
	if len(file.Redriven) != 1 || len(nats.Redriven) != 1 {
		t.Errorf("redriven: %v %v", file.Redriven, nats.Redriven)
	}
	out, err = spoolCmd(t, addr, spoolCmdOptions{}, spoolActCmd("drop"), "f9", "f1", "both")
	if err == nil || err.Error() != "drop failed for 2 of 3: f9, both" {
		t.Errorf("drop error: %v", err)
	}
	if !strings.Contains(out, "f9: HTTP 404: no such spooled delivery: f9\n") || !strings.Contains(out, "dropped f1 (spool "+file.Name()+")\n") ||
		!strings.Contains(out, "both: HTTP 409") {
		t.Errorf("drop output:\n%s", out)
	}
	if file.Has("f1") || !file.Has("both") || !nats.Has("both") {
		t.Error("drop acted on the wrong entries")
	}
}

// TestSpoolCommandAdminAddress: the built caddy finds the admin endpoint
// as `caddy stop` does: --address, else --config, else $CADDY_ADMIN; a
// refusal exits non-zero with the API's message.
func TestSpoolCommandAdminAddress(t *testing.T) {
	bin := gatetest.BuildCaddy(t)
	file, nats := spooltest.Fixture()
	spooltest.UseSpools(t, file, nats)
	addr := spooltest.StartAdmin(t)
	caddyfile := filepath.Join(t.TempDir(), "Caddyfile")
	if err := os.WriteFile(caddyfile, []byte("{\n\tadmin "+addr+"\n}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	run := func(env string, args ...string) (string, string, bool) {
		cmd := exec.Command(bin, append([]string{"webhook", "spool"}, args...)...)
		cmd.Env = append(os.Environ(), "CADDY_ADMIN="+env)
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		return out.String(), errOut.String(), err == nil
	}
	const nowhere = "127.0.0.1:1" // nothing listens there
	for _, tt := range []struct {
		env  string
		args []string
	}{
		{nowhere, []string{"list", "--state", "dead", "--address", addr}},
		{nowhere, []string{"list", "--state", "dead", "--config", caddyfile}},
		{addr, []string{"list", "--state", "dead"}},
	} {
		out, stderr, ok := run(tt.env, tt.args...)
		if !ok || !strings.Contains(out, "\nf2 ") || !strings.Contains(out, "\nn1 ") || !strings.Contains(out, "2 deliveries: 0 pending, 2 dead") {
			t.Errorf("CADDY_ADMIN=%s caddy webhook spool %s: ok %v\n%s%s", tt.env, strings.Join(tt.args, " "), ok, out, stderr)
		}
	}
	if out, stderr, ok := run(nowhere, "list"); ok || !strings.Contains(stderr, "127.0.0.1:1") {
		t.Errorf("no admin endpoint: ok %v\n%s%s", ok, out, stderr)
	}
	if out, stderr, ok := run(addr, "show", "f9"); ok || !strings.Contains(stderr, "HTTP 404: no such spooled delivery: f9") {
		t.Errorf("show f9: ok %v\n%s%s", ok, out, stderr)
	}
	if out, stderr, ok := run(addr, "drop", "n1"); !ok || nats.Has("n1") {
		t.Errorf("drop n1: ok %v\n%s%s", ok, out, stderr)
	}
	if out, _, ok := run(addr, "--help"); !ok || !strings.Contains(out, "redrive") || !strings.Contains(out, "CADDY_ADMIN") {
		t.Errorf("caddy webhook spool --help:\n%s", out)
	}
}

// TestSpoolCommandFormatting: what the table and show print of the API's
// strings and times: one line, no control bytes, long errors cut at the
// front where their cause is not.
func TestSpoolCommandFormatting(t *testing.T) {
	long := "{id=2h8645b37} reverseproxy.statusError (reverseproxy.go:1776): HTTP 502: dial tcp 10.0.0.7:8080: connect: connection refused"
	for _, tt := range []struct{ got, want string }{
		{oneLine("a\nb\x1b[31m\"é", 0), `a\nb\x1b[31m\"\u00e9`},
		{oneLine("abcdefghij", 5), "abcd…"},
		{oneLine("abcde", 5), "abcde"},
		{oneLineTail(long, 56), "…" + long[len(long)-55:]},
		{oneLineTail("short", 56), "short"},
		{age(spooltest.T0, spooltest.T0.Add(90*time.Second+500*time.Millisecond)), "1m30s"},
		{age(spooltest.T0.Add(time.Second), spooltest.T0), "0s"},
		{relative(spooltest.T0.Add(9*time.Second), spooltest.T0), "in 9s"},
		{relative(spooltest.T0, spooltest.T0.Add(9*time.Second)), "9s ago"},
		{relative(spooltest.T0, spooltest.T0), "now"},
		{orDash(""), "-"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	if got := oneLineTail(long, 56); !strings.HasSuffix(got, "connection refused") || len(got) != 55+len("…") {
		t.Errorf("oneLineTail: %q", got)
	}
}
