package verifiers

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// seedPresets are the presets of the first release; they must always exist.
var seedPresets = []string{"payone", "cardknox", "kkiapay", "checkout_com", "24sevenpay", "hmac"}

func TestNamesAndLookup(t *testing.T) {
	names := Names()
	if !slices.IsSorted(names) {
		t.Fatalf("Names() not sorted: %v", names)
	}
	if len(slices.Compact(slices.Clone(names))) != len(names) {
		t.Fatalf("Names() has duplicates: %v", names)
	}
	for _, want := range seedPresets {
		t.Run(want, func(t *testing.T) {
			if !slices.Contains(names, want) {
				t.Fatalf("Names() lacks %s", want)
			}
			p, ok := Lookup(want)
			if !ok || p.Name != want || p.New == nil {
				t.Fatalf("Lookup(%s) = %+v, %v", want, p, ok)
			}
		})
	}
	t.Run("every name resolves", func(t *testing.T) {
		for _, n := range names {
			if p, ok := Lookup(n); !ok || p.Name != n || p.New == nil {
				t.Fatalf("Lookup(%s) = %+v, %v", n, p.Name, ok)
			}
		}
	})
	t.Run("unknown", func(t *testing.T) {
		if _, ok := Lookup("no-such-provider"); ok {
			t.Fatal("Lookup found an unknown provider")
		}
	})
}

func TestRegisterDuplicatePanics(t *testing.T) {
	before := Names()
	defer func() {
		if recover() == nil {
			t.Fatal("registering an existing name did not panic")
		}
		if !slices.Equal(before, Names()) {
			t.Fatal("a refused registration changed the registry")
		}
	}()
	register(Preset{Name: "hmac", New: newGenericHMAC})
}

func TestHasOption(t *testing.T) {
	p := Preset{Options: []string{"header", "prefix"}}
	for opt, want := range map[string]bool{"header": true, "prefix": true, "Header": false, "": false, "secret": false} {
		if got := p.HasOption(opt); got != want {
			t.Errorf("HasOption(%q) = %v, want %v", opt, got, want)
		}
	}
}

func TestBuild(t *testing.T) {
	var got Settings
	p := Preset{
		Name:            "test",
		Options:         []string{"a", "b"},
		RequiredOptions: []string{"a"},
		Tolerance:       5 * time.Minute,
		New: func(s Settings) (Verifier, error) {
			got = s
			return verifierFunc(func(*Delivery) (Verified, error) { return Verified{}, nil }), nil
		},
	}
	tests := []struct {
		name    string
		p       Preset
		s       Settings
		wantErr string
		wantTol time.Duration
	}{
		{"ok", p, Settings{Secrets: secrets("s"), Options: map[string]string{"a": "1"}}, "", 5 * time.Minute},
		{"explicit tolerance kept", p, Settings{Secrets: secrets("s"), Options: map[string]string{"a": "1"}, Tolerance: time.Second}, "", time.Second},
		{"no secret", p, Settings{Options: map[string]string{"a": "1"}}, "needs at least one secret", 0},
		{"empty secret", p, Settings{Secrets: secrets("s", ""), Options: map[string]string{"a": "1"}}, "secret #2 is empty", 0},
		{"unknown option", p, Settings{Secrets: secrets("s"), Options: map[string]string{"a": "1", "c": "2"}}, `has no option "c"`, 0},
		{"required option missing", p, Settings{Secrets: secrets("s"), Options: map[string]string{"b": "1"}}, `needs the option "a"`, 0},
		{"required option empty", p, Settings{Secrets: secrets("s"), Options: map[string]string{"a": ""}}, `needs the option "a"`, 0},
		{"secret optional", func() Preset { q := p; q.SecretOptional = true; return q }(), Settings{Options: map[string]string{"a": "1"}}, "", 5 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got = Settings{}
			v, err := tt.p.Build(tt.s)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Build error = %v, want %q", err, tt.wantErr)
				}
				if v != nil {
					t.Fatal("Build returned a verifier with an error")
				}
				return
			}
			if err != nil || v == nil {
				t.Fatalf("Build = %v, %v", v, err)
			}
			if got.Tolerance != tt.wantTol {
				t.Fatalf("New got Tolerance %v, want %v", got.Tolerance, tt.wantTol)
			}
		})
	}
	t.Run("New's error is returned", func(t *testing.T) {
		sentinel := errors.New("sentinel")
		q := Preset{Name: "x", New: func(Settings) (Verifier, error) { return nil, sentinel }}
		if _, err := q.Build(Settings{Secrets: secrets("s")}); err != sentinel {
			t.Fatalf("Build error = %v", err)
		}
	})
}

func TestVerifierFunc(t *testing.T) {
	d := newDelivery("x")
	var seen *Delivery
	_, err := verifierFunc(func(got *Delivery) (Verified, error) { seen = got; return Verified{}, errBadSignature }).Verify(d)
	if err != errBadSignature || seen != d {
		t.Fatalf("VerifierFunc.Verify = %v, saw %p want %p", err, seen, d)
	}
}

// TestSampleBody: a preset's own sample is returned as a copy; the others
// get a JSON event carrying the fields JSON presets read.
func TestSampleBody(t *testing.T) {
	p := Preset{Sample: []byte("a=1")}
	got := p.SampleBody()
	got[0] = 'b'
	if string(p.SampleBody()) != "a=1" {
		t.Fatal("SampleBody shares the preset's storage")
	}
	doc, err := parseJSON(Preset{}.SampleBody())
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"id", "data.id", "transactionId", "payload.paymentId"} {
		if f := doc.Path(path); f == nil || f.Kind != jsonString {
			t.Errorf("generic sample lacks %s", path)
		}
	}
}
