package verifiers

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
)

// Encoding is how a signature is written as text.
type encoding int

// The encodings signatures come in.
const (
	// encHex is base16; upper and lower case are both accepted.
	encHex encoding = iota
	// encBase64 is standard base64 with padding (RFC 4648 §4).
	encBase64
	// encBase64URL is the URL-safe alphabet (RFC 4648 §5), padded or not.
	encBase64URL
)

// parseEncoding reads an encoding name: hex, base64 or base64url.
func parseEncoding(name string) (encoding, error) {
	switch strings.ToLower(name) {
	case "hex", "base16":
		return encHex, nil
	case "base64":
		return encBase64, nil
	case "base64url":
		return encBase64URL, nil
	}
	return 0, fmt.Errorf("unknown encoding %q (want hex, base64 or base64url)", name)
}

func (e encoding) String() string {
	switch e {
	case encHex:
		return "hex"
	case encBase64:
		return "base64"
	case encBase64URL:
		return "base64url"
	}
	return fmt.Sprintf("Encoding(%d)", int(e))
}

// Decode appends the bytes that text encodes to dst. It is strict: any
// character outside the alphabet, or a wrong length, is an error.
func (e encoding) Decode(dst []byte, text string) ([]byte, error) {
	src := []byte(text)
	switch e {
	case encHex:
		n := hex.DecodedLen(len(src))
		dst = grow(dst, n)
		out := dst[len(dst) : len(dst)+n]
		if _, err := hex.Decode(out, src); err != nil {
			return nil, err
		}
		return dst[:len(dst)+n], nil
	case encBase64, encBase64URL:
		// encoding/base64 skips CR and LF anywhere and, unless Strict,
		// ignores non-zero padding bits: both would let several texts
		// stand for one signature.
		if strings.ContainsAny(text, "\r\n") {
			return nil, fmt.Errorf("line break in %s", e)
		}
		enc := base64.StdEncoding
		if e == encBase64URL {
			enc = base64.RawURLEncoding
			if strings.HasSuffix(text, "=") {
				enc = base64.URLEncoding
			}
		}
		return enc.Strict().AppendDecode(dst, src)
	}
	return nil, fmt.Errorf("unknown encoding %d", int(e))
}

// Encode appends the text form of b to dst.
func (e encoding) Encode(dst, b []byte) []byte {
	switch e {
	case encBase64:
		return base64.StdEncoding.AppendEncode(dst, b)
	case encBase64URL:
		return base64.RawURLEncoding.AppendEncode(dst, b)
	default:
		return hex.AppendEncode(dst, b)
	}
}

// grow makes room for n more bytes in b without changing its length.
func grow(b []byte, n int) []byte {
	if cap(b)-len(b) >= n {
		return b
	}
	nb := make([]byte, len(b), len(b)+n)
	copy(nb, b)
	return nb
}
