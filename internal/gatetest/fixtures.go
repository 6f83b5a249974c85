package gatetest

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"net/http"
)

// Fixtures the tests of several packages share.

// ErrorsSite answers refusals with their status and reason, as the README
// recommends, so tests can read which check failed.
const ErrorsSite = `
	handle_errors {
		respond "{err.status_code} {err.message}"
	}
`

// PayonePortalKey is the portal key of the tests' payone routes.
const PayonePortalKey = "portal-key-0123456789"

// PayoneBody is a TransactionStatus post as PAYONE sends it: urlencoded
// ISO-8859-1 (the raw 0xE4 and 0xFC bytes are "ä" and "ü" in Latin-1).
func PayoneBody(key string) []byte {
	return []byte("key=" + key + "&txaction=paid&portalid=2012345&aid=12345&txid=1000&sequencenumber=1" +
		"&lastname=M\xfcller&city=L%E4nd&clearingtype=cc")
}

// MD5Hex is the hex MD5 of s: PAYONE's key field is md5(portal key).
func MD5Hex(s string) string {
	d := md5.Sum([]byte(s))
	return hex.EncodeToString(d[:])
}

// PayoneHeader are the headers PAYONE sends, from its published range
// (behind a trusted proxy).
func PayoneHeader() http.Header {
	return http.Header{
		"Content-Type":    {"application/x-www-form-urlencoded"},
		"User-Agent":      {"PAYONE FinanceGate"},
		"X-Forwarded-For": {"185.60.20.10"},
	}
}

// PayoneDelivery is a genuine TransactionStatus post; seq makes it a
// different delivery (Payone's identity is txid:sequencenumber:txaction).
func PayoneDelivery(seq int) []byte {
	return bytes.Replace(PayoneBody(MD5Hex(PayonePortalKey)), []byte("sequencenumber=1"), fmt.Appendf(nil, "sequencenumber=%d", seq), 1)
}

// TrustedLoopback is a server option that trusts the test's own proxy
// headers (X-Forwarded-For from 127.0.0.1), as a gate behind a load
// balancer would.
const TrustedLoopback = "\t\ttrusted_proxies static 127.0.0.1/32"
