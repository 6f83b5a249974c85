package verifiers

import (
	"strings"
	"unicode/utf8"
)

// formReading says how a provider's own SDK matches form field names.
type formReading uint8

const (
	// exactNames: names match byte for byte (PHP, Python, Node all do).
	exactNames formReading = iota
	// foldedNames: the provider's SDK matches names case-insensitively
	// (Cardknox), so two names differing only in case are the same field.
	foldedNames
)

// lookupForm reads the named fields of a parsed form (parseForm) so that
// every mainstream reader (Python's urllib.parse, Node's URLSearchParams,
// PHP's parse_str, Go's net/url, and the provider's SDK) finds the same
// value. It returns the values ("" for an absent field) and which were
// present. It refuses with ambiguousBody:
//
//   - a wanted field sent more than once, even empty (readers disagree on
//     which copy wins; Python drops empty values by default);
//   - with foldedNames, a field whose name equals a wanted one but for case;
//   - a field whose name PHP's parse_str reads as a wanted name although it
//     is spelled otherwise: PHP strips leading spaces, turns '.' and ' '
//     into '_', and makes `name[...]` an array that replaces `name`;
//   - a wanted name or value that is not valid UTF-8 (Python decodes with
//     replacement characters, PHP keeps the bytes);
//   - a wanted field holding ';': '&' alone separates fields for Python
//     (since 3.9.2/3.10), Node's URLSearchParams and PHP's parse_str (the
//     default arg_separator.input), so "a=1;b=2" is a=`1;b=2` to them, but
//     Go's net/url (since 1.17) drops such a pair with an error. The
//     decoded value cannot tell a raw ';' from %3B, so both are refused.
func lookupForm(fields []formField, reading formReading, names ...string) (values []string, present []bool, err error) {
	values = make([]string, len(names))
	present = make([]bool, len(names))
	wanted := make(map[string]int, len(names))
	for i, n := range names {
		wanted[formClass(phpFormName(n), reading)] = i
	}
	for _, f := range fields {
		i, ok := wanted[formClass(phpFormName(f.Name), reading)]
		if !ok {
			continue
		}
		want := names[i]
		switch {
		case present[i]:
			return nil, nil, ambiguous("form field %s is sent more than once", want)
		case f.Name != want && !(reading == foldedNames && strings.EqualFold(f.Name, want)):
			return nil, nil, ambiguous("form field %q is read as %s by some parsers", truncate(f.Name, 40), want)
		case !utf8.ValidString(f.Value):
			return nil, nil, ambiguous("form field %s is not valid UTF-8", want)
		case strings.ContainsRune(f.Name, ';') || strings.ContainsRune(f.Value, ';'):
			return nil, nil, ambiguous("form field %s holds a semicolon", want)
		}
		present[i] = true
		values[i] = f.Value
	}
	return values, present, nil
}

// formClass is the key two field names share when a reader takes them for
// the same field.
func formClass(name string, reading formReading) string {
	if reading == foldedNames {
		return foldKey(name)
	}
	return name
}

// phpFormName is the name PHP's parse_str files a field under: leading
// spaces dropped, the part before a bracketed suffix (`a[b]` is array a),
// and '.', ' ' and an unclosed '[' turned into '_'. It is applied to every
// field, so `tx.id` collides with a wanted `tx_id` and `key[]` with `key`.
func phpFormName(name string) string {
	name = strings.TrimLeft(name, " ")
	if i := strings.IndexByte(name, 0); i >= 0 {
		name = name[:i]
	}
	if i := strings.IndexByte(name, '['); i > 0 && strings.IndexByte(name[i:], ']') > 0 {
		name = name[:i]
	}
	return strings.Map(func(r rune) rune {
		if r == '.' || r == ' ' || r == '[' {
			return '_'
		}
		return r
	}, name)
}

// formUnambiguous refuses a form in which any two fields are the same
// field to some reader (lookupForm's rules applied to every name), for
// schemes that sign every field (Cardknox).
func formUnambiguous(fields []formField, reading formReading) error {
	seen := make(map[string]bool, len(fields))
	for _, f := range fields {
		if !utf8.ValidString(f.Name) || !utf8.ValidString(f.Value) {
			return ambiguous("form field %q is not valid UTF-8", truncate(f.Name, 40))
		}
		c := formClass(phpFormName(f.Name), reading)
		if seen[c] {
			return ambiguous("form field %q is sent more than once", truncate(f.Name, 40))
		}
		seen[c] = true
	}
	return nil
}

// formUnambiguousRepeats is formUnambiguous with exactNames, except that a
// name may repeat exactly (Twilio's SDK signs every value of it).
func formUnambiguousRepeats(fields []formField) error {
	seen := make(map[string]string, len(fields))
	for _, f := range fields {
		if !utf8.ValidString(f.Name) || !utf8.ValidString(f.Value) {
			return ambiguous("form field %q is not valid UTF-8", truncate(f.Name, 40))
		}
		c := phpFormName(f.Name)
		if n, ok := seen[c]; ok && n != f.Name {
			return ambiguous("form fields %q and %q are one to some parser", truncate(n, 40), truncate(f.Name, 40))
		}
		seen[c] = f.Name
	}
	return nil
}
