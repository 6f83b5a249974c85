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
		{"absent", nil, "", MissingSignature},
		{"empty", []string{""}, "", MissingSignature},
		{"blank", []string{"   "}, "", MissingSignature},
		{"duplicated", []string{"abc", "abc"}, "", MalformedSignature},
		{"duplicated with an empty copy", []string{"", "abc"}, "", MalformedSignature},
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
		format SignatureFormat
		value  string
		size   int
		reason Reason
	}{
		{"hex", SignatureFormat{Header: "X", Encoding: Hex}, "deadbeef", 4, ""},
		{"hex upper", SignatureFormat{Header: "X", Encoding: Hex}, "DEADBEEF", 4, ""},
		{"prefix", SignatureFormat{Header: "X", Prefix: "sha256=", Encoding: Hex}, "sha256=deadbeef", 4, ""},
		{"prefix any case", SignatureFormat{Header: "X", Prefix: "sha256=", Encoding: Hex}, "SHA256=deadbeef", 4, ""},
		{"base64", SignatureFormat{Header: "X", Encoding: Base64}, "3q2+7w==", 4, ""},
		{"base64url", SignatureFormat{Header: "X", Encoding: Base64URL}, "3q2-7w", 4, ""},
		{"any size", SignatureFormat{Header: "X", Encoding: Hex}, "deadbeef", 0, ""},
		{"wrong prefix", SignatureFormat{Header: "X", Prefix: "sha256=", Encoding: Hex}, "sha1=deadbeef", 4, MalformedSignature},
		{"missing prefix", SignatureFormat{Header: "X", Prefix: "sha256=", Encoding: Hex}, "deadbeef", 4, MalformedSignature},
		{"shorter than prefix", SignatureFormat{Header: "X", Prefix: "sha256=", Encoding: Hex}, "sha", 4, MalformedSignature},
		{"prefix only", SignatureFormat{Header: "X", Prefix: "sha256=", Encoding: Hex}, "sha256=", 4, MalformedSignature},
		{"bad hex", SignatureFormat{Header: "X", Encoding: Hex}, "deadbeeg", 4, MalformedSignature},
		{"odd hex", SignatureFormat{Header: "X", Encoding: Hex}, "deadbee", 4, MalformedSignature},
		{"too short", SignatureFormat{Header: "X", Encoding: Hex}, "deadbe", 4, MalformedSignature},
		{"too long", SignatureFormat{Header: "X", Encoding: Hex}, "deadbeef00", 4, MalformedSignature},
		{"base64 in hex format", SignatureFormat{Header: "X", Encoding: Hex}, "3q2+7w==", 4, MalformedSignature},
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
	f := SignatureFormat{Header: "X-Signature", Prefix: "v1=", Encoding: Hex}
	tests := []struct {
		name   string
		values []string
		reason Reason
	}{
		{"ok", []string{"v1=0102"}, ""},
		{"missing", nil, MissingSignature},
		{"duplicated", []string{"v1=0102", "v1=0102"}, MalformedSignature},
		{"malformed", []string{"v1=01zz"}, MalformedSignature},
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
	for _, enc := range []Encoding{Hex, Base64, Base64URL} {
		t.Run(enc.String(), func(t *testing.T) {
			f := SignatureFormat{Header: "X-Sig", Prefix: "t=", Encoding: enc}
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
