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
		want    Encoding
		wantErr bool
	}{
		{"hex", Hex, false},
		{"HEX", Hex, false},
		{"base16", Hex, false},
		{"base64", Base64, false},
		{"Base64", Base64, false},
		{"base64url", Base64URL, false},
		{"base32", 0, true},
		{"base64-url", 0, true},
		{"", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseEncoding(tt.name)
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
	for enc, want := range map[Encoding]string{Hex: "hex", Base64: "base64", Base64URL: "base64url", Encoding(7): "Encoding(7)"} {
		t.Run(want, func(t *testing.T) {
			if got := enc.String(); got != want {
				t.Fatalf("String() = %q, want %q", got, want)
			}
			if enc <= Base64URL {
				if back, err := ParseEncoding(want); err != nil || back != enc {
					t.Fatalf("ParseEncoding(String()) = %v, %v", back, err)
				}
			}
		})
	}
}

func TestEncodingEncode(t *testing.T) {
	b := []byte{0xfb, 0xff, 0x00, 0x10}
	tests := []struct {
		enc  Encoding
		want string
	}{
		{Hex, hex.EncodeToString(b)},
		{Base64, base64.StdEncoding.EncodeToString(b)},
		{Base64URL, base64.RawURLEncoding.EncodeToString(b)},
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
	for _, enc := range []Encoding{Hex, Base64, Base64URL} {
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
	for _, enc := range []Encoding{Hex, Base64, Base64URL} {
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
		enc     Encoding
		text    string
		want    []byte
		wantErr bool
	}{
		{"hex lower", Hex, "00ff7a", []byte{0, 0xff, 0x7a}, false},
		{"hex upper accepted", Hex, "00FF7A", []byte{0, 0xff, 0x7a}, false},
		{"hex mixed case accepted", Hex, "00fF7a", []byte{0, 0xff, 0x7a}, false},
		{"hex empty", Hex, "", []byte{}, false},
		{"hex odd length", Hex, "00f", nil, true},
		{"hex non-hex digit", Hex, "zz", nil, true},
		{"hex with space", Hex, "00 ff", nil, true},
		{"hex with 0x", Hex, "0x00", nil, true},
		{"base64 padded", Base64, "+/8=", []byte{0xfb, 0xff}, false},
		{"base64 missing padding", Base64, "+/8", nil, true},
		{"base64 url alphabet refused", Base64, "-_8=", nil, true},
		{"base64 bad char", Base64, "ab*=", nil, true},
		{"base64url unpadded", Base64URL, "-_8", []byte{0xfb, 0xff}, false},
		{"base64url padded", Base64URL, "-_8=", []byte{0xfb, 0xff}, false},
		{"base64url std alphabet refused", Base64URL, "+/8", nil, true},
		{"base64url bad length", Base64URL, "A", nil, true},
		{"base64 line break", Base64, "+/\n8=", nil, true},
		{"base64 trailing CRLF", Base64, "+/8=\r\n", nil, true},
		{"base64 non-zero padding bits", Base64, "+/9=", nil, true},
		{"base64 extra padding", Base64, "+/8==", nil, true},
		{"base64url line break", Base64URL, "-_\n8", nil, true},
		{"base64url non-zero padding bits", Base64URL, "-_9", nil, true},
		{"base64url extra padding", Base64URL, "-_8==", nil, true},
		{"base64url padding alone", Base64URL, "====", nil, true},
		{"unknown encoding", Encoding(9), "00", nil, true},
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
