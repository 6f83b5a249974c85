package spool

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/caddyserver/caddy/v2"
	"github.com/hookgate/hookgate/modules/redactlog"
)

func init() {
	caddy.RegisterModule(adminSpool{})
}

// The spool's admin API, mounted on Caddy's admin endpoint (by default
// localhost:2019) like Caddy's own /reverse_proxy/upstreams:
//
//	GET    /webhook/spool[?spool=<name>][&state=pending|dead][&limit=<n>]
//	GET    /webhook/spool/<id>[?spool=<name>][&body=1]
//	POST   /webhook/spool/<id>/redrive[?spool=<name>]
//	DELETE /webhook/spool/<id>[?spool=<name>]
//
// Listing and showing never return a secret: the spool redacts the
// secret-bearing headers (Entry), and this layer redacts them again
// with the names and secrets the log encoder hides (redact.go). The body
// is returned only with body=1, base64 in JSON, exactly as it will be
// delivered. Errors are caddy.APIError: 400 for bad input, 404 for an
// unknown spool or ID, 405 for a wrong method, 409 for an ID that several
// spools hold (give spool=).

// AdminPath is where the spool's endpoints are mounted.
const AdminPath = "/webhook/spool"

// Limits on listing: DefaultListLimit entries unless limit= asks for
// more, up to MaxListLimit.
const (
	DefaultListLimit = 100
	MaxListLimit     = 10000
)

// maxSpoolIDLen bounds an ID in a path; longer ones are refused with 400.
const maxSpoolIDLen = 256

// adminSpool is the Caddy admin module admin.api.webhook_spool: it lists,
// shows, redrives and drops the deliveries held by the spools of the
// running configuration (spoolOperators). It has no configuration.
type adminSpool struct{}

// CaddyModule returns the Caddy module information.
func (adminSpool) CaddyModule() caddy.ModuleInfo {
	return caddy.ModuleInfo{
		ID:  "admin.api.webhook_spool",
		New: func() caddy.Module { return new(adminSpool) },
	}
}

// Routes returns the routes of the spool's endpoints.
func (a adminSpool) Routes() []caddy.AdminRoute {
	h := caddy.AdminHandlerFunc(a.serveHTTP)
	return []caddy.AdminRoute{
		{Pattern: AdminPath, Handler: h},
		{Pattern: AdminPath + "/", Handler: h},
	}
}

// serveHTTP routes one request by path and method.
func (adminSpool) serveHTTP(w http.ResponseWriter, r *http.Request) error {
	// Split the escaped path, so that an ID with an escaped slash stays
	// one segment.
	rest, ok := strings.CutPrefix(r.URL.EscapedPath(), AdminPath)
	if !ok {
		return spoolAPIError(http.StatusNotFound, "no such endpoint: %s", r.URL.Path)
	}
	rest = strings.TrimPrefix(rest, "/")
	if rest == "" {
		if err := allowMethods(w, r, http.MethodGet); err != nil {
			return err
		}
		return listSpooled(w, r)
	}
	escapedID, action, _ := strings.Cut(rest, "/")
	id, err := url.PathUnescape(escapedID)
	if err != nil {
		return spoolAPIError(http.StatusBadRequest, "malformed delivery ID %q: %v", escapedID, err)
	}
	if err := validSpoolID(id); err != nil {
		return err
	}
	switch action {
	case "":
		if err := allowMethods(w, r, http.MethodGet, http.MethodDelete); err != nil {
			return err
		}
		if r.Method == http.MethodDelete {
			return dropSpooled(w, r, id)
		}
		return showSpooled(w, r, id)
	case "redrive":
		if err := allowMethods(w, r, http.MethodPost); err != nil {
			return err
		}
		return redriveSpooled(w, r, id)
	}
	return spoolAPIError(http.StatusNotFound, "no such endpoint: %s", r.URL.Path)
}

// allowMethods answers 405 with an Allow header unless r's method is one
// of methods.
func allowMethods(w http.ResponseWriter, r *http.Request, methods ...string) error {
	if slices.Contains(methods, r.Method) {
		return nil
	}
	w.Header().Set("Allow", strings.Join(methods, ", "))
	return spoolAPIError(http.StatusMethodNotAllowed, "method %s not allowed on %s (allowed: %s)", r.Method, r.URL.Path, strings.Join(methods, ", "))
}

// spoolQuery is the validated query string of a spool request.
type spoolQuery struct {
	spool string // "" for every spool
	state string // "" for both states
	limit int
	body  bool
}

// parseSpoolQuery reads the query string, accepting only the parameters in
// allowed, each at most once: anything else is a 400, so a misspelt filter
// never widens a listing or a drop.
func parseSpoolQuery(r *http.Request, allowed ...string) (spoolQuery, error) {
	q := spoolQuery{limit: DefaultListLimit}
	values, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return q, spoolAPIError(http.StatusBadRequest, "malformed query string: %v", err)
	}
	for name, vs := range values {
		if !slices.Contains(allowed, name) {
			return q, spoolAPIError(http.StatusBadRequest, "unknown parameter %q (allowed here: %s)", name, strings.Join(allowed, ", "))
		}
		if len(vs) != 1 {
			return q, spoolAPIError(http.StatusBadRequest, "parameter %q given %d times", name, len(vs))
		}
		v := vs[0]
		switch name {
		case "spool":
			if v == "" {
				return q, spoolAPIError(http.StatusBadRequest, "spool= is empty")
			}
			q.spool = v
		case "state":
			if v != StatePending && v != StateDead {
				return q, spoolAPIError(http.StatusBadRequest, "state %q is neither %s nor %s", v, StatePending, StateDead)
			}
			q.state = v
		case "limit":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > MaxListLimit {
				return q, spoolAPIError(http.StatusBadRequest, "limit %q is not a number from 1 to %d", v, MaxListLimit)
			}
			q.limit = n
		case "body":
			b, err := strconv.ParseBool(v)
			if err != nil {
				return q, spoolAPIError(http.StatusBadRequest, "body %q is neither 1 nor 0", v)
			}
			q.body = b
		}
	}
	return q, nil
}

// validSpoolID refuses an ID no spool can have: empty, too long, or with
// bytes outside printable ASCII.
func validSpoolID(id string) error {
	if id == "" {
		return spoolAPIError(http.StatusBadRequest, "empty delivery ID")
	}
	if len(id) > maxSpoolIDLen {
		return spoolAPIError(http.StatusBadRequest, "delivery ID longer than %d bytes", maxSpoolIDLen)
	}
	for i := 0; i < len(id); i++ {
		if id[i] <= ' ' || id[i] >= 0x7f {
			return spoolAPIError(http.StatusBadRequest, "delivery ID %q has a byte outside printable ASCII", id)
		}
	}
	return nil
}

// operatorsFor returns the spools a request addresses, sorted by name: all
// of them, or the one spool= names. spool= is a spool's full name or the
// end of exactly one name that follows a character other than a letter or
// digit: "HOOKGATE_PAYONE" or "PAYONE" for
// "file:/var/lib/caddy/spool#HOOKGATE_PAYONE". A name that matches none is
// a 404, one that matches several a 400: it never addresses two spools.
func operatorsFor(name string) ([]Operator, error) {
	spoolOperators.Lock()
	all := make(map[string]Operator, len(spoolOperators.byName))
	maps.Copy(all, spoolOperators.byName)
	spoolOperators.Unlock()
	names := slices.Sorted(maps.Keys(all))
	if name == "" {
		ops := make([]Operator, 0, len(names))
		for _, n := range names {
			ops = append(ops, all[n])
		}
		return ops, nil
	}
	if op, ok := all[name]; ok {
		return []Operator{op}, nil
	}
	var matches []string
	for _, n := range names {
		if rest, ok := strings.CutSuffix(n, name); ok && rest != "" && !isAlnum(rest[len(rest)-1]) {
			matches = append(matches, n)
		}
	}
	switch len(matches) {
	case 1:
		return []Operator{all[matches[0]]}, nil
	case 0:
		known := strings.Join(names, ", ")
		if known == "" {
			known = "none configured"
		}
		return nil, spoolAPIError(http.StatusNotFound, "no spool named %q (spools: %s)", name, known)
	}
	return nil, spoolAPIError(http.StatusBadRequest, "spool %q could be any of %s: give more of the name", name, strings.Join(matches, ", "))
}

// isAlnum reports whether b is an ASCII letter or digit.
func isAlnum(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// listSpooled answers GET /webhook/spool: the entries of every addressed
// spool in the state asked for, oldest first, at most limit, never with a
// body. No spool configured is an empty list.
func listSpooled(w http.ResponseWriter, r *http.Request) error {
	q, err := parseSpoolQuery(r, "spool", "state", "limit")
	if err != nil {
		return err
	}
	ops, err := operatorsFor(q.spool)
	if err != nil {
		return err
	}
	entries := []Entry{}
	for _, op := range ops {
		got, err := op.List(r.Context(), q.state, q.limit)
		if err != nil {
			return spoolAPIError(http.StatusInternalServerError, "listing spool %s: %v", op.Name(), err)
		}
		for _, e := range got {
			e.Body = nil
			entries = append(entries, redactSpoolEntry(e, op.Name()))
		}
	}
	slices.SortStableFunc(entries, func(a, b Entry) int {
		return cmp.Or(a.Received.Compare(b.Received), cmp.Compare(a.Spool, b.Spool), cmp.Compare(a.ID, b.ID))
	})
	if len(entries) > q.limit {
		entries = entries[:q.limit]
	}
	return writeSpoolJSON(w, http.StatusOK, entries)
}

// findSpooled returns the one spool that holds id (among the spool= one,
// or all): 404 when none does, 409 when several do.
func findSpooled(r *http.Request, id, spool string, withBody bool) (Operator, Entry, error) {
	ops, err := operatorsFor(spool)
	if err != nil {
		return nil, Entry{}, err
	}
	var (
		found   Operator
		entry   Entry
		holders []string
	)
	for _, op := range ops {
		e, err := op.Get(r.Context(), id, withBody)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, Entry{}, spoolAPIError(http.StatusInternalServerError, "reading %s from spool %s: %v", id, op.Name(), err)
		}
		holders = append(holders, op.Name())
		found, entry = op, e
	}
	switch len(holders) {
	case 0:
		return nil, Entry{}, spoolAPIError(http.StatusNotFound, "%v: %s", ErrNotFound, id)
	case 1:
		return found, entry, nil
	}
	return nil, Entry{}, spoolAPIError(http.StatusConflict, "delivery %s is in several spools (%s): name one with spool=<name> (caddy webhook spool --spool <name>)", id, strings.Join(holders, ", "))
}

// showSpooled answers GET /webhook/spool/<id>: one entry, with its body
// only when body=1.
func showSpooled(w http.ResponseWriter, r *http.Request, id string) error {
	q, err := parseSpoolQuery(r, "spool", "body")
	if err != nil {
		return err
	}
	op, e, err := findSpooled(r, id, q.spool, q.body)
	if err != nil {
		return err
	}
	if !q.body {
		e.Body = nil
	}
	return writeSpoolJSON(w, http.StatusOK, redactSpoolEntry(e, op.Name()))
}

// redriveSpooled answers POST /webhook/spool/<id>/redrive: the entry is
// due for delivery now, with a fresh retry_for. 202: delivery follows.
func redriveSpooled(w http.ResponseWriter, r *http.Request, id string) error {
	return actOnSpooled(w, r, id, "redrive", http.StatusAccepted, Operator.Redrive)
}

// dropSpooled answers DELETE /webhook/spool/<id>: the entry is deleted
// for good.
func dropSpooled(w http.ResponseWriter, r *http.Request, id string) error {
	return actOnSpooled(w, r, id, "drop", http.StatusOK, Operator.Drop)
}

// ActionResult is the answer to a redrive or a drop.
type ActionResult struct {
	ID     string `json:"id"`
	Spool  string `json:"spool"`
	Action string `json:"action"` // "redrive" or "drop"
}

// actOnSpooled finds the one spool holding id and applies act to it.
func actOnSpooled(w http.ResponseWriter, r *http.Request, id, action string, status int,
	act func(Operator, context.Context, string) error) error {
	q, err := parseSpoolQuery(r, "spool")
	if err != nil {
		return err
	}
	op, _, err := findSpooled(r, id, q.spool, false)
	if err != nil {
		return err
	}
	if err := act(op, r.Context(), id); err != nil {
		if errors.Is(err, ErrNotFound) { // delivered or dropped meanwhile
			return spoolAPIError(http.StatusNotFound, "%v: %s", ErrNotFound, id)
		}
		if errors.Is(err, ErrUnauthentic) { // forged or altered: never vouched for
			return spoolAPIError(http.StatusConflict, "%s of %s in spool %s: %v", action, id, op.Name(), err)
		}
		if errors.Is(err, ErrInFlight) {
			return spoolAPIError(http.StatusConflict, "%s of %s in spool %s refused: %v", action, id, op.Name(), err)
		}
		return spoolAPIError(http.StatusInternalServerError, "%s of %s in spool %s: %v", action, id, op.Name(), err)
	}
	return writeSpoolJSON(w, status, ActionResult{ID: id, Spool: op.Name(), Action: action})
}

// redactSpoolEntry hides, once more, what the spool should already have
// hidden: the value of every header the log encoder redacts (every
// preset's signature and secret headers, Authorization, Cookie), and every
// configured secret wherever it appears in a header value, the URI or the
// last error. It fills Spool with the name of the spool that answered.
func redactSpoolEntry(e Entry, spool string) Entry {
	e.Spool = spool
	e.URI = redactlog.Scrub(e.URI)
	e.LastError = redactlog.Scrub(e.LastError)
	e.Header = redactlog.Header(e.Header)
	return e
}

// writeSpoolJSON writes v as the JSON answer.
func writeSpoolJSON(w http.ResponseWriter, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return spoolAPIError(http.StatusInternalServerError, "encoding the answer: %v", err)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(append(b, '\n')) // a client gone is no API error
	return nil
}

// spoolAPIError is a caddy.APIError with a formatted message.
func spoolAPIError(status int, format string, args ...any) error {
	err := fmt.Errorf(format, args...)
	return caddy.APIError{HTTPStatus: status, Err: err, Message: err.Error()}
}

// Interface guards
var _ caddy.AdminRouter = (*adminSpool)(nil)
