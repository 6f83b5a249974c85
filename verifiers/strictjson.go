package verifiers

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// jsonKind is the type of a JSON value.
type jsonKind uint8

// The kinds of JSON values.
const (
	jsonNull jsonKind = iota
	jsonBool
	jsonNumber
	jsonString
	jsonArray
	jsonObject
)

// jsonValue is one value of a strictly parsed JSON document (parseJSON).
type jsonValue struct {
	Kind jsonKind
	// Text is a string's decoded text, a number's literal exactly as
	// written, or "true"/"false"; empty for null, arrays and objects.
	Text string
	// Members are an object's members in the order sent; no two keys are
	// equal or equal under simple case folding.
	Members []jsonMember
	// Elems are an array's elements.
	Elems []*jsonValue
}

// jsonMember is one key and value of an object.
type jsonMember struct {
	Key   string
	Value *jsonValue
}

// maxJSONDepth is how deeply parseJSON lets arrays and objects nest.
const maxJSONDepth = 64

// errJSONSyntax refuses a body that is not JSON at all.
var errJSONSyntax = reject(malformedSignature, "body is not valid JSON")

// ambiguous builds an ambiguous_body rejection.
func ambiguous(format string, args ...any) error { return reject(ambiguousBody, format, args...) }

// parseJSON reads body as exactly one JSON value, refusing every input that
// mainstream parsers (Python's json, Node's JSON.parse, PHP's json_decode,
// Go's encoding/json) read differently, so that what the gate reads is what
// the app reads:
//
//   - an object with two keys that are equal, or equal under Unicode simple
//     case folding (strings.EqualFold), at any depth; keys are compared
//     after their escapes are decoded;
//   - invalid UTF-8 anywhere, and \u escapes of unpaired surrogates;
//   - a byte order mark, and anything but whitespace after the value;
//   - nesting deeper than maxJSONDepth.
//
// Those are ambiguousBody; invalid JSON is malformedSignature. Numbers keep
// their literal text: see (*jsonValue).Scalar for how they are read.
func parseJSON(body []byte) (*jsonValue, error) {
	if bytes.HasPrefix(body, []byte("\xef\xbb\xbf")) {
		return nil, ambiguous("body starts with a byte order mark")
	}
	if !utf8.Valid(body) {
		return nil, ambiguous("body is not valid UTF-8")
	}
	if err := checkSurrogates(body); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	v, err := readJSONValue(dec, 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, ambiguous("body has content after the JSON value")
	}
	return v, nil
}

// readJSONValue reads one value from dec; depth is how many containers
// enclose it.
func readJSONValue(dec *json.Decoder, depth int) (*jsonValue, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, errJSONSyntax
	}
	switch t := tok.(type) {
	case nil:
		return &jsonValue{Kind: jsonNull}, nil
	case bool:
		return &jsonValue{Kind: jsonBool, Text: strconv.FormatBool(t)}, nil
	case json.Number:
		if f, err := strconv.ParseFloat(t.String(), 64); err != nil && (f > 1 || f < -1) {
			return nil, ambiguous("body number overflows float64")
		}
		return &jsonValue{Kind: jsonNumber, Text: t.String()}, nil
	case string:
		return &jsonValue{Kind: jsonString, Text: t}, nil
	case json.Delim:
		if depth+1 > maxJSONDepth {
			return nil, ambiguous("body nests deeper than %d", maxJSONDepth)
		}
		if t == '[' {
			v := &jsonValue{Kind: jsonArray}
			for dec.More() {
				e, err := readJSONValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				v.Elems = append(v.Elems, e)
			}
			if _, err := dec.Token(); err != nil {
				return nil, errJSONSyntax
			}
			return v, nil
		}
		if t != '{' {
			return nil, errJSONSyntax
		}
		v := &jsonValue{Kind: jsonObject}
		var seen map[string]bool
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return nil, errJSONSyntax
			}
			key, ok := kt.(string)
			if !ok {
				return nil, errJSONSyntax
			}
			if strings.HasPrefix(key, "\x00") {
				return nil, ambiguous("an object key starts with NUL (PHP refuses it)")
			}
			if seen == nil {
				seen = map[string]bool{}
			}
			fk := foldKey(key)
			if seen[fk] {
				return nil, ambiguous("an object has key %q twice (or in two cases)", truncate(key, 40))
			}
			seen[fk] = true
			e, err := readJSONValue(dec, depth+1)
			if err != nil {
				return nil, err
			}
			v.Members = append(v.Members, jsonMember{Key: key, Value: e})
		}
		if _, err := dec.Token(); err != nil {
			return nil, errJSONSyntax
		}
		return v, nil
	}
	return nil, errJSONSyntax
}

// foldKey maps s to one representative of its class under simple case
// folding: two strings have the same foldKey exactly when strings.EqualFold
// says they are equal.
func foldKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		min := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f < min {
				min = f
			}
		}
		b.WriteRune(min)
	}
	return b.String()
}

// truncate shortens s for an error detail.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "..."
}

// checkSurrogates refuses \u escapes of unpaired UTF-16 surrogates, which
// Go and Python replace or keep and PHP refuses. In valid JSON a backslash
// occurs only inside strings, so no string tracking is needed; invalid
// JSON is refused by the parser anyway.
func checkSurrogates(b []byte) error {
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' {
			continue
		}
		i++
		if i >= len(b) || b[i] != 'u' {
			continue // the escaped character is skipped with the backslash
		}
		r, ok := hex4(b, i+1)
		if !ok {
			return nil // not valid JSON: the parser says so
		}
		i += 4
		switch {
		case 0xDC00 <= r && r <= 0xDFFF:
			return ambiguous("body has an unpaired surrogate escape")
		case 0xD800 <= r && r <= 0xDBFF:
			if i+2 >= len(b) || b[i+1] != '\\' || b[i+2] != 'u' {
				return ambiguous("body has an unpaired surrogate escape")
			}
			lo, ok := hex4(b, i+3)
			if !ok || lo < 0xDC00 || lo > 0xDFFF {
				return ambiguous("body has an unpaired surrogate escape")
			}
			i += 6
		}
	}
	return nil
}

// hex4 reads four hex digits at b[i:].
func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(b[i:i+4]), 16, 16)
	return rune(n), err == nil
}

// Get returns the value of the object member key (matched exactly), or nil
// when v is not an object or has no such member.
func (v *jsonValue) Get(key string) *jsonValue {
	if v == nil || v.Kind != jsonObject {
		return nil
	}
	for _, m := range v.Members {
		if m.Key == key {
			return m.Value
		}
	}
	return nil
}

// Path follows a dotted path of member names ("data.id"); nil when any
// step is missing.
func (v *jsonValue) Path(path string) *jsonValue {
	for key := range strings.SplitSeq(path, ".") {
		if v = v.Get(key); v == nil {
			return nil
		}
	}
	return v
}

// maxSafeInteger is the largest integer every mainstream parser reads
// exactly (JavaScript's Number.MAX_SAFE_INTEGER).
const maxSafeInteger = 1<<53 - 1

// Scalar returns the text of a string, or of a number that every
// mainstream parser reads as the same integer: written -?(0|[1-9][0-9]*),
// not -0, and at most 2^53-1 in magnitude. Any other number (a fraction,
// an exponent: 1e2 is 100 to Go's json.Number users but 100.0 to Python)
// is ambiguousBody; other kinds are malformedSignature.
func (v *jsonValue) Scalar() (string, error) {
	switch {
	case v == nil:
		return "", reject(missingSignature, "body field is missing")
	case v.Kind == jsonString:
		return v.Text, nil
	case v.Kind == jsonNumber:
		if !isCanonicalInt(v.Text) {
			return "", ambiguous("body number %s is not a plain integer", truncate(v.Text, 24))
		}
		return v.Text, nil
	}
	return "", reject(malformedSignature, "body field is not a string or number")
}

// isCanonicalInt reports whether s is an integer literal every parser reads alike.
func isCanonicalInt(s string) bool {
	digits := strings.TrimPrefix(s, "-")
	if digits == "" || digits == "0" && s != "0" || len(digits) > 1 && digits[0] == '0' {
		return false
	}
	for i := 0; i < len(digits); i++ {
		if !isDigit(digits[i]) {
			return false
		}
	}
	n, err := strconv.ParseUint(digits, 10, 64)
	return err == nil && n <= maxSafeInteger
}

// jsonPathScalar parses body strictly and returns the Scalar at path.
// A missing field is missingSignature naming the path.
func jsonPathScalar(body []byte, path string) (string, error) {
	doc, err := parseJSON(body)
	if err != nil {
		return "", err
	}
	f := doc.Path(path)
	if f == nil {
		return "", reject(missingSignature, "body field %s is missing", path)
	}
	s, err := f.Scalar()
	if rej, ok := errors.AsType[*Rejection](err); ok && rej.Reason != ambiguousBody {
		return "", reject(rej.Reason, "body field %s is not a string or number", path)
	}
	return s, err
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
