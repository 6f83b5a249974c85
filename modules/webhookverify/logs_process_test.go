package webhookverify

import (
	"bytes"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/gatetest"
)

// TestZeroConfigErrorLog runs the caddy binary as operators do, with
// nothing about logs configured (the default log on stderr, which takes
// Caddy's error log) or the default log redacted: a KKiaPay delivery whose
// upstream is down is answered 502 by the gate, whose own line says so,
// and the secret is nowhere in what Caddy writes.
func TestZeroConfigErrorLog(t *testing.T) {
	const secret = "KkiapayProcessSecret0123456789"
	site := `
	handle /kkiapay {
		webhook_verify kkiapay {
			secret {env.HOOKGATE_TEST_KKIAPAY}
			allow_ip 127.0.0.1/32
		}
		reverse_proxy 127.0.0.1:1
	}`
	tests := []struct {
		name string
		// global is spliced into the harness's `servers { }` block: it
		// closes it, sets the default log, and opens a discarded named log
		// that the harness's closing brace ends.
		global string
	}{
		{"no logging configured", ""},
		{"default log webhook_redact", "\t}\n\tlog {\n\t\tformat webhook_redact\n\t}\n\tlog unused {\n\t\toutput discard"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := gatetest.StartGateProcess(t, "127.0.0.1:1", tt.global, site, "HOOKGATE_TEST_KKIAPAY="+secret)
			header := http.Header{"X-Kkiapay-Secret": {secret}, "Content-Type": {"application/json"}}
			status, _, err := postDelivery(p.Base+"/kkiapay", header, []byte(`{"transactionId":"t1"}`))
			if err != nil || status != http.StatusBadGateway {
				t.Fatalf("status %d (%v), want 502", status, err)
			}
			line := waitLogLine(t, p.Logs, `"msg":"webhook route error"`)
			if !strings.Contains(line, `"path":"/kkiapay"`) || !strings.Contains(line, `"status":502`) {
				t.Errorf("the gate's line does not name the path and the status:\n%s", line)
			}
			if strings.Contains(p.Logs.String(), secret) {
				t.Errorf("caddy wrote the secret:\n%s", p.Logs.String())
			}
		})
	}
}

// waitLogLine returns the first line of logs containing s, once written.
func waitLogLine(t *testing.T, logs *gatetest.SyncBuffer, s string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		for _, l := range strings.Split(logs.String(), "\n") {
			if strings.Contains(l, s) {
				return l
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no log line with %s:\n%s", s, logs.String())
		}
		time.Sleep(20 * time.Millisecond) // polls the child's output; the line is written before the answer but copied asynchronously
	}
}

// postDelivery sends a delivery; a dropped connection is an error, not a failure.
func postDelivery(url string, header http.Header, body []byte) (int, string, error) {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	for k, vs := range header {
		req.Header[k] = slices.Clone(vs)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(answer), err
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// lineAt is the log line around byte i, cut to a readable length.
func lineAt(s string, i int) string {
	start := strings.LastIndexByte(s[:i], '\n') + 1
	end := strings.IndexByte(s[i:], '\n')
	if end < 0 {
		end = len(s) - i
	}
	line := s[start : i+end]
	if len(line) > 600 {
		line = line[:600] + "..."
	}
	return line
}
