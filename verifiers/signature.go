package verifiers

import (
	"net/http"
	"strings"
)

// headerValue returns the one value of the named header. An absent or empty
// header is missingSignature; a header sent twice is malformedSignature,
// because a gate that picked one copy could be steered by whoever added the
// other.
func headerValue(h http.Header, name string) (string, error) {
	values := h.Values(name)
	switch {
	case len(values) == 0 || (len(values) == 1 && strings.TrimSpace(values[0]) == ""):
		return "", reject(missingSignature, "header %s is missing", name)
	case len(values) > 1:
		return "", reject(malformedSignature, "header %s is sent more than once", name)
	}
	return strings.TrimSpace(values[0]), nil
}

// signatureFormat is how a scheme writes its signature into a header:
// `X-Hub-Signature-256: sha256=<hex>` is {Header: "X-Hub-Signature-256",
// Prefix: "sha256=", Encoding: Hex}.
type signatureFormat struct {
	Header   string
	Prefix   string
	Encoding encoding
}

// read decodes the signature from the request headers. The decoded
// signature must be size bytes long.
func (f signatureFormat) read(h http.Header, size int) ([]byte, error) {
	v, err := headerValue(h, f.Header)
	if err != nil {
		return nil, err
	}
	return f.decode(v, size)
}

// decode strips the prefix from v and decodes the rest.
func (f signatureFormat) decode(v string, size int) ([]byte, error) {
	if f.Prefix != "" {
		if len(v) < len(f.Prefix) || !strings.EqualFold(v[:len(f.Prefix)], f.Prefix) {
			return nil, reject(malformedSignature, "header %s does not start with %q", f.Header, f.Prefix)
		}
		v = v[len(f.Prefix):]
	}
	sig, err := f.Encoding.Decode(nil, v)
	if err != nil {
		return nil, reject(malformedSignature, "header %s is not valid %s", f.Header, f.Encoding)
	}
	if size > 0 && len(sig) != size {
		return nil, reject(malformedSignature, "header %s has the wrong length", f.Header)
	}
	return sig, nil
}
