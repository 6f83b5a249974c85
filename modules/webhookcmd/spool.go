package webhookcmd

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	caddycmd "github.com/caddyserver/caddy/v2/cmd"
	"github.com/hookgate/hookgate/modules/spool"
	"github.com/spf13/cobra"
)

// spoolCmdOptions are the flags shared by `caddy webhook spool` commands.
type spoolCmdOptions struct {
	address string // admin endpoint; "": from --config, else the default
	config  string
	adapter string
	spool   string // spool name filter; "": every spool
	state   string // list: pending, dead or "" for both
	limit   int    // list: at most this many
	body    bool   // show: print the body
	json    bool   // print the admin API's JSON as is
	now     func() time.Time
}

func spoolCommand() *cobra.Command {
	var o spoolCmdOptions
	cmd := &cobra.Command{
		Use:   "spool list|show|redrive|drop",
		Short: "Lists, shows, redrives and drops spooled deliveries through the admin API",
		Long: `
Operates the store-and-forward spool of a running Caddy through its admin
API (/webhook/spool), like 'caddy stop' and 'caddy reload' do: the admin
address is --address, else the one in --config, else the default
(localhost:2019, or $CADDY_ADMIN).

  caddy webhook spool list [--state pending|dead] [--spool <name>] [--limit n]
      deliveries waiting to be delivered and dead letters, oldest first;
  caddy webhook spool show <id> [--body]
      one delivery, its headers (secrets redacted) and, with --body, the
      body exactly as it will be delivered;
  caddy webhook spool redrive <id>...
      makes deliveries due now, with a fresh retry_for (dead letters too);
  caddy webhook spool drop <id>...
      deletes deliveries for good.

--json prints the admin API's answer as is. See docs/spool-operations.md.
`,
	}
	pf := cmd.PersistentFlags()
	pf.StringVar(&o.address, "address", "", "the admin API's address, if not the default")
	pf.StringVarP(&o.config, "config", "c", "", "configuration file to read the admin address from, if --address is not used")
	pf.StringVarP(&o.adapter, "adapter", "a", "", "name of the config adapter (when --config is used)")
	pf.StringVar(&o.spool, "spool", "", "only this spool: its name as list shows it, or the end of one (PAYONE for ...#HOOKGATE_PAYONE); needed when an ID is in several")
	pf.BoolVar(&o.json, "json", false, "print the admin API's JSON answer")

	run := func(f func(spoolCmdOptions, []string, io.Writer) error) func(*cobra.Command, []string) error {
		return func(cmd *cobra.Command, args []string) error {
			cmd.SilenceUsage = true
			return f(o, args, cmd.OutOrStdout())
		}
	}
	list := &cobra.Command{
		Use:   "list [--state pending|dead] [--spool <name>] [--limit <n>] [--json]",
		Short: "Lists spooled and dead-lettered deliveries, oldest first",
		Args:  cobra.NoArgs,
		RunE:  run(runSpoolList),
	}
	list.Flags().StringVar(&o.state, "state", "", "pending or dead (default: both)")
	list.Flags().IntVarP(&o.limit, "limit", "n", spool.DefaultListLimit, fmt.Sprintf("at most this many (1 to %d)", spool.MaxListLimit))
	show := &cobra.Command{
		Use:   "show <id> [--body] [--json]",
		Short: "Shows one spooled delivery (secrets redacted; the body with --body)",
		Args:  cobra.ExactArgs(1),
		RunE:  run(runSpoolShow),
	}
	show.Flags().BoolVar(&o.body, "body", false, "also print the body, exactly as it will be delivered")
	redrive := &cobra.Command{
		Use:   "redrive <id>...",
		Short: "Makes deliveries due now, with a fresh retry_for",
		Args:  cobra.MinimumNArgs(1),
		RunE:  run(func(o spoolCmdOptions, ids []string, out io.Writer) error { return runSpoolAct(o, "redrive", ids, out) }),
	}
	drop := &cobra.Command{
		Use:   "drop <id>...",
		Short: "Deletes deliveries for good",
		Args:  cobra.MinimumNArgs(1),
		RunE:  run(func(o spoolCmdOptions, ids []string, out io.Writer) error { return runSpoolAct(o, "drop", ids, out) }),
	}
	cmd.AddCommand(list, show, redrive, drop)
	return cmd
}

// spoolRequest sends one request to the spool's admin API and returns the
// answer's body; an error answer becomes an error with the API's message.
func spoolRequest(o spoolCmdOptions, method, path string, query url.Values) ([]byte, error) {
	addr, err := caddycmd.DetermineAdminAPIAddress(o.address, nil, o.config, o.adapter)
	if err != nil {
		return nil, fmt.Errorf("couldn't determine admin API address: %v", err)
	}
	if o.spool != "" {
		query.Set("spool", o.spool)
	}
	uri := spool.AdminPath + path
	if len(query) > 0 {
		uri += "?" + query.Encode()
	}
	resp, err := caddycmd.AdminAPIRequest(addr, method, uri, nil, nil)
	if err != nil {
		return nil, apiErrorMessage(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 256<<20))
	if err != nil {
		return nil, fmt.Errorf("reading the admin API's answer: %v", err)
	}
	return b, nil
}

// apiErrorRE matches the error caddycmd.AdminAPIRequest makes of an error
// answer.
var apiErrorRE = regexp.MustCompile(`(?s)^caddy responded with error: HTTP (\d+): (\{.*\})\s*$`)

// apiErrorMessage turns "caddy responded with error: HTTP 404:
// {"error":"..."}" into "HTTP 404: ...", keeping other errors as they are.
func apiErrorMessage(err error) error {
	m := apiErrorRE.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	var apiErr struct {
		Error string `json:"error"`
	}
	if json.Unmarshal([]byte(m[2]), &apiErr) != nil || apiErr.Error == "" {
		return err
	}
	return fmt.Errorf("HTTP %s: %s", m[1], apiErr.Error)
}

// runSpoolList prints the listing as a table, or the JSON with --json.
func runSpoolList(o spoolCmdOptions, _ []string, out io.Writer) error {
	q := url.Values{}
	if o.state != "" {
		q.Set("state", o.state)
	}
	if o.limit != spool.DefaultListLimit {
		q.Set("limit", strconv.Itoa(o.limit))
	}
	b, err := spoolRequest(o, http.MethodGet, "", q)
	if err != nil {
		return err
	}
	if o.json {
		_, err := out.Write(b)
		return err
	}
	var entries []spool.Entry
	if err := json.Unmarshal(b, &entries); err != nil {
		return fmt.Errorf("the admin API's answer is not a list of deliveries: %v", err)
	}
	if len(entries) == 0 {
		fmt.Fprintln(out, "no spooled deliveries")
		return nil
	}
	now := clock(o)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tPROVIDER\tSTATE\tAGE\tATTEMPTS\tNEXT\tSIZE\tREQUEST\tLAST ERROR\tSPOOL")
	pending, dead := 0, 0
	for _, e := range entries {
		next := "-"
		if !e.NextAttempt.IsZero() {
			next = relative(e.NextAttempt, now)
		}
		switch e.State {
		case spool.StatePending:
			pending++
		case spool.StateDead:
			dead++
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t%d\t%s\t%s\t%s\n",
			oneLine(e.ID, 40), oneLine(e.Provider, 24), oneLine(e.State, 8), age(e.Received, now), e.Attempts, next, e.Size,
			oneLine(e.Method+" "+e.Host+e.URI, 48), oneLineTail(orDash(e.LastError), 64), oneLine(e.Spool, 0))
	}
	tw.Flush()
	noun := "deliveries"
	if len(entries) == 1 {
		noun = "delivery"
	}
	fmt.Fprintf(out, "%d %s: %d pending, %d dead\n", len(entries), noun, pending, dead)
	if len(entries) == o.limit {
		fmt.Fprintf(out, "(the first %d: --limit shows more)\n", o.limit)
	}
	return nil
}

// runSpoolShow prints one delivery, and its body with --body.
func runSpoolShow(o spoolCmdOptions, args []string, out io.Writer) error {
	q := url.Values{}
	if o.body {
		q.Set("body", "1")
	}
	b, err := spoolRequest(o, http.MethodGet, "/"+url.PathEscape(args[0]), q)
	if err != nil {
		return err
	}
	if o.json {
		_, err := out.Write(b)
		return err
	}
	var e spool.Entry
	if err := json.Unmarshal(b, &e); err != nil {
		return fmt.Errorf("the admin API's answer is not a delivery: %v", err)
	}
	now := clock(o)
	tw := tabwriter.NewWriter(out, 0, 0, 1, ' ', 0)
	row := func(k, v string) { fmt.Fprintf(tw, "%s:\t%s\n", k, oneLine(v, 0)) }
	row("id", e.ID)
	row("spool", e.Spool)
	row("provider", e.Provider)
	row("state", e.State)
	row("received", fmt.Sprintf("%s (%s ago)", e.Received.UTC().Format(time.RFC3339), age(e.Received, now)))
	row("attempts", strconv.Itoa(e.Attempts))
	if !e.NextAttempt.IsZero() {
		row("next attempt", fmt.Sprintf("%s (%s)", e.NextAttempt.UTC().Format(time.RFC3339), relative(e.NextAttempt, now)))
	}
	row("last error", orDash(e.LastError))
	row("request", e.Method+" "+e.Host+e.URI)
	row("size", fmt.Sprintf("%d bytes", e.Size))
	tw.Flush()
	names := make([]string, 0, len(e.Header))
	for name := range e.Header {
		names = append(names, name)
	}
	slices.Sort(names)
	if len(names) > 0 {
		fmt.Fprintln(out, "header:")
	}
	for _, name := range names {
		for _, v := range e.Header[name] {
			fmt.Fprintf(out, "  %s: %s\n", name, oneLine(v, 0))
		}
	}
	if o.body {
		fmt.Fprintln(out)
		out.Write(e.Body)
		if len(e.Body) > 0 && e.Body[len(e.Body)-1] != '\n' {
			fmt.Fprintln(out)
		}
	}
	return nil
}

// runSpoolAct redrives or drops each ID, going on after a failure; the
// error names every ID that failed.
func runSpoolAct(o spoolCmdOptions, action string, ids []string, out io.Writer) error {
	method, suffix, done := http.MethodDelete, "", "dropped"
	if action == "redrive" {
		method, suffix, done = http.MethodPost, "/redrive", "redriven"
	}
	var failed []string
	for _, id := range ids {
		b, err := spoolRequest(o, method, "/"+url.PathEscape(id)+suffix, url.Values{})
		if err != nil {
			fmt.Fprintf(out, "%s: %v\n", id, err)
			failed = append(failed, id)
			continue
		}
		if o.json {
			out.Write(b)
			continue
		}
		var r spool.ActionResult
		if json.Unmarshal(b, &r) != nil {
			r = spool.ActionResult{ID: id}
		}
		fmt.Fprintf(out, "%s %s (spool %s)\n", done, r.ID, r.Spool)
	}
	if len(failed) > 0 {
		return fmt.Errorf("%s failed for %d of %d: %s", action, len(failed), len(ids), strings.Join(failed, ", "))
	}
	return nil
}

func clock(o spoolCmdOptions) time.Time {
	if o.now != nil {
		return o.now()
	}
	return time.Now()
}

// age is how long ago t was, to the second ("3m12s"); "0s" for the future.
func age(t, now time.Time) string {
	return max(now.Sub(t), 0).Truncate(time.Second).String()
}

// relative is "in 42s", "now" or "42s ago".
func relative(t, now time.Time) string {
	d := t.Sub(now).Truncate(time.Second)
	switch {
	case d > 0:
		return "in " + d.String()
	case d < 0:
		return (-d).String() + " ago"
	}
	return "now"
}

// oneLine makes s safe for one line of a terminal: control bytes are
// escaped (as are quotes and non-ASCII), and a string longer than n bytes
// (when n > 0) is cut with "…".
func oneLine(s string, n int) string {
	q := strconv.QuoteToASCII(s)
	q = q[1 : len(q)-1]
	if n > 0 && len(q) > n {
		q = q[:n-1] + "…"
	}
	return q
}

// oneLineTail is oneLine keeping the end of a long string, where an
// error's cause is ("…HTTP 502: dial tcp 10.0.0.7:8080: connection refused").
func oneLineTail(s string, n int) string {
	q := oneLine(s, 0)
	if len(q) > n {
		q = "…" + q[len(q)-(n-1):]
	}
	return q
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
