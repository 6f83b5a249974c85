// Command upstream is the app behind the gate in hookgate's benchmarks and
// load runs: it reads each request's body and answers 200 "ok".
//
// With -secret it also checks every delivery's X-Signature (the `hmac`
// preset as bench/Caddyfile configures it) and counts the ones the secret
// did not sign; GET /__stats returns the counts as JSON. With -delay it
// waits before answering, to play a slow app.
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"io"
	"log"
	"net/http"
	"strings"
	"sync/atomic"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:9080", "listen address")
	secret := flag.String("secret", "", "if set, count deliveries whose X-Signature this secret did not make")
	delay := flag.Duration("delay", 0, "wait this long before answering")
	flag.Parse()

	var total, forged atomic.Int64
	buf := make(chan []byte, 64)
	http.HandleFunc("/__stats", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]int64{"requests": total.Load(), "forged": forged.Load()})
	})
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		var b []byte
		select {
		case b = <-buf:
		default:
		}
		body, err := readAll(r.Body, b[:0])
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		total.Add(1)
		if *secret != "" {
			m := hmac.New(sha256.New, []byte(*secret))
			m.Write(body)
			want := "sha256=" + hex.EncodeToString(m.Sum(nil))
			if !strings.EqualFold(r.Header.Get("X-Signature"), want) {
				forged.Add(1)
			}
		}
		select {
		case buf <- body:
		default:
		}
		if *delay > 0 {
			time.Sleep(*delay)
		}
		io.WriteString(w, "ok")
	})
	log.Printf("upstream listening on %s", *addr)
	log.Fatal(http.ListenAndServe(*addr, nil))
}

// readAll reads r into b, reusing its capacity.
func readAll(r io.Reader, b []byte) ([]byte, error) {
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}
