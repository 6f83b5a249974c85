package replay

import (
	"bytes"
	"testing"
)

func TestRecordEncoding(t *testing.T) {
	for _, rec := range []record{
		{Token: "abc"},
		{Done: true, Status: 200, ContentType: "text/plain", Body: []byte("TSOK")},
		{Done: true, Status: 204},
		{Done: true, Status: 200, Body: []byte{0, 0xff, '"', '\n'}},
	} {
		b, err := rec.encode()
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeRecord(b)
		if err != nil || got.Token != rec.Token || got.Done != rec.Done || got.Status != rec.Status ||
			got.ContentType != rec.ContentType || !bytes.Equal(got.Body, rec.Body) {
			t.Errorf("round trip of %+v = %+v, %v", rec, got, err)
		}
	}
	// Release compares a claim's exact bytes: encoding must be deterministic.
	a, _ := record{Token: "t"}.encode()
	b, _ := record{Token: "t"}.encode()
	if !bytes.Equal(a, b) {
		t.Error("encoding is not deterministic")
	}
	if _, err := decodeRecord([]byte("not json")); err == nil {
		t.Error("garbage decoded")
	}
}
