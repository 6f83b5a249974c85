package verifiers

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
)

func TestStructuredFormat(t *testing.T) {
	stripe := structuredFormat{Header: "S", ItemSep: ',', KeySep: '=', TimestampKey: "t", SignatureKey: "v1", Encoding: encHex}
	paddle := structuredFormat{Header: "S", ItemSep: ';', KeySep: '=', TimestampKey: "ts", SignatureKey: "h1", Encoding: encHex}
	std := structuredFormat{Header: "S", ItemSep: ' ', KeySep: ',', SignatureKey: "v1", Encoding: encBase64}
	a, b := strings.Repeat("ab", 32), strings.Repeat("cd", 32)
	b64 := "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
	for _, c := range []struct {
		f      structuredFormat
		value  string
		ts     string
		nsigs  int
		reason Reason
	}{
		{stripe, "t=12,v1=" + a, "12", 1, ""},
		{stripe, "t=12,v1=" + a + ",v1=" + b + ",v0=" + a + ",x=y,junk", "12", 2, ""},
		{stripe, " t = 12 , v1 = " + a, "12", 1, ""},
		{stripe, "v1=" + a, "", 0, malformedSignature},
		{stripe, "t=1,t=2,v1=" + a, "", 0, malformedSignature},
		{stripe, "t=12,v0=" + a, "", 0, malformedSignature},
		{stripe, "t=12,v1=zz", "", 0, malformedSignature},
		{paddle, "ts=99;h1=dummy;h1=" + a + ";h2=x", "99", 1, ""},
		{std, "v1," + b64 + " v2," + b64 + " v1a,xx", "", 1, ""},
		{std, "v1,", "", 0, malformedSignature},
		{stripe, "", "", 0, missingSignature},
	} {
		h := http.Header{}
		if c.value != "" {
			h.Set("S", c.value)
		}
		ts, sigs, err := readSignatures(c.f, h, 32)
		if c.reason != "" {
			if ReasonOf(err) != c.reason || err == nil {
				t.Errorf("%q: err %v, want %s", c.value, err, c.reason)
			}
			continue
		}
		if err != nil || ts != c.ts || len(sigs) != c.nsigs {
			t.Errorf("%q: ts %q, %d sigs, %v", c.value, ts, len(sigs), err)
		}
	}
}

func TestStructuredWriteReads(t *testing.T) {
	f := structuredFormat{Header: "Paddle-Signature", ItemSep: ';', KeySep: '=', TimestampKey: "ts", SignatureKey: "h1", Encoding: encHex}
	h := http.Header{}
	sig := make([]byte, 32)
	f.WriteSignature(h, "123", sig)
	if got := h.Get("Paddle-Signature"); got != "ts=123;h1="+strings.Repeat("0", 64) {
		t.Fatalf("wrote %q", got)
	}
	ts, sigs, err := readSignatures(f, h, 32)
	if err != nil || ts != "123" || len(sigs) != 1 {
		t.Fatal(ts, sigs, err)
	}
}

// readSignatures reads f's signatures into fresh storage.
func readSignatures(f signatureCarrier, h http.Header, size int) (string, [][]byte, error) {
	var sigs signatures
	ts, err := f.ReadSignatures(h, size, &sigs)
	return ts, sigs.List(), err
}

// TestSignaturesAdd: only texts that decode to the wanted size are kept.
func TestSignaturesAdd(t *testing.T) {
	var s signatures
	if !s.Add(encHex, "0102", 2) || !s.Add(encHex, "0304", 2) || s.Add(encHex, "0506ff", 2) || s.Add(encHex, "zz", 0) {
		t.Fatal("Add kept the wrong texts")
	}
	if got := s.List(); len(got) != 2 || !bytes.Equal(got[0], []byte{1, 2}) || !bytes.Equal(got[1], []byte{3, 4}) {
		t.Fatalf("List = %x", got)
	}
	if !s.Add(encBase64, "CQo=", 0) || s.Len() != 3 {
		t.Fatal("Add of any length failed")
	}
}
