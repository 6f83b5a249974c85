package pinnedfetch

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestRedirectsStayPinned: a redirect to an allowed URL is followed, one
// elsewhere is refused with whose hosts they are, and a chain of more than
// three is refused.
func TestRedirectsStayPinned(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/list":
			w.Write([]byte("ok"))
		case "/moved":
			http.Redirect(w, r, "/list", http.StatusFound)
		case "/away":
			http.Redirect(w, r, "http://elsewhere.invalid/list", http.StatusFound)
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		}
	}))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	allowed := func(u *url.URL) bool { return u.Host == host }
	c := Client(NewTransport(time.Second), time.Second, allowed, "the test's")

	resp, err := c.Get(srv.URL + "/moved")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("an allowed redirect: %v %v", resp, err)
	}
	resp.Body.Close()
	if _, err := c.Get(srv.URL + "/away"); err == nil || !strings.Contains(err.Error(), "not one of the test's hosts") {
		t.Errorf("a redirect off the pinned host: %v", err)
	}
	if _, err := c.Get(srv.URL + "/loop"); err == nil || !strings.Contains(err.Error(), "too many redirects") {
		t.Errorf("a redirect loop: %v", err)
	}
}

func TestTransport(t *testing.T) {
	tr := NewTransport(3 * time.Second)
	if tr.TLSClientConfig.MinVersion < 0x0303 || !tr.DisableKeepAlives || tr.ResponseHeaderTimeout != 3*time.Second {
		t.Errorf("transport %+v: want TLS 1.2+, no keep-alives, the timeout", tr)
	}
}
