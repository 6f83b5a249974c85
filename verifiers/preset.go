package verifiers

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"sync"
	"time"
)

// Settings is a route's configuration as a verifier's constructor receives
// it: placeholders already resolved, nothing left to parse at request time.
type Settings struct {
	// Secrets are the shared secrets, in the order configured. Any of them
	// may have signed a delivery (rotation).
	Secrets [][]byte
	// PublicKeys are the keys of asymmetric schemes, as configured.
	PublicKeys []string
	// Tolerance is how far a signed timestamp may be from now, for
	// timestamped schemes; zero means the preset's default.
	Tolerance time.Duration
	// Options are the provider's own settings (portal_id, header, ...),
	// keyed by subdirective name. Only names the preset declares appear.
	Options map[string]string
}

// Preset is a provider's scheme and its published defaults.
type Preset struct {
	// Name is the provider name used in the Caddyfile (`webhook_verify <name>`).
	Name string
	// AllowIP is the provider's published source ranges; empty means the
	// provider publishes none and the IP check is off unless configured.
	AllowIP []string
	// UserAgent is the provider's fixed User-Agent; empty means none is checked.
	UserAgent string
	// Tolerance is the default timestamp tolerance of timestamped schemes.
	Tolerance time.Duration
	// Options are the provider-specific subdirectives the preset accepts.
	Options []string
	// SecretOptions are those of Options whose values are credentials
	// (checkout_com's authorization): they must be kept out of logs and
	// replay scopes like secrets. Empty: no option holds a credential.
	SecretOptions []string
	// RequiredOptions must be set for the preset to work.
	RequiredOptions []string
	// SecretOptional is set for schemes that need no shared secret.
	SecretOptional bool
	// SignsURL is set for schemes whose signature covers the URL the
	// sender addressed (Twilio, Square): the handler then fills
	// Delivery.PublicURL.
	SignsURL bool
	// BodyID is the dotted path ("id", "data.id") of the provider's event
	// ID in the JSON body, for schemes whose signature covers the raw body:
	// Build makes the verifier report it as Verified.ID. Empty: none.
	BodyID string
	// LogIDHeader is a header naming the delivery that the signature does
	// not cover (GitHub's X-GitHub-Delivery): DisplayID publishes it for
	// logs; it never keys replay protection. Empty: none.
	LogIDHeader string
	// AckBody, when set, is the body prefix with which the app
	// acknowledges a delivery besides a 2xx status (Payone: "TSOK"); see
	// Acknowledged. Empty: any 2xx acknowledges.
	AckBody string
	// Sample is a small payload in the shape the provider sends, which
	// `caddy webhook sign` signs when no body is given. Empty: a generic
	// JSON event (see SampleBody).
	Sample []byte
	// New builds the verifier for one route.
	New func(s Settings) (Verifier, error)
	// Signer signs a message as the provider would (see Preset.Sign).
	Signer func(s Settings, m *Message) error
	// Doc describes the preset in docs/presets.md and the README.
	Doc PresetDoc
}

var (
	registryMu sync.RWMutex
	registry   = map[string]Preset{}
)

// register adds a preset. It panics on a duplicate name, like caddy.RegisterModule.
// Presets register themselves in init(): a provider with code of its own at
// the top of its file (payone.go, twilio.go, ...), the declarations over the
// shared engine from the family tables (presets_payments.go, presets_devtools.go,
// presets_messaging.go, presets_commerce.go, presets_saas.go).
func register(p Preset) {
	registryMu.Lock()
	defer registryMu.Unlock()
	if _, dup := registry[p.Name]; dup {
		panic("verifiers: preset " + p.Name + " registered twice")
	}
	registry[p.Name] = p
}

// Lookup returns the preset called name.
func Lookup(name string) (Preset, bool) {
	registryMu.RLock()
	defer registryMu.RUnlock()
	p, ok := registry[name]
	return p, ok
}

// Names lists every registered preset, sorted.
func Names() []string {
	registryMu.RLock()
	defer registryMu.RUnlock()
	names := make([]string, 0, len(registry))
	for n := range registry {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// HasOption reports whether the preset accepts the subdirective name.
func (p Preset) HasOption(name string) bool {
	return slices.Contains(p.Options, name)
}

// SampleBody returns the preset's Sample, or when it has none a generic
// JSON event with the fields the JSON presets read (id, data.id,
// transactionId, payload.paymentId).
func (p Preset) SampleBody() []byte {
	if len(p.Sample) > 0 {
		return slices.Clone(p.Sample)
	}
	b, _ := json.Marshal(map[string]any{
		"id":            "evt_hookgate_test_1",
		"type":          "hookgate.test",
		"created":       time.Now().Unix(),
		"transactionId": "hookgate-test-1",
		"data":          map[string]any{"id": "hookgate-test-1", "object": "test"},
		"payload":       map[string]any{"paymentId": "hookgate-test-1"},
	})
	return b
}

// Build checks s against the preset's needs and builds its verifier.
func (p Preset) Build(s Settings) (Verifier, error) {
	if len(s.Secrets) == 0 && !p.SecretOptional {
		return nil, fmt.Errorf("provider %s needs at least one secret", p.Name)
	}
	for i, secret := range s.Secrets {
		if len(secret) == 0 {
			return nil, fmt.Errorf("provider %s: secret #%d is empty", p.Name, i+1)
		}
	}
	for name := range s.Options {
		if !p.HasOption(name) {
			return nil, fmt.Errorf("provider %s has no option %q", p.Name, name)
		}
	}
	for _, name := range p.RequiredOptions {
		if s.Options[name] == "" {
			return nil, fmt.Errorf("provider %s needs the option %q", p.Name, name)
		}
	}
	if s.Tolerance == 0 {
		s.Tolerance = p.Tolerance
	}
	v, err := p.New(s)
	if err != nil {
		return nil, err
	}
	return withBodyID(v, p.bodyIDPath(s.Options)), nil
}
