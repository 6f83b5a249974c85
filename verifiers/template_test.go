package verifiers

import (
	"bytes"
	"net/http"
	"testing"
)

func TestTemplateParts(t *testing.T) {
	h := http.Header{"X-Id": {"abc"}}
	in := &Signable{Header: h, Method: "POST", URL: "https://x/y", Body: []byte(`{"data":{"id":7,"s":"q"}}`), Timestamp: "12", ID: "msg_1"}
	for _, c := range []struct {
		t    Template
		want string
	}{
		{RawBody, `{"data":{"id":7,"s":"q"}}`},
		{TimestampDotBody, `12.{"data":{"id":7,"s":"q"}}`},
		{SlackV0, `v0:12:{"data":{"id":7,"s":"q"}}`},
		{IDTimestampBody, `msg_1.12.{"data":{"id":7,"s":"q"}}`},
		{Template{MethodPart, URLPart, TimestampPart}, `POSThttps://x/y12`},
		{Template{HeaderPart("X-Id"), Lit(":"), JSONFieldPart("data.id"), Lit(":"), JSONFieldPart("data.s")}, `abc:7:q`},
	} {
		parts, err := c.t.Parts(in)
		if err != nil || string(bytes.Join(parts, nil)) != c.want {
			t.Errorf("%v: %q, %v", c.t, bytes.Join(parts, nil), err)
		}
	}
	for _, bad := range []Template{{HeaderPart("X-None")}, {JSONFieldPart("data.none")}, {JSONFieldPart("data")}} {
		if _, err := bad.Parts(in); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
	if _, err := (Template{URLPart}).Parts(&Signable{}); ReasonOf(err) != MissingSignature {
		t.Errorf("unknown URL: %v", err)
	}
	if !IDTimestampBody.Uses(PartID) || RawBody.Uses(PartTimestamp) {
		t.Error("Uses")
	}
}
