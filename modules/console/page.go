package console

import (
	"cmp"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"html/template"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/hookgate/hookgate/internal/recent"
	"github.com/hookgate/hookgate/modules/redactlog"
	"github.com/hookgate/hookgate/modules/spool"
)

// defaultSpoolLimit is how many deliveries of each state a spool lists.
const defaultSpoolLimit = 100

//go:embed page.html
var pageFiles embed.FS

var page = template.Must(template.New("page.html").Funcs(template.FuncMap{
	"ago": func(now, t time.Time) string {
		if t.IsZero() {
			return "–"
		}
		return now.Sub(t).Round(time.Second).String()
	},
	"concat": func(a, b []spool.Entry) []spool.Entry { return slices.Concat(a, b) },
	"at": func(t time.Time) string {
		if t.IsZero() {
			return "–"
		}
		return t.UTC().Format("2006-01-02 15:04:05Z")
	},
}).ParseFS(pageFiles, "page.html"))

// formKey makes the token every form carries: a page on another site
// cannot read it, so it cannot post a redrive or a drop through a
// visitor's browser.
var formKey = func() []byte {
	k := make([]byte, 32)
	rand.Read(k)
	return k
}()

// formToken is the token of this process's forms.
func formToken() string {
	m := hmac.New(sha256.New, formKey)
	m.Write([]byte("webhook_console form"))
	return hex.EncodeToString(m.Sum(nil))
}

// outcomeCount is one outcome of a route and how many deliveries had it.
type outcomeCount struct {
	Outcome string
	Count   uint64
}

// routeView is one route as the page shows it.
type routeView struct {
	Name, Provider string
	Outcomes       []outcomeCount
	Refusals       []recent.Refusal
}

// spoolView is one spool as the page shows it.
type spoolView struct {
	Name          string
	Pending, Dead []spool.Entry
	Err           string
}

// pageData is everything the page shows.
type pageData struct {
	Now     time.Time
	Token   string
	Message string
	Routes  []routeView
	Spools  []spoolView
}

// serve answers one request to the console: GET shows the page; POST
// runs the form's action and sends the browser back to the page.
func serve(w http.ResponseWriter, r *http.Request, limit int) error {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Frame-Options", "DENY")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		return show(w, r, cmp.Or(limit, defaultSpoolLimit))
	case http.MethodPost:
		return act(w, r)
	}
	w.Header().Set("Allow", "GET, HEAD, POST")
	http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	return nil
}

// show renders the page.
func show(w http.ResponseWriter, r *http.Request, limit int) error {
	data := pageData{Now: time.Now(), Token: formToken(), Message: r.URL.Query().Get("done")}
	for _, rt := range recent.Routes() {
		v := routeView{Name: rt.Name, Provider: rt.Provider, Refusals: rt.Refusals}
		for _, o := range slices.Sorted(maps.Keys(rt.Outcomes)) {
			v.Outcomes = append(v.Outcomes, outcomeCount{o, rt.Outcomes[o]})
		}
		data.Routes = append(data.Routes, v)
	}
	for _, op := range spool.Operators() {
		data.Spools = append(data.Spools, spoolOf(r.Context(), op, limit))
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	return page.Execute(w, data)
}

// spoolOf lists a spool's deliveries, without headers or bodies, with
// every configured secret cut out of what is shown.
func spoolOf(ctx context.Context, op spool.Operator, limit int) spoolView {
	v := spoolView{Name: op.Name()}
	for _, state := range []string{spool.StatePending, spool.StateDead} {
		entries, err := op.List(ctx, state, limit)
		if err != nil {
			v.Err = redactlog.Scrub(err.Error())
			continue
		}
		for _, e := range entries {
			e.Header, e.Body = nil, nil
			e.URI, e.LastError = redactlog.Scrub(e.URI), redactlog.Scrub(e.LastError)
			if state == spool.StatePending {
				v.Pending = append(v.Pending, e)
			} else {
				v.Dead = append(v.Dead, e)
			}
		}
	}
	return v
}

// act runs a posted redrive or drop, then sends the browser back to the
// page (303) with what happened.
func act(w http.ResponseWriter, r *http.Request) error {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		http.Error(w, "the console takes forms only from its own pages", http.StatusForbidden)
		return nil
	}
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "the form could not be read", http.StatusBadRequest)
		return nil
	}
	if !hmac.Equal([]byte(r.PostForm.Get("token")), []byte(formToken())) {
		http.Error(w, "the form is stale or forged: reload the console", http.StatusForbidden)
		return nil
	}
	action, id, name := r.PostForm.Get("action"), r.PostForm.Get("id"), r.PostForm.Get("spool")
	var op spool.Operator
	for _, o := range spool.Operators() {
		if o.Name() == name {
			op = o
		}
	}
	var done string
	switch {
	case op == nil:
		done = "no spool named " + strconv.Quote(name) + " (the configuration changed?)"
	case action == "redrive":
		done = result("redriven", id, op.Redrive(r.Context(), id))
	case action == "drop":
		done = result("dropped", id, op.Drop(r.Context(), id))
	default:
		http.Error(w, "unknown action", http.StatusBadRequest)
		return nil
	}
	back := url.URL{Path: r.URL.Path, RawQuery: url.Values{"done": {done}}.Encode()}
	http.Redirect(w, r, back.String(), http.StatusSeeOther)
	return nil
}

// result says what an action did.
func result(did, id string, err error) string {
	switch {
	case errors.Is(err, spool.ErrNotFound):
		return id + ": no such delivery (delivered or dropped meanwhile?)"
	case err != nil:
		return id + ": " + redactlog.Scrub(err.Error())
	}
	return id + " " + did
}

// parsePositive reads a positive number.
func parsePositive(v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return 0, errors.New("not a positive number")
	}
	return n, nil
}
