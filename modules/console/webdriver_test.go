package console_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/gatetest"
)

// A real browser for the console's test: Debian's chromium, headless,
// driven by its chromedriver over the W3C WebDriver protocol (plain HTTP
// and JSON, so the test needs no package of its own). .ci/run installs
// both (chromium, chromium-driver); without them the test is skipped,
// except in CI, where it fails.

// browser is one WebDriver session.
type browser struct {
	t       *testing.T
	driver  string // http://127.0.0.1:port
	session string
}

// startBrowser starts chromedriver and a headless Chromium session.
func startBrowser(t *testing.T) *browser {
	t.Helper()
	chromium, err1 := exec.LookPath("chromium")
	driver, err2 := exec.LookPath("chromedriver")
	if err1 != nil || err2 != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium and chromedriver are not installed; CI must install them (apt-get install chromium chromium-driver) so the console's browser test runs")
		}
		t.Skip("chromium or chromedriver is not installed: skipping the browser test (CI runs it)")
	}
	port := gatetest.FreePort(t)
	cmd := exec.Command(driver, fmt.Sprintf("--port=%d", port))
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting chromedriver: %v", err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	b := &browser{t: t, driver: fmt.Sprintf("http://127.0.0.1:%d", port)}
	deadline := time.Now().Add(20 * time.Second)
	for {
		var status struct {
			Value struct{ Ready bool } `json:"value"`
		}
		if b.call(http.MethodGet, "/status", nil, &status) == nil && status.Value.Ready {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("chromedriver did not get ready:\n%s", logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	caps := map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"browserName": "chrome",
		"goog:chromeOptions": map[string]any{"binary": chromium, "args": []string{
			"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
			"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--window-size=1280,860", "--user-data-dir=" + t.TempDir(),
		}},
	}}}
	var created struct {
		Value struct {
			SessionID string `json:"sessionId"`
		} `json:"value"`
	}
	if err := b.call(http.MethodPost, "/session", caps, &created); err != nil {
		t.Fatalf("starting chromium: %v\n%s", err, logs.String())
	}
	b.session = "/session/" + created.Value.SessionID
	t.Cleanup(func() { b.call(http.MethodDelete, b.session, nil, nil) })
	return b
}

// call sends one WebDriver command and decodes its answer into out.
func (b *browser) call(method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		j, _ := json.Marshal(in)
		body = bytes.NewReader(j)
	}
	req, _ := http.NewRequest(method, b.driver+path, body)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: %d %s", method, path, resp.StatusCode, raw)
	}
	if out != nil {
		return json.Unmarshal(raw, out)
	}
	return nil
}

// must fails the test on a WebDriver error.
func (b *browser) must(err error) {
	b.t.Helper()
	if err != nil {
		b.t.Fatal(err)
	}
}

// open loads url.
func (b *browser) open(url string) {
	b.t.Helper()
	b.must(b.call(http.MethodPost, b.session+"/url", map[string]string{"url": url}, nil))
}

// click clicks the first element matching the CSS selector.
func (b *browser) click(selector string) {
	b.t.Helper()
	var found struct {
		Value map[string]string `json:"value"`
	}
	b.must(b.call(http.MethodPost, b.session+"/element", map[string]string{"using": "css selector", "value": selector}, &found))
	var id string
	for _, v := range found.Value {
		id = v
	}
	b.must(b.call(http.MethodPost, b.session+"/element/"+id+"/click", map[string]any{}, nil))
}

// source is the page's HTML as the browser has it.
func (b *browser) source() string {
	b.t.Helper()
	var src struct {
		Value string `json:"value"`
	}
	b.must(b.call(http.MethodGet, b.session+"/source", nil, &src))
	return src.Value
}

// screenshot is a PNG of the page.
func (b *browser) screenshot() []byte {
	b.t.Helper()
	var shot struct {
		Value string `json:"value"`
	}
	b.must(b.call(http.MethodGet, b.session+"/screenshot", nil, &shot))
	png, err := base64.StdEncoding.DecodeString(shot.Value)
	if err != nil || !strings.HasPrefix(string(png), "\x89PNG") {
		b.t.Fatalf("the screenshot is not a PNG: %v", err)
	}
	return png
}
