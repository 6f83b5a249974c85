package spool

import (
	"net/url"
	"strings"
)

// Ordering keys: deliveries of one key reach the app in the order the
// gate stored them, never overtaking each other (flow.go); deliveries of
// different keys, or without a key, go concurrently. A key is a property
// of the provider, named where the provider documents that the order of
// its notifications matters (docs/spool.md lists them); it is read from the
// stored body, which the signature covered, when the delivery is taken
// from the spool.

// orderingKeys are the providers with a documented ordering key.
var orderingKeys = map[string]func(body []byte) string{
	// PAYONE sends the notifications of one transaction (txid) with a
	// rising sequencenumber and expects them processed in that order; it
	// sends the next only after the merchant answered TSOK to the previous
	// one, so the order they reach the gate is their sequence order.
	"payone": formField("txid"),
}

// orderingKey is the ordering key of a stored delivery of provider; ""
// for none. Keys are prefixed with the provider, so two providers'
// identifiers never meet.
func orderingKey(provider string, body []byte) string {
	f := orderingKeys[provider]
	if f == nil {
		return ""
	}
	if k := f(body); k != "" {
		return provider + ":" + k
	}
	return ""
}

// formField reads one field of a form body (as PAYONE's, whose values may
// be ISO-8859-1: the key is kept as bytes). A field sent twice gives no
// key: its meaning would be ambiguous.
func formField(name string) func(body []byte) string {
	return func(body []byte) string {
		var val string
		n := 0
		for part := range strings.SplitSeq(string(body), "&") {
			k, v, _ := strings.Cut(part, "=")
			if k, err := url.QueryUnescape(k); err != nil || k != name {
				continue
			}
			u, err := url.QueryUnescape(v)
			if err != nil {
				return ""
			}
			val, n = u, n+1
		}
		if n != 1 || len(val) > 256 {
			return ""
		}
		return val
	}
}
