package verifiers

import (
	"bytes"
	"testing"
)

func TestTemplateParts(t *testing.T) {
	in := &Signable{Method: "POST", URL: "https://x/y", Body: []byte(`{"data":{"id":7,"s":"q"}}`), Timestamp: "12", ID: "msg_1"}
	for _, c := range []struct {
		t    Template
		want string
	}{
		{RawBody, `{"data":{"id":7,"s":"q"}}`},
		{TimestampDotBody, `12.{"data":{"id":7,"s":"q"}}`},
		{SlackV0, `v0:12:{"data":{"id":7,"s":"q"}}`},
		{IDTimestampBody, `msg_1.12.{"data":{"id":7,"s":"q"}}`},
		{Template{MethodPart, URLPart, TimestampPart}, `POSThttps://x/y12`},
		{Template{IDPart, Lit(":"), TimestampPart}, `msg_1:12`},
	} {
		parts, err := c.t.Parts(in)
		if err != nil || string(bytes.Join(parts, nil)) != c.want {
			t.Errorf("%v: %q, %v", c.t, bytes.Join(parts, nil), err)
		}
	}
	if _, err := (Template{{Kind: PartKind(99)}}).Parts(in); err == nil {
		t.Error("unknown part kind: no error")
	}
	if _, err := (Template{URLPart}).Parts(&Signable{}); ReasonOf(err) != MissingSignature {
		t.Errorf("unknown URL: %v", err)
	}
	if !IDTimestampBody.Uses(PartID) || RawBody.Uses(PartTimestamp) {
		t.Error("Uses")
	}
}
