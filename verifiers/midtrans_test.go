package verifiers

import (
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"testing"
)

func TestMidtrans(t *testing.T) {
	s := Settings{Secrets: [][]byte{[]byte("server-key")}}
	sum := sha512.Sum512([]byte("order-1" + "200" + "10000.00" + "server-key"))
	sig := hex.EncodeToString(sum[:])
	body := func(order, status, gross, sk string) string {
		return fmt.Sprintf(`{"order_id":%s,"status_code":%s,"gross_amount":%s,"transaction_status":"settlement","signature_key":%s}`, order, status, gross, sk)
	}
	for _, tc := range []struct {
		name, body string
		ok         bool
	}{
		{"signed", body(`"order-1"`, `"200"`, `"10000.00"`, `"`+sig+`"`), true},
		{"upper-case hex", body(`"order-1"`, `"200"`, `"10000.00"`, `"`+fmt.Sprintf("%X", sum[:])+`"`), true},
		{"another amount", body(`"order-1"`, `"200"`, `"10000.01"`, `"`+sig+`"`), false},
		{"another status code", body(`"order-1"`, `"201"`, `"10000.00"`, `"`+sig+`"`), false},
		{"amount as a number", body(`"order-1"`, `"200"`, `10000.00`, `"`+sig+`"`), false},
		{"status as a number", body(`"order-1"`, `200`, `"10000.00"`, `"`+sig+`"`), false},
		{"no signature", `{"order_id":"order-1","status_code":"200","gross_amount":"10000.00"}`, false},
		{"duplicate key", `{"order_id":"order-1","order_id":"order-2","status_code":"200","gross_amount":"10000.00","signature_key":"` + sig + `"}`, false},
		{"not JSON", "order_id=order-1", false},
	} {
		p, _ := Lookup("midtrans")
		v, err := p.Build(s)
		if err != nil {
			t.Fatal(err)
		}
		_, err = v.Verify(request("POST", "https://x/hook", tc.body))
		if (err == nil) != tc.ok {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}
