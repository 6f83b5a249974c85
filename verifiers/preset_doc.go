package verifiers

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// PresetDoc is what docs/presets.md and the README's provider list say
// about a preset. Both are generated from the registered presets (`go test
// ./verifiers -run TestPresetDocs -update`), and a test fails when the
// committed files differ from what they generate, so the docs cannot drift
// from the code. The
// tolerance, allow-list and User-Agent columns are generated from the
// Preset's own fields; the notes here are only appended to them. Write
// Markdown; a `|` must be escaped as `\|`.
type PresetDoc struct {
	// Signature is where the signature travels and its format, such as
	// "`X-Hub-Signature-256: sha256=<hex>`".
	Signature string
	// Algorithm is the algorithm and what the key is, such as
	// "HMAC-SHA256, key = the app secret".
	Algorithm string
	// Signed is what the signature covers, such as "body" or "`t.body`".
	Signed string
	// ToleranceNote, AllowListNote and UserAgentNote are appended in
	// parentheses to the generated columns ("hookgate's choice; the
	// provider publishes none"). Empty: nothing is appended.
	ToleranceNote string
	AllowListNote string
	UserAgentNote string
	// Handshake is what the gate answers by itself (an endpoint
	// challenge), or "" for none.
	Handshake string
	// Identity is the replay identity, such as "body `id`", "hash of the
	// body" or "`X-GitHub-Delivery`" for an unsigned log ID.
	Identity string
	// Vectors says where the preset's test vectors come from: published,
	// sdk-test, 3p-test or computed, with the source.
	Vectors string
	// Note is a paragraph for the notes section of docs/presets.md:
	// doubts, limits, what the operator must know. Empty: none.
	Note string
	// Source is the primary source the scheme was taken from: the
	// provider's own docs page (host/path) or its official code
	// (owner/repo path). Empty: the scheme rests on third-party material
	// only; docs/presets.md says so, and the handler logs it when it
	// provisions a route (see Preset.PrimarySource).
	Source string
}

// PrimarySource returns the primary source of the preset's scheme (the
// provider's docs or official code), and false when there is none: the
// scheme was taken from third-party material only, which the handler
// should say in an info line when it provisions a route.
func (p Preset) PrimarySource() (string, bool) {
	return p.Doc.Source, p.Doc.Source != ""
}

// presetTable renders the full table of docs/presets.md, one row per
// preset in name order. ci lists, per preset, the provider's packages that
// CI runs against it (conformance/sdks.json); nil: that manifest is absent.
func presetTable(ps []Preset, ci map[string][]string) string {
	var b strings.Builder
	b.WriteString("| name | signature header | algorithm | signed content | options | default tolerance | default allow-list | User-Agent | handshake | replay identity (log ID) | vector source | evidence |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, p := range ps {
		d := p.Doc
		cells := []string{p.Name, d.Signature, d.Algorithm, d.Signed, optionsText(p),
			withNote(toleranceText(p.Tolerance), d.ToleranceNote),
			withNote(allowListCell(p), d.AllowListNote),
			withNote(userAgentText(p.UserAgent), d.UserAgentNote),
			orDash(d.Handshake), orDash(d.Identity), orDash(d.Vectors), evidenceText(p, ci)}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
	return b.String()
}

// presetNotes renders the per-preset notes of docs/presets.md.
func presetNotes(ps []Preset) string {
	var b strings.Builder
	for _, p := range ps {
		if p.Doc.Note != "" {
			fmt.Fprintf(&b, "- **%s.** %s\n", p.Name, p.Doc.Note)
		}
	}
	return b.String()
}

// readmeTable renders the README's provider list: the short form of
// presetTable.
func readmeTable(ps []Preset) string {
	var b strings.Builder
	fmt.Fprintf(&b, "All %d presets. The full table, with the signed content, delivery IDs and\n", len(ps))
	b.WriteString("the source of every test vector, is in [docs/presets.md](docs/presets.md):\n\n")
	b.WriteString("| provider | signature | options | tolerance | default allow-list, User-Agent | handshake answered |\n")
	b.WriteString("|---|---|---|---|---|---|\n")
	for _, p := range ps {
		d := p.Doc
		sender := withNote(allowListCell(p), d.AllowListNote)
		if p.UserAgent != "" {
			sender = strings.TrimPrefix(sender+", "+userAgentText(p.UserAgent), "–, ")
		}
		cells := []string{"`" + p.Name + "`", d.Signature + "; " + d.Algorithm, optionsText(p),
			withNote(toleranceText(p.Tolerance), d.ToleranceNote), sender, orDash(d.Handshake)}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
	return b.String()
}

// evidenceText is the evidence cell: the primary source, and whether the
// provider's own code is exercised in CI ("–" when that is not known).
func evidenceText(p Preset, ci map[string][]string) string {
	src, ok := p.PrimarySource()
	if !ok {
		src = "**no primary source** (third-party material only)"
	}
	run := "–"
	if ci != nil {
		run = "no"
		if pkgs := ci[p.Name]; len(pkgs) > 0 {
			run = strings.Join(pkgs, ", ")
		}
	}
	return src + "; provider's code in CI: " + run
}

// optionsText lists a preset's own options, the required ones marked.
func optionsText(p Preset) string {
	if len(p.Options) == 0 {
		return "–"
	}
	names := make([]string, len(p.Options))
	for i, o := range p.Options {
		names[i] = "`" + o + "`"
		if slices.Contains(p.RequiredOptions, o) {
			names[i] += " (required)"
		}
	}
	return strings.Join(names, ", ")
}

// toleranceText is a default tolerance as the docs write it.
func toleranceText(d time.Duration) string {
	switch {
	case d == 0:
		return "–"
	case d%time.Hour == 0 && d > 2*time.Hour:
		return fmt.Sprintf("%d h", d/time.Hour)
	case d%time.Minute == 0:
		return fmt.Sprintf("%d min", d/time.Minute)
	default:
		return fmt.Sprintf("%d s", d/time.Second)
	}
}

// allowListText is a default allow-list as the docs write it.
// publishedList describes the machine-readable list a preset's default
// allow-list is fetched and refreshed from (package ranges, which the docs
// test consults); "" for a preset whose provider publishes none.
var publishedList = func(preset string) string { return "" }

// allowListCell is a preset's default allow-list as the docs write it: the
// provider's published list where it has one, else the compiled-in ranges.
func allowListCell(p Preset) string {
	if list := publishedList(p.Name); list != "" {
		return list
	}
	return allowListText(p.AllowIP)
}

func allowListText(ranges []string) string {
	if len(ranges) == 0 {
		return "–"
	}
	return strings.Join(ranges, ", ")
}

// userAgentText is a default User-Agent as the docs write it.
func userAgentText(ua string) string {
	if ua == "" {
		return "–"
	}
	return "`" + ua + "`"
}

// withNote appends a note in parentheses.
func withNote(text, note string) string {
	if note == "" {
		return text
	}
	return text + " (" + note + ")"
}

// orDash writes "–" for an empty cell.
func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
