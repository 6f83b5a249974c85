package spool_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/hookgate/hookgate/modules/spool"
)

// TestSpoolRedriveDeadLetterThroughCLI runs the whole operator path on a
// real Caddy process: a delivery the app never took is dead-lettered after
// retry_for; `caddy webhook spool list` finds it through the admin API,
// `caddy webhook spool redrive` makes it due again, and once the app is
// up it arrives byte for byte and leaves the spool.
func TestSpoolRedriveDeadLetterThroughCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs Caddy processes")
	}
	up := newSwitchableUpstream(t) // down until the redrive
	admin := fmt.Sprintf("127.0.0.1:%d", gatetest.FreePort(t))
	site := spoolConfig("spool {\n\t\t\t\tstore file SPOOLDIR\n\t\t\t\tretry_for 1s\n\t\t\t}")
	p := newSpoolProcessWithAdmin(t, strings.ReplaceAll(site, "UPSTREAM", up.addr), admin)
	spoolCLI := func(args ...string) []byte {
		t.Helper()
		cmd := exec.Command(gatetest.BuildCaddy(t), append([]string{"webhook", "spool"}, append(args, "--address", admin)...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("caddy webhook spool %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return out
	}
	listed := func(state string) []spool.Entry {
		t.Helper()
		var es []spool.Entry
		if err := json.Unmarshal(spoolCLI("list", "--state", state, "--json"), &es); err != nil {
			t.Fatal(err)
		}
		return es
	}

	body := gatetest.PayoneDelivery(900)
	if rep := p.Post(t, "/payone", gatetest.PayoneHeader(), body); rep.Status != 200 || rep.Body != "TSOK" {
		t.Fatalf("answer %d %q, want 200 TSOK", rep.Status, rep.Body)
	}
	var dead []spool.Entry
	for deadline := time.Now().Add(20 * time.Second); len(dead) == 0; dead = listed("dead") {
		if time.Now().After(deadline) {
			t.Fatalf("not dead-lettered after 20 s; pending: %+v", listed("pending"))
		}
		time.Sleep(200 * time.Millisecond)
	}
	if len(dead) != 1 || dead[0].Provider != "payone" || dead[0].Attempts < 1 || dead[0].Body != nil {
		t.Fatalf("dead letters: %+v", dead)
	}
	if n := len(up.received()); n != 0 {
		t.Fatalf("%d requests reached the app while it was down", n)
	}

	up.up()
	out := spoolCLI("redrive", dead[0].ID)
	t.Logf("redrive: %s", bytes.TrimSpace(out))
	up.waitFor(t, 1, 20*time.Second)
	if got := up.received(); len(got) != 1 || !bytes.Equal(got[0].Body, body) {
		t.Fatalf("the app got %d deliveries; want the redriven one, byte for byte", len(got))
	}
	for deadline := time.Now().Add(10 * time.Second); ; {
		if d, pe := listed("dead"), listed("pending"); len(d)+len(pe) == 0 {
			break
		} else if time.Now().After(deadline) {
			t.Fatalf("still spooled after delivery: dead %+v, pending %+v", d, pe)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
