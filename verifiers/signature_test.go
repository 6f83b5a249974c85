package verifiers

import (
	"bytes"
	"net/http"
	"testing"
)

func TestHeaderValue(t *testing.T) {
	tests := []struct {
		name   string
		values []string
		want   string
		reason Reason
	}{
		{"present", []string{"abc"}, "abc", ""},
		{"trimmed", []string{"  abc\t"}, "abc", ""},
		{"absent", nil, "", missingSignature},
		{"empty", []string{""}, "", missingSignature},
		{"blank", []string{"   "}, "", missingSignature},
		{"duplicated", []string{"abc", "abc"}, "", malformedSignature},
		{"duplicated with an empty copy", []string{"", "abc"}, "", malformedSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			for _, v := range tt.values {
				h.Add("X-Sig", v)
			}
			got, err := headerValue(h, "x-sig")
			checkRejection(t, err, tt.reason)
			if got != tt.want {
				t.Fatalf("headerValue = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSignatureFormatDecode(t *testing.T) {
	sig := []byte{0xde, 0xad, 0xbe, 0xef}
	tests := []struct {
		name   string
		format signatureFormat
		value  string
		size   int
		reason Reason
	}{
		{"hex", signatureFormat{Header: "X", Encoding: encHex}, "deadbeef", 4, ""},
		{"hex upper", signatureFormat{Header: "X", Encoding: encHex}, "DEADBEEF", 4, ""},
		{"prefix", signatureFormat{Header: "X", Prefix: "sha256=", Encoding: encHex}, "sha256=deadbeef", 4, ""},
		{"prefix any case", signatureFormat{Header: "X", Prefix: "sha256=", Encoding: encHex}, "SHA256=deadbeef", 4, ""},
		{"base64", signatureFormat{Header: "X", Encoding: encBase64}, "3q2+7w==", 4, ""},
		{"base64url", signatureFormat{Header: "X", Encoding: encBase64URL}, "3q2-7w", 4, ""},
		{"any size", signatureFormat{Header: "X", Encoding: encHex}, "deadbeef", 0, ""},
		{"wrong prefix", signatureFormat{Header: "X", Prefix: "sha256=", Encoding: encHex}, "sha1=deadbeef", 4, malformedSignature},
		{"missing prefix", signatureFormat{Header: "X", Prefix: "sha256=", Encoding: encHex}, "deadbeef", 4, malformedSignature},
		{"shorter than prefix", signatureFormat{Header: "X", Prefix: "sha256=", Encoding: encHex}, "sha", 4, malformedSignature},
		{"prefix only", signatureFormat{Header: "X", Prefix: "sha256=", Encoding: encHex}, "sha256=", 4, malformedSignature},
		{"bad hex", signatureFormat{Header: "X", Encoding: encHex}, "deadbeeg", 4, malformedSignature},
		{"odd hex", signatureFormat{Header: "X", Encoding: encHex}, "deadbee", 4, malformedSignature},
		{"too short", signatureFormat{Header: "X", Encoding: encHex}, "deadbe", 4, malformedSignature},
		{"too long", signatureFormat{Header: "X", Encoding: encHex}, "deadbeef00", 4, malformedSignature},
		{"base64 in hex format", signatureFormat{Header: "X", Encoding: encHex}, "3q2+7w==", 4, malformedSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.format.decode(tt.value, tt.size)
			checkRejection(t, err, tt.reason)
			if err == nil && !bytes.Equal(got, sig) {
				t.Fatalf("decode = %x, want %x", got, sig)
			}
		})
	}
}

func TestSignatureFormatRead(t *testing.T) {
	f := signatureFormat{Header: "X-Signature", Prefix: "v1=", Encoding: encHex}
	tests := []struct {
		name   string
		values []string
		reason Reason
	}{
		{"ok", []string{"v1=0102"}, ""},
		{"missing", nil, missingSignature},
		{"duplicated", []string{"v1=0102", "v1=0102"}, malformedSignature},
		{"malformed", []string{"v1=01zz"}, malformedSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			for _, v := range tt.values {
				h.Add("X-Signature", v)
			}
			got, err := f.read(h, 2)
			checkRejection(t, err, tt.reason)
			if err == nil && !bytes.Equal(got, []byte{1, 2}) {
				t.Fatalf("read = %x", got)
			}
		})
	}
}

func TestSignatureFormatWrite(t *testing.T) {
	for _, enc := range []encoding{encHex, encBase64, encBase64URL} {
		t.Run(enc.String(), func(t *testing.T) {
			f := signatureFormat{Header: "X-Sig", Prefix: "t=", Encoding: enc}
			h := http.Header{}
			h.Set("X-Sig", "stale")
			sig := []byte("0123456789abcdef0123")
			f.write(h, sig)
			if len(h.Values("X-Sig")) != 1 {
				t.Fatalf("write left %d values", len(h.Values("X-Sig")))
			}
			got, err := f.read(h, len(sig))
			if err != nil || !bytes.Equal(got, sig) {
				t.Fatalf("read(write(sig)) = %x, %v", got, err)
			}
		})
	}
}
