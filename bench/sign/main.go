// Command sign writes a JSON body of a given size and prints the signature
// header value the `hmac` preset (sha256, hex, prefix "sha256=") expects
// for it, signed with verifiers.Lookup("hmac").Sign as a provider would.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/hookgate/hookgate/verifiers"
)

func main() {
	size := flag.Int("size", 1024, "body size in bytes")
	secret := flag.String("secret", "", "signing secret (required)")
	out := flag.String("out", "", "file to write the body to (required)")
	flag.Parse()
	if *secret == "" || *out == "" {
		log.Fatal("sign: -secret and -out are required")
	}
	body := makeBody(*size)
	p, ok := verifiers.Lookup("hmac")
	if !ok {
		log.Fatal("sign: no hmac preset")
	}
	m := verifiers.Message{Body: body}
	settings := verifiers.Settings{
		Secrets: [][]byte{[]byte(*secret)},
		Options: map[string]string{"header": "X-Signature", "prefix": "sha256="},
	}
	if err := p.Sign(settings, &m); err != nil {
		log.Fatalf("sign: %v", err)
	}
	if err := os.WriteFile(*out, m.Body, 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Println(m.Header.Get("X-Signature"))
}

// makeBody is a JSON event padded to exactly size bytes.
func makeBody(size int) []byte {
	head := `{"type":"bench.event","id":"evt_0001","data":"`
	tail := `"}`
	pad := size - len(head) - len(tail)
	if pad < 0 {
		pad = 0
	}
	var b strings.Builder
	b.WriteString(head)
	for i := 0; i < pad; i++ {
		b.WriteByte("abcdefghijklmnopqrstuvwxyz0123456789"[i%36])
	}
	b.WriteString(tail)
	return []byte(b.String())
}
