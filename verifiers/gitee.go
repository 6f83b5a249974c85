package verifiers

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strconv"
	"time"
)

func init() {
	register(Preset{
		// Gitee: X-Gitee-Token = base64 HMAC-SHA256(secret, X-Gitee-Timestamp + "\n" + secret), the
		// timestamp in ms within an hour (mode sign, default); or the WebHook password itself (mode password).
		Name: "gitee", Options: []string{"mode"}, Tolerance: time.Hour,
		New: newGitee, Signer: signGitee,
		Doc: PresetDoc{
			Signature:     "`X-Gitee-Token: <base64>` + `X-Gitee-Timestamp: <unix ms>` (mode `sign`, default); `X-Gitee-Token: <password>` (mode `password`)",
			Algorithm:     "HMAC-SHA256, key = the WebHook secret; or the password as it is",
			Signed:        "`timestamp\\nsecret`: the body is **not** covered",
			ToleranceNote: "sign mode; Gitee's stated limit",
			Identity:      "hash of the body",
			Vectors:       "computed (help.gitee.com/webhook/how-to-verify-webhook-keys)",
			Source:        "help.gitee.com/webhook/how-to-verify-webhook-keys",
			Note: "Gitee's signature covers only the timestamp and the secret: it proves the sender knows the secret " +
				"within the hour, not that the body is unchanged; the app should fetch what it acts on from Gitee's API.",
		},
	})
}

// gitee verifies X-Gitee-Token. Neither mode covers the body.
type gitee struct {
	secrets   [][]byte
	tokens    tokenSet // mode password
	password  bool
	tolerance time.Duration
}

func newGitee(s Settings) (Verifier, error) {
	if len(s.Secrets) == 0 {
		return nil, fmt.Errorf("no secret configured")
	}
	v := &gitee{secrets: s.Secrets, tolerance: s.Tolerance}
	switch s.Options["mode"] {
	case "", "sign":
	case "password":
		v.password, v.tokens = true, newTokenSet(s.Secrets)
	default:
		return nil, fmt.Errorf("gitee: mode %q is not sign or password", s.Options["mode"])
	}
	return v, nil
}

// giteeSign is base64 HMAC-SHA256(secret, ts + "\n" + secret).
func giteeSign(secret []byte, ts string) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(ts + "\n"))
	m.Write(secret)
	return []byte(base64.StdEncoding.EncodeToString(m.Sum(nil)))
}

func (v *gitee) Verify(d *Delivery) (Verified, error) {
	token, err := headerValue(d.Request.Header, "X-Gitee-Token")
	if err != nil {
		return Verified{}, err
	}
	if v.password {
		key, ok := v.tokens.index([]byte(token))
		if !ok {
			return Verified{}, errBadSignature
		}
		return bodySigned(d.Body, key), nil
	}
	ts, err := headerValue(d.Request.Header, "X-Gitee-Timestamp")
	if err != nil {
		return Verified{}, err
	}
	t, err := parseTimestamp(ts, unixMillis)
	if err != nil {
		return Verified{}, err
	}
	if err := checkFresh(t, d.Now, v.tolerance); err != nil {
		return Verified{}, err
	}
	// Every secret is tried (no early exit), as the engine does.
	key, ok := 0, false
	for i, s := range v.secrets {
		if hmac.Equal(giteeSign(s, ts), []byte(token)) && !ok {
			key, ok = i, true
		}
	}
	if !ok {
		return Verified{}, errBadSignature
	}
	return bodySigned(d.Body, key), nil
}

func signGitee(s Settings, m *Message) error {
	if s.Options["mode"] == "password" {
		m.Header.Set("X-Gitee-Token", string(firstSecret(s)))
		return nil
	}
	ts := strconv.FormatInt(m.Now.UnixMilli(), 10)
	m.Header.Set("X-Gitee-Timestamp", ts)
	m.Header.Set("X-Gitee-Token", string(giteeSign(firstSecret(s), ts)))
	return nil
}

// Interface guard
var _ Verifier = (*gitee)(nil)
