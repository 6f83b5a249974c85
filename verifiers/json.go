package verifiers

import (
	"bytes"
	"encoding/json"
	"sync"
)

// compactPool holds the buffers JSON canonicalisation writes into.
var compactPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// compactJSON appends body with every whitespace character outside string
// values removed (RFC 8259 insignificant whitespace); spaces inside strings
// are data and stay. It fails on anything that is not one valid JSON value.
//
// The body is first read with parseJSON, so a body that parsers read
// differently is refused (ambiguousBody) rather than compacted.
func compactJSON(dst *bytes.Buffer, body []byte) error {
	if _, err := parseJSON(body); err != nil {
		return err
	}
	if err := json.Compact(dst, body); err != nil {
		return reject(malformedSignature, "body is not valid JSON")
	}
	return nil
}

// withCompactJSON runs fn on the compacted form of body, using a pooled buffer.
func withCompactJSON(body []byte, fn func(compact []byte) error) error {
	buf := compactPool.Get().(*bytes.Buffer)
	defer func() {
		buf.Reset()
		compactPool.Put(buf)
	}()
	buf.Grow(len(body))
	if err := compactJSON(buf, body); err != nil {
		return err
	}
	return fn(buf.Bytes())
}
