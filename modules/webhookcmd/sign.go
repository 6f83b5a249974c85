package webhookcmd

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	caddycmd "github.com/caddyserver/caddy/v2/cmd"
	"github.com/spf13/cobra"

	"github.com/hookgate/hookgate/verifiers"
)

func init() {
	caddycmd.RegisterCommand(caddycmd.Command{
		Name:  "webhook",
		Usage: "sign|keygen|providers [flags]",
		Short: "Signs test webhook deliveries the way a provider would",
		Long: `
Tests a webhook_verify route end to end without waiting for the provider.

  caddy webhook sign --provider stripe --secret-file stripe.key --body event.json
      prints the headers (and the body, when the scheme rewrites it) the
      provider would send;
  caddy webhook sign --provider stripe --secret-file stripe.key --body event.json \
      --send https://hooks.example.com/stripe
      sends the signed delivery and prints the gate's answer;
  caddy webhook keygen --algorithm ed25519
      makes a key pair for testing asymmetric schemes (Discord, SendGrid):
      configure the public key on a test route, sign with the private key;
  caddy webhook providers
      lists the providers and their options.
`,
		CobraFunc: func(cmd *cobra.Command) {
			cmd.AddCommand(signCommand(), keygenCommand(), providersCommand(), spoolCommand())
		},
	})
}

// signOptions are the flags of `caddy webhook sign`.
type signOptions struct {
	provider   string
	secret     string
	secretFile string
	publicKeys []string
	options    []string // k=v
	bodyFile   string   // "" : the preset's sample; "-": stdin
	url        string   // the URL the provider signs (URL-signing schemes)
	send       string   // where to send the delivery; "": print it
	headers    []string // K:V, added after signing
	id         string
	at         string // RFC 3339 or Unix seconds; "": now
	method     string
	stdin      io.Reader
	client     *http.Client
}

func signCommand() *cobra.Command {
	var o signOptions
	cmd := &cobra.Command{
		Use:   "sign --provider <name> (--secret <s> | --secret-file <f>) [--body <file>|-] [--send <url>]",
		Short: "Signs a payload as the provider would; prints the headers or sends it",
		Long: `
Signs a payload the way the provider does, with the secret the route is
configured with, and either prints the headers to send (and the body when the
scheme rewrites it, as PAYONE's key field does) or, with --send, posts the
delivery and prints the answer's status line and body.

For asymmetric schemes (Discord, SendGrid, Standard Webhooks v1a, and
AWS SNS, PayPal, Google Pub/Sub with RSA) the secret is the private key
(PEM, or the forms the provider's docs give); see 'caddy webhook keygen'. Without --body a small sample payload for the
provider is signed. Schemes that sign the URL (Twilio, Square, HubSpot,
Trello, Vipps) sign --url, or the --send URL when --url is not given: it
must be the URL exactly as the gate sees it.

Exit status: 0 when the delivery was printed or the answer was 2xx, 1
otherwise.
`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.stdin = cmd.InOrStdin()
			cmd.SilenceUsage = true
			return runSign(o, cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.provider, "provider", "p", "", "provider preset (see 'caddy webhook providers')")
	f.StringVar(&o.secret, "secret", "", "the secret, as configured on the route (visible in ps: prefer --secret-file)")
	f.StringVar(&o.secretFile, "secret-file", "", "file holding the secret or private key (one trailing newline is ignored)")
	f.StringArrayVar(&o.publicKeys, "public-key", nil, "public key, for schemes whose signer needs one (repeatable)")
	f.StringArrayVarP(&o.options, "option", "o", nil, "provider option as name=value, e.g. portal_id=2012345 (repeatable)")
	f.StringVarP(&o.bodyFile, "body", "b", "", "file holding the payload, or - for stdin (default: a sample payload)")
	f.StringVar(&o.url, "url", "", "public URL the provider signs (URL-signing schemes; default: --send)")
	f.StringVar(&o.send, "send", "", "send the delivery to this URL and print the answer")
	f.StringArrayVarP(&o.headers, "header", "H", nil, "extra header as Name: value, added after signing (repeatable)")
	f.StringVar(&o.id, "id", "", "delivery ID, for schemes that carry one (default: made up)")
	f.StringVar(&o.at, "time", "", "signing time, RFC 3339 or Unix seconds (default: now); try an old one to see 'stale'")
	f.StringVarP(&o.method, "method", "X", http.MethodPost, "HTTP method used with --send")
	return cmd
}

// signed is a delivery signed by the command.
type signed struct {
	Message   *verifiers.Message
	Rewritten bool // the scheme changed the body
	Sample    bool // the body is the built-in sample
}

// signMessage signs the payload as o describes.
func signMessage(o signOptions) (*signed, error) {
	preset, ok := verifiers.Lookup(o.provider)
	if !ok {
		if o.provider == "" {
			return nil, fmt.Errorf("--provider is required (one of: %s)", strings.Join(verifiers.Names(), ", "))
		}
		return nil, fmt.Errorf("unknown provider %q (known: %s)", o.provider, strings.Join(verifiers.Names(), ", "))
	}
	var s verifiers.Settings
	switch {
	case o.secret != "" && o.secretFile != "":
		return nil, fmt.Errorf("give --secret or --secret-file, not both")
	case o.secretFile != "":
		b, err := os.ReadFile(o.secretFile)
		if err != nil {
			return nil, fmt.Errorf("reading --secret-file: %v", err)
		}
		b = bytes.TrimSuffix(b, []byte("\n"))
		b = bytes.TrimSuffix(b, []byte("\r"))
		if len(b) == 0 {
			return nil, fmt.Errorf("--secret-file %s is empty", o.secretFile)
		}
		s.Secrets = [][]byte{b}
	case o.secret != "":
		s.Secrets = [][]byte{[]byte(o.secret)}
	case !preset.SecretOptional:
		return nil, fmt.Errorf("provider %s needs --secret or --secret-file", preset.Name)
	}
	s.PublicKeys = o.publicKeys
	for _, kv := range o.options {
		name, value, ok := strings.Cut(kv, "=")
		if !ok || name == "" {
			return nil, fmt.Errorf("--option %q is not name=value", kv)
		}
		if !preset.HasOption(name) {
			return nil, fmt.Errorf("provider %s has no option %q (options: %s)", preset.Name, name, strings.Join(preset.Options, ", "))
		}
		if s.Options == nil {
			s.Options = map[string]string{}
		}
		s.Options[name] = value
	}
	for _, name := range preset.RequiredOptions {
		if s.Options[name] == "" {
			return nil, fmt.Errorf("provider %s needs --option %s=...", preset.Name, name)
		}
	}

	body, err := readPayload(o, preset.Name)
	if err != nil {
		return nil, err
	}
	m := &verifiers.Message{Header: http.Header{}, Body: bytes.Clone(body), ID: o.id, URL: o.url}
	if m.URL == "" {
		m.URL = o.send
	}
	if preset.SignsURL && m.URL == "" {
		return nil, fmt.Errorf("provider %s signs the URL: give --url (or --send) as the gate sees it", preset.Name)
	}
	if o.at != "" {
		if m.Now, err = parseTime(o.at); err != nil {
			return nil, err
		}
	}
	if err := preset.Sign(s, m); err != nil {
		return nil, fmt.Errorf("signing as %s: %v", preset.Name, err)
	}
	if m.Header.Get("Content-Type") == "" {
		m.Header.Set("Content-Type", contentTypeOf(m.Body))
	}
	for _, h := range o.headers {
		name, value, ok := strings.Cut(h, ":")
		if !ok || strings.TrimSpace(name) == "" {
			return nil, fmt.Errorf("--header %q is not Name: value", h)
		}
		m.Header.Set(strings.TrimSpace(name), strings.TrimSpace(value))
	}
	return &signed{Message: m, Rewritten: !bytes.Equal(body, m.Body), Sample: o.bodyFile == ""}, nil
}

// runSign signs and then prints or sends, writing to out.
func runSign(o signOptions, out io.Writer) error {
	sd, err := signMessage(o)
	if err != nil {
		return err
	}
	m := sd.Message
	if o.send == "" {
		return printMessage(out, sd, o.url != "" || m.URL != "")
	}
	target := o.send
	if o.url == "" && m.URL != o.send {
		target = m.URL // the scheme put something in the URL it signs (Twilio's bodySHA256)
	}
	req, err := http.NewRequest(o.method, target, bytes.NewReader(m.Body))
	if err != nil {
		return fmt.Errorf("--send: %v", err)
	}
	req.Header = m.Header.Clone()
	if host := req.Header.Get("Host"); host != "" {
		req.Host = host
		req.Header.Del("Host")
	}
	client := o.client
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("sending: %v", err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("reading the answer: %v", err)
	}
	fmt.Fprintf(out, "%s %s\n", resp.Proto, resp.Status)
	out.Write(answer)
	if len(answer) > 0 && answer[len(answer)-1] != '\n' {
		fmt.Fprintln(out)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("the gate answered %s", resp.Status)
	}
	return nil
}

// printMessage writes the signed URL as a comment line ("# signed URL: ..."),
// then the headers, one "Name: value" a line, sorted, then, when the scheme
// rewrote the body or the sample payload was signed, a blank line and the
// body to send.
func printMessage(out io.Writer, sd *signed, showURL bool) error {
	m := sd.Message
	if showURL && m.URL != "" {
		fmt.Fprintf(out, "# signed URL: %s\n", m.URL)
	}
	names := make([]string, 0, len(m.Header))
	for name := range m.Header {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		for _, v := range m.Header[name] {
			fmt.Fprintf(out, "%s: %s\n", name, v)
		}
	}
	if sd.Rewritten || sd.Sample {
		fmt.Fprintln(out)
		out.Write(m.Body)
		if len(m.Body) > 0 && m.Body[len(m.Body)-1] != '\n' {
			fmt.Fprintln(out)
		}
	}
	return nil
}

// readPayload reads --body, or returns the preset's sample payload.
func readPayload(o signOptions, provider string) ([]byte, error) {
	switch o.bodyFile {
	case "":
		return samplePayload(provider), nil
	case "-":
		in := o.stdin
		if in == nil {
			in = os.Stdin
		}
		return io.ReadAll(in)
	}
	b, err := os.ReadFile(o.bodyFile)
	if err != nil {
		return nil, fmt.Errorf("reading --body: %v", err)
	}
	return b, nil
}

// samplePayload is the preset's sample payload (verifiers.Preset.Sample).
func samplePayload(provider string) []byte {
	p, _ := verifiers.Lookup(provider)
	return p.SampleBody()
}

// contentTypeOf guesses the Content-Type of a payload the scheme did not set.
func contentTypeOf(body []byte) string {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
		return "application/json"
	}
	return "application/x-www-form-urlencoded"
}

// parseTime reads --time.
func parseTime(s string) (time.Time, error) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Unix(n, 0), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("--time %q is neither RFC 3339 nor Unix seconds", s)
	}
	return t, nil
}
