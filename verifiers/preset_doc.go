package verifiers

// PresetDoc is what docs/presets.md and the README's provider list say
// about a preset. Both are generated from the preset table (go run
// ./cmd/presetdocs), and a test fails when the committed files differ from
// what the table generates, so the docs cannot drift from the code. The
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
}
