package verifiers

import (
	"bytes"
	"testing"
)

func TestTemplateParts(t *testing.T) {
	in := &signable{Method: "POST", URL: "https://x/y", Body: []byte(`{"data":{"id":7,"s":"q"}}`), Timestamp: "12", ID: "msg_1"}
	for _, c := range []struct {
		t    template
		want string
	}{
		{rawBody, `{"data":{"id":7,"s":"q"}}`},
		{timestampDotBody, `12.{"data":{"id":7,"s":"q"}}`},
		{slackV0, `v0:12:{"data":{"id":7,"s":"q"}}`},
		{idTimestampBody, `msg_1.12.{"data":{"id":7,"s":"q"}}`},
		{template{methodPart, urlPart, timestampPart}, `POSThttps://x/y12`},
		{template{idPart, lit(":"), timestampPart}, `msg_1:12`},
	} {
		parts, err := c.t.Parts(in)
		if err != nil || string(bytes.Join(parts, nil)) != c.want {
			t.Errorf("%v: %q, %v", c.t, bytes.Join(parts, nil), err)
		}
	}
	if _, err := (template{{Kind: partKind(99)}}).Parts(in); err == nil {
		t.Error("unknown part kind: no error")
	}
	if _, err := (template{urlPart}).Parts(&signable{}); ReasonOf(err) != missingSignature {
		t.Errorf("unknown URL: %v", err)
	}
	if !idTimestampBody.Uses(partID) || rawBody.Uses(partTimestamp) {
		t.Error("Uses")
	}
}
