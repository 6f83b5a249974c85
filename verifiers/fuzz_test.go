package verifiers

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// fuzzRejection fails unless err is a *Rejection with reason want.
func fuzzRejection(t *testing.T, err error, want Reason) {
	t.Helper()
	var rej *Rejection
	if !errors.As(err, &rej) || rej.Reason != want {
		t.Fatalf("error = %#v, want a %s *Rejection", err, want)
	}
}

// FuzzParseForm: parseForm never panics, refuses only with
// malformedSignature (or ambiguousBody for a raw ';' or a leading BOM,
// which parsers read differently), and what it parses survives
// re-encoding.
func FuzzParseForm(f *testing.F) {
	for _, seed := range []string{
		"", "a=1&b=2", "key=3c6e0b8a9c15224a8228b9a98ca1531d&portalid=1",
		cardknoxDocBody, "a=%E4&b=J\xe4rvinen", "&&=&a", "a=1;b=2", "a=%zz", "%", "a+b=c+d&a=%2B",
		"x=%C3%A9%20y", "=v", "k=",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		fields, err := parseForm(body)
		if err != nil {
			if ReasonOf(err) == ambiguousBody && (bytes.IndexByte(body, ';') >= 0 || bytes.HasPrefix(body, []byte("\xef\xbb\xbf"))) {
				return
			}
			fuzzRejection(t, err, malformedSignature)
			return
		}
		if len(fields) > bytes.Count(body, []byte{'&'})+1 {
			t.Fatalf("%d fields from %d separators", len(fields), bytes.Count(body, []byte{'&'}))
		}
		var enc []string
		for _, fl := range fields {
			enc = append(enc, url.QueryEscape(fl.Name)+"="+url.QueryEscape(fl.Value))
		}
		again, err := parseForm([]byte(strings.Join(enc, "&")))
		if err != nil {
			t.Fatalf("re-encoded form does not parse: %v", err)
		}
		if !slices.Equal(fields, again) && !(len(fields) == 0 && len(again) == 0) {
			t.Fatalf("round trip: %q != %q", again, fields)
		}
		// A body without escapes parses to its own bytes.
		if !bytes.ContainsAny(body, "%+") {
			for _, fl := range fields {
				if !bytes.Contains(body, []byte(fl.Name+"="+fl.Value)) && !bytes.Contains(body, []byte(fl.Name)) {
					t.Fatalf("field %q not in body", fl)
				}
				if !bytes.Contains(body, []byte(fl.Value)) {
					t.Fatalf("value of %q not in body", fl)
				}
			}
		}
	})
}

// FuzzCompactJSON: valid JSON compacts to valid JSON that is a fixed point
// of compaction and decodes to the same value; invalid JSON is refused as
// malformedSignature (or ambiguousBody: a BOM, content after the value)
// and leaves the buffer alone.
func FuzzCompactJSON(f *testing.F) {
	for _, seed := range []string{
		`{"a":1}`, "{\n  \"a\" : [ 1, 2.5e3, true, null ],\n\t\"s\": \"two  words\"\r\n}\n",
		`"\u0020 \"q\""`, `[]`, `{`, `{} {}`, ` `, `{"a":"\xff"}`, `[1,]`, `{"ü":"™"}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var buf bytes.Buffer
		buf.WriteString("pre")
		err := compactJSON(&buf, body)
		if !json.Valid(body) {
			if ReasonOf(err) == ambiguousBody { // a BOM, trailing content
				fuzzRejection(t, err, ambiguousBody)
			} else {
				fuzzRejection(t, err, malformedSignature)
			}
			if buf.String() != "pre" {
				t.Fatalf("buffer changed on error: %q", buf.String())
			}
			return
		}
		if err != nil {
			// Valid JSON that parsers read differently (duplicate keys,
			// invalid UTF-8, unpaired surrogates, deep nesting) is refused
			// as parseJSON refuses it.
			_, perr := parseJSON(body)
			if ReasonOf(err) != ambiguousBody || perr == nil || perr.Error() != err.Error() {
				t.Fatalf("valid JSON refused: %v (ParseJSON: %v)", err, perr)
			}
			return
		}
		compact := bytes.Clone(buf.Bytes()[3:])
		if !json.Valid(compact) {
			t.Fatalf("compacted %q is not valid JSON", compact)
		}
		var again bytes.Buffer
		if err := compactJSON(&again, compact); err != nil || !bytes.Equal(again.Bytes(), compact) {
			t.Fatalf("compaction is not a fixed point: %q -> %q (%v)", compact, again.Bytes(), err)
		}
		if len(compact) > len(body) {
			t.Fatalf("compaction grew %d -> %d bytes", len(body), len(compact))
		}
		var a, b any
		decA := json.NewDecoder(bytes.NewReader(body))
		decA.UseNumber()
		decB := json.NewDecoder(bytes.NewReader(compact))
		decB.UseNumber()
		errA, errB := decA.Decode(&a), decB.Decode(&b)
		if (errA == nil) != (errB == nil) {
			t.Fatalf("decode differs: %v vs %v", errA, errB)
		}
		if errA == nil && !reflect.DeepEqual(a, b) {
			t.Fatalf("values differ: %#v vs %#v", a, b)
		}
	})
}

// FuzzSignatureFormatDecode: decode never panics, refuses only with
// malformedSignature, honours the size, and what it accepts is the
// encoding of what it returns.
func FuzzSignatureFormatDecode(f *testing.F) {
	f.Add("sha256=", uint8(0), "sha256=deadbeef", 4)
	f.Add("", uint8(0), "DEADBEEF", 0)
	f.Add("", uint8(1), "3q2+7w==", 4)
	f.Add("v1,", uint8(2), "v1,3q2-7w", 4)
	f.Add("", uint8(2), "3q2-7w==", 4)
	f.Add("", uint8(1), "3q2+\n7w==", 0)
	f.Add("sha256=", uint8(0), "sha25", 32)
	f.Fuzz(func(t *testing.T, prefix string, encByte uint8, value string, size int) {
		enc := encoding(encByte % 3)
		size %= 100
		if size < 0 {
			size = -size
		}
		format := signatureFormat{Header: "X-Sig", Prefix: prefix, Encoding: enc}
		sig, err := format.decode(value, size)
		if err != nil {
			fuzzRejection(t, err, malformedSignature)
			if len(value) >= 12 && !strings.Contains(prefix, value) && strings.Contains(err.Error(), value) {
				t.Fatalf("error echoes the signature: %v", err)
			}
			return
		}
		if size > 0 && len(sig) != size {
			t.Fatalf("decoded %d bytes, want %d", len(sig), size)
		}
		text := value[len(prefix):]
		canonical := string(enc.Encode(nil, sig))
		switch enc {
		case encHex:
			if !strings.EqualFold(text, canonical) {
				t.Fatalf("accepted %q, which is not the hex %q", text, canonical)
			}
		case encBase64:
			if text != canonical {
				t.Fatalf("accepted %q, which is not the base64 %q", text, canonical)
			}
		case encBase64URL:
			if text != canonical && text != base64.URLEncoding.EncodeToString(sig) {
				t.Fatalf("accepted %q, which is not the base64url %q", text, canonical)
			}
		}
		back, err := format.decode(prefix+canonical, size)
		if err != nil || !bytes.Equal(back, sig) {
			t.Fatalf("re-encoded signature does not decode: %x %v", back, err)
		}
	})
}

// FuzzParseSignedAuthorization: the parser never panics; what it returns
// has no separators in it and parses back to itself.
func FuzzParseSignedAuthorization(f *testing.F) {
	for _, seed := range []string{
		"HMAC-SHA256 Signature=be0009af056e7bfc48b5e866fc5923679e87d5d4c64296a9f6dfce92772b26d9",
		"HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=abc=",
		"HMAC-SHA256 Signature=a,Signature=b", "HMAC-SHA256 Signature=", "Bearer x", "", " ",
		"HMAC-SHA256\tSignature=a", "x signature=a=b",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, header string) {
		alg, sig, ok := parseSignedAuthorization(header)
		if !ok {
			return
		}
		if sig == "" || strings.ContainsAny(sig, ",& ") {
			t.Fatalf("signature %q is empty or holds a separator", sig)
		}
		if strings.Contains(alg, " ") {
			t.Fatalf("algorithm %q holds a space", alg)
		}
		if !strings.Contains(header, sig) || !strings.HasPrefix(strings.TrimSpace(header), alg) {
			t.Fatalf("%q, %q not taken from %q", alg, sig, header)
		}
		// Tabs and line breaks are not separators (the strict decoding of
		// the value refuses them later), but a rebuilt header would be
		// trimmed: re-parse only values without surrounding whitespace.
		if alg != "" && strings.TrimSpace(sig) == sig {
			alg2, sig2, ok2 := parseSignedAuthorization(alg + " Signature=" + sig)
			if !ok2 || alg2 != alg || sig2 != sig {
				t.Fatalf("re-parse = %q, %q, %v; want %q, %q", alg2, sig2, ok2, alg, sig)
			}
		}
	})
}

// FuzzCardknoxSignedString: never panics; the signed string is every value
// once, and does not depend on the order fields were sent in when names
// differ after lower-casing.
func FuzzCardknoxSignedString(f *testing.F) {
	f.Add([]byte(cardknoxDocBody))
	f.Add([]byte("xamount=5.00&XRefNum=42&xCardType=Visa"))
	f.Add([]byte("k=2&K=1&a=0"))
	f.Add([]byte("a=two+words&b=%2B&c="))
	f.Add([]byte("a=%zz"))
	f.Fuzz(func(t *testing.T, body []byte) {
		signed, err := cardknoxSignedString(body)
		fields, perr := parseForm(body)
		if perr != nil {
			if err == nil {
				t.Fatalf("CardknoxSignedString accepted what ParseForm refused: %v", perr)
			}
			fuzzRejection(t, err, ReasonOf(perr)) // refused for the same reason
			return
		}
		if uerr := formUnambiguous(fields, foldedNames); uerr != nil || err != nil {
			if uerr == nil || err == nil {
				t.Fatalf("CardknoxSignedString error %v, formUnambiguous error %v", err, uerr)
			}
			fuzzRejection(t, err, ambiguousBody)
			return
		}
		n := 0
		names := map[string]bool{}
		distinct := true
		for _, fl := range fields {
			n += len(fl.Value)
			lower := strings.ToLower(fl.Name)
			if names[lower] {
				distinct = false
			}
			names[lower] = true
		}
		if len(signed) != n {
			t.Fatalf("signed string has %d bytes, values have %d", len(signed), n)
		}
		if !distinct {
			return
		}
		var rev []string
		for _, fl := range slices.Backward(fields) {
			rev = append(rev, url.QueryEscape(fl.Name)+"="+url.QueryEscape(fl.Value))
		}
		again, err := cardknoxSignedString([]byte(strings.Join(rev, "&")))
		if err != nil || !bytes.Equal(again, signed) {
			t.Fatalf("reversed fields sign %q, want %q (%v)", again, signed, err)
		}
	})
}
