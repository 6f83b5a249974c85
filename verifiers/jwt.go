package verifiers

import (
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// hs256JWT verifies a compact JWS/JWT signed with HMAC-SHA256 (RFC 7515,
// 7519), the form Netlify, Vonage and monday.com sign webhooks with. The
// header must say exactly {"alg":"HS256"} (any "typ"; no "crit"): "none"
// and every other algorithm are refused. Header and claims are read with
// the strict JSON reader. It returns the claims object and the index of
// the key that verified.
func hs256JWT(token string, keys [][]byte) (*jsonValue, int, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
		return nil, 0, reject(malformedSignature, "the token is not a compact JWS")
	}
	dec := base64.RawURLEncoding.Strict()
	header, err := dec.DecodeString(parts[0])
	if err != nil {
		return nil, 0, reject(malformedSignature, "the token header is not base64url")
	}
	h, err := parseJSON(header)
	if err != nil || h.Kind != jsonObject {
		return nil, 0, reject(malformedSignature, "the token header is not a JSON object")
	}
	if alg := h.Get("alg"); alg == nil || alg.Kind != jsonString || alg.Text != "HS256" {
		return nil, 0, reject(malformedSignature, "the token is not signed with HS256")
	}
	if h.Get("crit") != nil {
		return nil, 0, reject(malformedSignature, "the token header has critical extensions")
	}
	sig, err := dec.DecodeString(parts[2])
	if err != nil || len(sig) != algSHA256.Size {
		return nil, 0, reject(malformedSignature, "the token signature is not a base64url HMAC-SHA256")
	}
	signing := []byte(token[:len(parts[0])+1+len(parts[1])])
	ok, key := 0, 0
	for i := len(keys) - 1; i >= 0; i-- { // every key: no early exit
		if subtle.ConstantTimeCompare(hmacSum(algSHA256, keys[i], signing), sig) == 1 {
			ok, key = 1, i
		}
	}
	if ok == 0 {
		return nil, 0, errBadSignature
	}
	payload, err := dec.DecodeString(parts[1])
	if err != nil {
		return nil, 0, reject(malformedSignature, "the token claims are not base64url")
	}
	claims, err := parseJSON(payload)
	if err != nil {
		return nil, 0, err
	}
	if claims.Kind != jsonObject {
		return nil, 0, reject(malformedSignature, "the token claims are not a JSON object")
	}
	return claims, key, nil
}

// jwtTime reads the NumericDate claim name: nil when absent; a claim that
// is not a plain integer of seconds is malformedSignature.
func jwtTime(claims *jsonValue, name string) (*time.Time, error) {
	c := claims.Get(name)
	if c == nil {
		return nil, nil
	}
	if c.Kind != jsonNumber || !isCanonicalInt(c.Text) {
		return nil, reject(malformedSignature, "token claim %s is not a number of seconds", name)
	}
	n, _ := strconv.ParseInt(c.Text, 10, 64)
	t := time.Unix(n, 0)
	return &t, nil
}

// checkJWTTimes checks the token's exp and nbf against now with tolerance
// as leeway, and its iat (required when needIat) within tolerance of now
// either way.
func checkJWTTimes(claims *jsonValue, now time.Time, tolerance time.Duration, needIat bool) error {
	return checkJWTTimesAged(claims, now, tolerance, tolerance, needIat)
}

// checkJWTTimesAged is checkJWTTimes for a provider that may resend a
// token long after it issued it: exp and nbf are checked with leeway, and
// iat (required when needIat) may be up to maxAge old but no more than
// leeway in the future.
func checkJWTTimesAged(claims *jsonValue, now time.Time, leeway, maxAge time.Duration, needIat bool) error {
	exp, err := jwtTime(claims, "exp")
	if err != nil {
		return err
	}
	if exp != nil && now.Sub(*exp) > leeway {
		return reject(stale, "the token has expired")
	}
	nbf, err := jwtTime(claims, "nbf")
	if err != nil {
		return err
	}
	if nbf != nil && nbf.Sub(now) > leeway {
		return reject(stale, "the token is not valid yet")
	}
	iat, err := jwtTime(claims, "iat")
	if err != nil {
		return err
	}
	if iat == nil {
		if needIat {
			return reject(missingSignature, "token claim iat is missing")
		}
		return nil
	}
	switch age := now.Sub(*iat); {
	case age > maxAge:
		return reject(stale, "timestamp is too old")
	case -age > leeway:
		return reject(stale, "timestamp is in the future")
	}
	return nil
}

// jwtClaimString returns the string claim name, or "" and false.
func jwtClaimString(claims *jsonValue, name string) (string, bool) {
	c := claims.Get(name)
	if c == nil || c.Kind != jsonString {
		return "", false
	}
	return c.Text, true
}

// jwtBearer reads Authorization: Bearer <token>.
func jwtBearer(d *Delivery) (string, error) {
	auth, err := headerValue(d.Request.Header, "Authorization")
	if err != nil {
		return "", err
	}
	scheme, token, ok := strings.Cut(auth, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return "", reject(malformedSignature, "Authorization is not a Bearer token")
	}
	return strings.TrimSpace(token), nil
}

// signHS256JWT makes a compact HS256 JWT of claims with key.
func signHS256JWT(key []byte, claims map[string]any) (string, error) {
	payload, err := json.Marshal(claims)
	if err != nil {
		return "", err
	}
	enc := base64.RawURLEncoding
	signing := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc.EncodeToString(payload)
	return signing + "." + enc.EncodeToString(hmacSum(algSHA256, key, []byte(signing))), nil
}

// jwtSigned is the Verified of a delivery whose only signed content is a
// verified compact JWS token: its signing input (header and claims), what
// the key signed, so that one token is one delivery whatever unsigned
// bytes travel with it.
func jwtSigned(token string, key int) Verified {
	return Verified{Signed: []byte(token[:strings.LastIndexByte(token, '.')]), Key: key}
}
