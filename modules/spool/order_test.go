package spool

import "testing"

// TestOrderingKey: payone deliveries are keyed by their txid, read as the
// app reads the form; other presets, and a txid that is missing, empty,
// sent twice or malformed, give no key.
func TestOrderingKey(t *testing.T) {
	for _, tt := range []struct {
		name, provider, body, want string
	}{
		{"payone txid", "payone", "key=k&txid=1000&sequencenumber=2", "payone:1000"},
		{"payone txid first", "payone", "txid=42&txaction=paid", "payone:42"},
		{"payone escaped name", "payone", "tx%69d=7&x=1", "payone:7"},
		{"payone no txid", "payone", "key=k&sequencenumber=2", ""},
		{"payone empty txid", "payone", "txid=&sequencenumber=2", ""},
		{"payone txid twice", "payone", "txid=1&txid=2", ""},
		{"payone bad escape", "payone", "txid=%zz", ""},
		{"payone txidx is another field", "payone", "txidx=1", ""},
		{"stripe has none", "stripe", `{"id":"evt_1","data":{"object":{"id":"pi_1"}}}`, ""},
		{"hmac has none", "hmac", "txid=1", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := orderingKey(tt.provider, []byte(tt.body)); got != tt.want {
				t.Errorf("orderingKey(%q, %q) = %q, want %q", tt.provider, tt.body, got, tt.want)
			}
		})
	}
}
