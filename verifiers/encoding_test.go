package verifiers

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"testing"
)

func TestParseEncoding(t *testing.T) {
	tests := []struct {
		name    string
		want    encoding
		wantErr bool
	}{
		{"hex", encHex, false},
		{"HEX", encHex, false},
		{"base16", encHex, false},
		{"base64", encBase64, false},
		{"Base64", encBase64, false},
		{"base64url", encBase64URL, false},
		{"base32", 0, true},
		{"base64-url", 0, true},
		{"", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseEncoding(tt.name)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseEncoding(%q) error = %v, wantErr %v", tt.name, err, tt.wantErr)
			}
			if err == nil && got != tt.want {
				t.Fatalf("ParseEncoding(%q) = %v, want %v", tt.name, got, tt.want)
			}
		})
	}
}

func TestEncodingString(t *testing.T) {
	for enc, want := range map[encoding]string{encHex: "hex", encBase64: "base64", encBase64URL: "base64url", encoding(7): "Encoding(7)"} {
		t.Run(want, func(t *testing.T) {
			if got := enc.String(); got != want {
				t.Fatalf("String() = %q, want %q", got, want)
			}
			if enc <= encBase64URL {
				if back, err := parseEncoding(want); err != nil || back != enc {
					t.Fatalf("ParseEncoding(String()) = %v, %v", back, err)
				}
			}
		})
	}
}

func TestEncodingEncode(t *testing.T) {
	b := []byte{0xfb, 0xff, 0x00, 0x10}
	tests := []struct {
		enc  encoding
		want string
	}{
		{encHex, hex.EncodeToString(b)},
		{encBase64, base64.StdEncoding.EncodeToString(b)},
		{encBase64URL, base64.RawURLEncoding.EncodeToString(b)},
	}
	for _, tt := range tests {
		t.Run(tt.enc.String(), func(t *testing.T) {
			got := tt.enc.Encode([]byte("pre:"), b)
			if string(got) != "pre:"+tt.want {
				t.Fatalf("Encode = %q, want %q", got, "pre:"+tt.want)
			}
		})
	}
}

func TestEncodingRoundTrip(t *testing.T) {
	for _, enc := range []encoding{encHex, encBase64, encBase64URL} {
		t.Run(enc.String(), func(t *testing.T) {
			for n := 0; n <= 70; n++ {
				b := make([]byte, n)
				for i := range b {
					b[i] = byte(i*37 + n)
				}
				text := enc.Encode(nil, b)
				got, err := enc.Decode(nil, string(text))
				if err != nil {
					t.Fatalf("n=%d: Decode(%q): %v", n, text, err)
				}
				if !bytes.Equal(got, b) {
					t.Fatalf("n=%d: Decode(Encode(b)) = %x, want %x", n, got, b)
				}
			}
		})
	}
}

func TestEncodingDecodeAppends(t *testing.T) {
	for _, enc := range []encoding{encHex, encBase64, encBase64URL} {
		t.Run(enc.String(), func(t *testing.T) {
			want := []byte{1, 2, 3, 250}
			text := string(enc.Encode(nil, want))
			for _, dst := range [][]byte{[]byte("ab"), make([]byte, 2, 64)} {
				copy(dst, "ab")
				got, err := enc.Decode(dst, text)
				if err != nil {
					t.Fatal(err)
				}
				if string(got[:2]) != "ab" || !bytes.Equal(got[2:], want) {
					t.Fatalf("Decode(dst) = %x, want 6162%x", got, want)
				}
			}
		})
	}
}

func TestEncodingDecodeStrict(t *testing.T) {
	tests := []struct {
		name    string
		enc     encoding
		text    string
		want    []byte
		wantErr bool
	}{
		{"hex lower", encHex, "00ff7a", []byte{0, 0xff, 0x7a}, false},
		{"hex upper accepted", encHex, "00FF7A", []byte{0, 0xff, 0x7a}, false},
		{"hex mixed case accepted", encHex, "00fF7a", []byte{0, 0xff, 0x7a}, false},
		{"hex empty", encHex, "", []byte{}, false},
		{"hex odd length", encHex, "00f", nil, true},
		{"hex non-hex digit", encHex, "zz", nil, true},
		{"hex with space", encHex, "00 ff", nil, true},
		{"hex with 0x", encHex, "0x00", nil, true},
		{"base64 padded", encBase64, "+/8=", []byte{0xfb, 0xff}, false},
		{"base64 missing padding", encBase64, "+/8", nil, true},
		{"base64 url alphabet refused", encBase64, "-_8=", nil, true},
		{"base64 bad char", encBase64, "ab*=", nil, true},
		{"base64url unpadded", encBase64URL, "-_8", []byte{0xfb, 0xff}, false},
		{"base64url padded", encBase64URL, "-_8=", []byte{0xfb, 0xff}, false},
		{"base64url std alphabet refused", encBase64URL, "+/8", nil, true},
		{"base64url bad length", encBase64URL, "A", nil, true},
		{"base64 line break", encBase64, "+/\n8=", nil, true},
		{"base64 trailing CRLF", encBase64, "+/8=\r\n", nil, true},
		{"base64 non-zero padding bits", encBase64, "+/9=", nil, true},
		{"base64 extra padding", encBase64, "+/8==", nil, true},
		{"base64url line break", encBase64URL, "-_\n8", nil, true},
		{"base64url non-zero padding bits", encBase64URL, "-_9", nil, true},
		{"base64url extra padding", encBase64URL, "-_8==", nil, true},
		{"base64url padding alone", encBase64URL, "====", nil, true},
		{"unknown encoding", encoding(9), "00", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.enc.Decode(nil, tt.text)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Decode(%q) = %x, %v; wantErr %v", tt.text, got, err, tt.wantErr)
			}
			if err == nil && !bytes.Equal(got, tt.want) {
				t.Fatalf("Decode(%q) = %x, want %x", tt.text, got, tt.want)
			}
		})
	}
}
