package verifiers

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/hookgate/hookgate/ranges"
)

var updateDocs = flag.Bool("update", false, "rewrite the generated parts of docs/presets.md and README.md")

// generatedPart is one part of a document that presetTable and friends
// generate, between two marker lines.
type generatedPart struct {
	file, name string
	render     func([]Preset) string
}

var generatedParts = []generatedPart{
	{"../docs/presets.md", "preset table", func(ps []Preset) string { return presetTable(ps, conformanceCI) }},
	{"../docs/presets.md", "preset notes", presetNotes},
	{"../README.md", "provider list", readmeTable},
}

// TestPresetDocs fails when docs/presets.md or the README's provider list
// differ from what the preset declarations generate. Regenerate them with
// `go test ./verifiers -run TestPresetDocs -update`.
func TestPresetDocs(t *testing.T) {
	conformanceCI = loadConformance(t, conformanceManifest)
	publishedList = rangesText
	t.Cleanup(func() { publishedList = func(string) string { return "" } })
	var ps []Preset
	for _, name := range Names() {
		p, _ := Lookup(name)
		if p.Doc.Signature == "" || p.Doc.Algorithm == "" || p.Doc.Signed == "" {
			t.Errorf("preset %s: Doc.Signature, Algorithm and Signed must be filled", name)
		}
		ps = append(ps, p)
	}
	files := map[string]string{}
	for _, part := range generatedParts {
		text, ok := files[part.file]
		if !ok {
			b, err := os.ReadFile(part.file)
			if err != nil {
				t.Fatal(err)
			}
			text = string(b)
		}
		begin := "<!-- BEGIN " + part.name + ": generated from the preset declarations in verifiers/ by `go test ./verifiers -run TestPresetDocs -update` -->\n"
		end := "<!-- END " + part.name + " -->"
		i, j := strings.Index(text, begin), strings.Index(text, end)
		if i < 0 || j < i {
			t.Fatalf("%s: the markers of the %s are missing", part.file, part.name)
		}
		got := text[i+len(begin) : j]
		want := part.render(ps)
		if got != want && !*updateDocs {
			t.Errorf("%s: the %s differs from the preset declarations; run go test ./verifiers -run TestPresetDocs -update", part.file, part.name)
		}
		files[part.file] = text[:i+len(begin)] + want + text[j:]
	}
	if *updateDocs {
		for file, text := range files {
			if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// conformanceManifest lists the providers' packages that CI runs against
// the presets (the conformance harness, conformance/sdks.json). When it is
// absent the evidence column says "–" for them.
const conformanceManifest = "../conformance/sdks.json"

// conformanceCI is the manifest read by TestPresetDocs: preset to packages.
var conformanceCI map[string][]string

// loadConformance reads a conformance manifest: nil when the file is
// absent, a failure when it is present but unreadable.
func loadConformance(t *testing.T, path string) map[string][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var entries []struct{ Preset, Package, Version, Mode string }
	if err := json.Unmarshal(b, &entries); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	ci := map[string][]string{}
	for _, e := range entries {
		if e.Preset == "" || e.Package == "" {
			t.Fatalf("%s: an entry needs a preset and a package: %+v", path, e)
		}
		ci[e.Preset] = append(ci[e.Preset], fmt.Sprintf("`%s` %s (%s)", e.Package, e.Version, e.Mode))
	}
	for _, pkgs := range ci {
		slices.Sort(pkgs)
	}
	return ci
}

// unsourcedPresets are the presets whose scheme rests on third-party
// material only: no page of the provider's docs and no official code was
// found that states it. Every other preset must name its primary source.
var unsourcedPresets = []string{"dropbox", "flutterwave", "xero"}

// TestPresetSources: every preset names a primary source, but the listed
// ones, which must not (PrimarySource reports them to the handler).
func TestPresetSources(t *testing.T) {
	for _, name := range Names() {
		p, _ := Lookup(name)
		src, ok := p.PrimarySource()
		if want := !slices.Contains(unsourcedPresets, name); ok != want {
			t.Errorf("preset %s: PrimarySource() = %q, %v; want a source: %v", name, src, ok, want)
		}
	}
}

// TestEvidenceColumn: the evidence cell with and without the conformance
// manifest.
func TestEvidenceColumn(t *testing.T) {
	dir := t.TempDir()
	manifest := dir + "/sdks.json"
	if err := os.WriteFile(manifest, []byte(`[{"preset":"stripe","package":"npm:stripe","version":"1.2.3","mode":"sdk-signs"}]`), 0o644); err != nil {
		t.Fatal(err)
	}
	stripe, _ := Lookup("stripe")
	xero, _ := Lookup("xero")
	for _, tc := range []struct {
		name string
		p    Preset
		ci   map[string][]string
		want string
	}{
		{"no manifest", stripe, loadConformance(t, dir+"/absent.json"), "stripe/stripe-go webhook/client.go; provider's code in CI: –"},
		{"in the manifest", stripe, loadConformance(t, manifest), "stripe/stripe-go webhook/client.go; provider's code in CI: `npm:stripe` 1.2.3 (sdk-signs)"},
		{"not in the manifest", xero, loadConformance(t, manifest), "**no primary source** (third-party material only); provider's code in CI: no"},
	} {
		if got := evidenceText(tc.p, tc.ci); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// rangesText names the lists package ranges refreshes a preset's default
// allow-list from (docs/source-ranges.md).
func rangesText(preset string) string {
	var hosts []string
	optIn := false
	for _, s := range ranges.ForPreset(preset) {
		u, err := url.Parse(s.URL)
		if err != nil {
			continue
		}
		hosts = append(hosts, "`"+u.Host+u.Path+"`")
		optIn = optIn || s.OptIn
	}
	if len(hosts) == 0 {
		return ""
	}
	text := "the provider's published list (" + strings.Join(hosts, ", ") + "), refreshed"
	if optIn {
		text = "none; with `source_ranges refresh`, " + text
	}
	return text
}
