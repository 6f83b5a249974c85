package verifiers

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var updateDocs = flag.Bool("update", false, "rewrite the generated parts of docs/presets.md and README.md")

// generatedPart is one part of a document that presetTable and friends
// generate, between two marker lines.
type generatedPart struct {
	file, name string
	render     func([]Preset) string
}

var generatedParts = []generatedPart{
	{"../docs/presets.md", "preset table", presetTable},
	{"../docs/presets.md", "preset notes", presetNotes},
	{"../README.md", "provider list", readmeTable},
}

// TestPresetDocs fails when docs/presets.md or the README's provider list
// differ from what the preset declarations generate. Regenerate them with
// `go test ./verifiers -run TestPresetDocs -update`.
func TestPresetDocs(t *testing.T) {
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
