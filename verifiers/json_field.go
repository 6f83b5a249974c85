package verifiers

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// jsonField returns the string or number at a dotted path of a JSON object
// body, exactly as decoding the body's first JSON value with encoding/json
// (UseNumber) and walking the maps would, but without building them: the
// body is checked with a small scanner and the field found in place. A body
// whose first value is not an object, or that nests deeper than
// encoding/json allows, takes the encoding/json path (jsonFieldDecoded);
// FuzzJSONField holds the two to the same answers.
func jsonField(body []byte, path string) (string, error) {
	start := skipJSONSpace(body, 0)
	if start == len(body) || body[start] != '{' {
		return jsonFieldDecoded(body, path)
	}
	if _, err := skipJSONValue(body, start, 0); err != nil {
		if err == errJSONTooDeep {
			return jsonFieldDecoded(body, path)
		}
		return "", reject(MalformedSignature, "body is not valid JSON")
	}
	v := body[start:]
	for key := range strings.SplitSeq(path, ".") {
		at, ok := jsonMember(v, key)
		if !ok {
			return "", reject(MissingSignature, "body field %s is missing", path)
		}
		v = v[at:]
	}
	switch c := v[0]; {
	case c == '"':
		end, _ := skipJSONValue(v, 0, 0)
		if raw := v[1 : end-1]; bytes.IndexByte(raw, '\\') < 0 && utf8.Valid(raw) {
			return string(raw), nil
		}
		var s string // escapes or invalid UTF-8: let encoding/json unquote
		if err := json.Unmarshal(v[:end], &s); err != nil {
			return "", reject(MalformedSignature, "body is not valid JSON")
		}
		return s, nil
	case c == '-' || '0' <= c && c <= '9':
		end, _ := skipJSONValue(v, 0, 0)
		return string(v[:end]), nil
	}
	return "", reject(MalformedSignature, "body field %s is not a string or number", path)
}

// jsonFieldDecoded is jsonField by way of encoding/json.
func jsonFieldDecoded(body []byte, path string) (string, error) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return "", reject(MalformedSignature, "body is not valid JSON")
	}
	for key := range strings.SplitSeq(path, ".") {
		obj, ok := v.(map[string]any)
		if !ok {
			return "", reject(MissingSignature, "body field %s is missing", path)
		}
		if v, ok = obj[key]; !ok {
			return "", reject(MissingSignature, "body field %s is missing", path)
		}
	}
	switch x := v.(type) {
	case string:
		return x, nil
	case json.Number:
		return x.String(), nil
	}
	return "", reject(MalformedSignature, "body field %s is not a string or number", path)
}

// jsonMember returns the offset in v, a valid JSON value, of the value of
// its member named key; the last one when the key repeats, as decoding into
// a map keeps the last. ok is false when v is not an object or has no such
// member.
func jsonMember(v []byte, key string) (at int, ok bool) {
	if v[0] != '{' {
		return 0, false
	}
	i := skipJSONSpace(v, 1)
	for v[i] != '}' {
		kend, _ := skipJSONValue(v, i, 0)
		match := jsonKeyIs(v[i:kend], key)
		i = skipJSONSpace(v, kend) + 1 // past ':'
		i = skipJSONSpace(v, i)
		if match {
			at, ok = i, true
		}
		i, _ = skipJSONValue(v, i, 0)
		if i = skipJSONSpace(v, i); v[i] == ',' {
			i = skipJSONSpace(v, i+1)
		}
	}
	return at, ok
}

// jsonKeyIs reports whether the quoted, valid JSON string raw decodes to key.
func jsonKeyIs(raw []byte, key string) bool {
	inner := raw[1 : len(raw)-1]
	if bytes.IndexByte(inner, '\\') < 0 && utf8.Valid(inner) {
		return string(inner) == key // compared in place, no copy
	}
	var s string
	return json.Unmarshal(raw, &s) == nil && s == key
}

// jsonMaxDepth is encoding/json's limit on nesting.
const jsonMaxDepth = 10000

// jsonSyntaxError and errJSONTooDeep are skipJSONValue's failures; neither
// leaves this file.
type jsonSyntaxError string

func (e jsonSyntaxError) Error() string { return string(e) }

const (
	errJSONSyntax  = jsonSyntaxError("invalid JSON")
	errJSONTooDeep = jsonSyntaxError("JSON nested too deep")
)

// skipJSONValue checks the JSON value starting at b[i] (no leading space)
// and returns the offset just past it. depth is how many arrays and objects
// enclose it.
func skipJSONValue(b []byte, i, depth int) (int, error) {
	if i >= len(b) {
		return 0, errJSONSyntax
	}
	switch c := b[i]; {
	case c == '{' || c == '[':
		if depth+1 > jsonMaxDepth {
			return 0, errJSONTooDeep
		}
		return skipJSONContainer(b, i, depth+1)
	case c == '"':
		return skipJSONString(b, i)
	case c == '-' || '0' <= c && c <= '9':
		return skipJSONNumber(b, i)
	}
	for _, lit := range [...]string{"true", "false", "null"} {
		if bytes.HasPrefix(b[i:], []byte(lit)) {
			return i + len(lit), nil
		}
	}
	return 0, errJSONSyntax
}

// skipJSONContainer checks the object or array at b[i].
func skipJSONContainer(b []byte, i, depth int) (int, error) {
	obj := b[i] == '{'
	closer := byte(']')
	if obj {
		closer = '}'
	}
	i = skipJSONSpace(b, i+1)
	if i < len(b) && b[i] == closer {
		return i + 1, nil
	}
	for {
		var err error
		if obj {
			if i >= len(b) || b[i] != '"' {
				return 0, errJSONSyntax
			}
			if i, err = skipJSONString(b, i); err != nil {
				return 0, err
			}
			if i = skipJSONSpace(b, i); i >= len(b) || b[i] != ':' {
				return 0, errJSONSyntax
			}
			i = skipJSONSpace(b, i+1)
		}
		if i, err = skipJSONValue(b, i, depth); err != nil {
			return 0, err
		}
		i = skipJSONSpace(b, i)
		switch {
		case i >= len(b):
			return 0, errJSONSyntax
		case b[i] == closer:
			return i + 1, nil
		case b[i] != ',':
			return 0, errJSONSyntax
		}
		i = skipJSONSpace(b, i+1)
	}
}

// skipJSONString checks the string at b[i] (the opening quote). Invalid
// UTF-8 is accepted, as encoding/json accepts it (and replaces it).
func skipJSONString(b []byte, i int) (int, error) {
	for i++; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			return i + 1, nil
		case c < 0x20:
			return 0, errJSONSyntax
		case c == '\\':
			if i++; i >= len(b) {
				return 0, errJSONSyntax
			}
			switch b[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(b) {
					return 0, errJSONSyntax
				}
				for _, h := range b[i+1 : i+5] {
					if !isHexDigit(h) {
						return 0, errJSONSyntax
					}
				}
				i += 4
			default:
				return 0, errJSONSyntax
			}
		}
	}
	return 0, errJSONSyntax
}

// skipJSONNumber checks the number at b[i]:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func skipJSONNumber(b []byte, i int) (int, error) {
	if b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && '1' <= b[i] && b[i] <= '9':
		i = skipDigits(b, i)
	default:
		return 0, errJSONSyntax
	}
	if i < len(b) && b[i] == '.' {
		if i++; i >= len(b) || !isDigit(b[i]) {
			return 0, errJSONSyntax
		}
		i = skipDigits(b, i)
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		if i++; i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i >= len(b) || !isDigit(b[i]) {
			return 0, errJSONSyntax
		}
		i = skipDigits(b, i)
	}
	return i, nil
}

func skipDigits(b []byte, i int) int {
	for i < len(b) && isDigit(b[i]) {
		i++
	}
	return i
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isHexDigit(c byte) bool {
	return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// skipJSONSpace skips JSON's insignificant whitespace from b[i].
func skipJSONSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}
