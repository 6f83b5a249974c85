package verifiers

import (
	"bytes"
	"mime"
	"net/url"
	"slices"
)

// formField is one name=value pair of an application/x-www-form-urlencoded
// body, both URL-decoded ('+' is a space). Values are the decoded bytes as
// sent: a Latin-1 form (Payone's) stays Latin-1, nothing is re-encoded.
type formField struct {
	Name  string
	Value string
}

// parseForm splits a urlencoded body into its fields, in the order sent,
// duplicates kept. Only '&' separates fields (';' is data, as in Go's
// net/url since 1.17). An invalid %-escape is an error: a gate must not
// guess what the sender meant.
func parseForm(body []byte) ([]formField, error) {
	if bytes.HasPrefix(body, []byte("\xef\xbb\xbf")) {
		return nil, reject(ambiguousBody, "form starts with a byte order mark")
	}
	if bytes.IndexByte(body, ';') >= 0 {
		return nil, reject(ambiguousBody, "form has an unescaped ';' (Go's net/url drops that field)")
	}

	fields := make([]formField, 0, bytes.Count(body, []byte{'&'})+1)
	err := eachFormField(body, func(name, value string) error {
		fields = append(fields, formField{name, value})
		return nil
	})
	return fields, err
}

// eachFormField calls fn for every field of body, decoded, in order.
func eachFormField(body []byte, fn func(name, value string) error) error {
	for len(body) > 0 {
		var pair []byte
		pair, body, _ = bytes.Cut(body, []byte{'&'})
		if len(pair) == 0 {
			continue
		}
		rawName, rawValue, _ := bytes.Cut(pair, []byte{'='})
		name, err := unescapeForm(rawName)
		if err != nil {
			return err
		}
		value, err := unescapeForm(rawValue)
		if err != nil {
			return err
		}
		if err := fn(name, value); err != nil {
			return err
		}
	}
	return nil
}

// unescapeForm decodes one form token, skipping the work when there is
// nothing to decode.
func unescapeForm(b []byte) (string, error) {
	if bytes.IndexByte(b, '%') < 0 && bytes.IndexByte(b, '+') < 0 {
		return string(b), nil
	}
	s, err := url.QueryUnescape(string(b))
	if err != nil {
		return "", reject(malformedSignature, "form body has an invalid escape")
	}
	return s, nil
}

// setFormFields returns body with the named fields set: an existing field
// keeps its place and gets the new value, a missing one is appended. Other
// fields keep their exact bytes (and so their character set).
func setFormFields(body []byte, set map[string]string) []byte {
	out := make([]byte, 0, len(body)+64)
	done := map[string]bool{}
	for _, pair := range bytes.Split(body, []byte{'&'}) {
		if len(pair) == 0 {
			continue
		}
		rawName, _, _ := bytes.Cut(pair, []byte{'='})
		name, _ := unescapeForm(rawName)
		if v, ok := set[name]; ok {
			if done[name] {
				continue
			}
			done[name] = true
			pair = []byte(url.QueryEscape(name) + "=" + url.QueryEscape(v))
		}
		if len(out) > 0 {
			out = append(out, '&')
		}
		out = append(out, pair...)
	}
	names := make([]string, 0, len(set))
	for name := range set {
		if !done[name] {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		if len(out) > 0 {
			out = append(out, '&')
		}
		out = append(out, url.QueryEscape(name)+"="+url.QueryEscape(set[name])...)
	}
	return out
}

// formBody refuses a body that is not sent as a form: a verifier that
// reads it as one, and an app that does not parse it (and may fall back to
// the query), would read different fields.
func formBody(contentType string) error {
	if mt, _, _ := mime.ParseMediaType(contentType); mt != "application/x-www-form-urlencoded" {
		return reject(malformedSignature, "the body is not sent as a form (application/x-www-form-urlencoded)")
	}
	return nil
}
