package verifiers

import "fmt"

// Telegram Bot API (declared below; core.telegram.org/bots/api
// setWebhook): when the bot's webhook is set with secret_token, every
// update carries it verbatim in X-Telegram-Bot-Api-Secret-Token. Nothing
// is signed: the token proves the sender knows it, not that the body is
// unchanged.

func init() {
	register(Preset{
		// Telegram Bot API: X-Telegram-Bot-Api-Secret-Token = the setWebhook secret_token verbatim; body unsigned.
		Name: "telegram", New: newTelegram, Signer: signHeaderToken(telegramHeader),
		Sample: []byte(`{"update_id":10000,"message":{"message_id":1,"date":1700000000,"chat":{"id":1,"type":"private"},"text":"/start"}}`),
		Doc: PresetDoc{
			Source:    "core.telegram.org/bots/api#setwebhook",
			Signature: "`X-Telegram-Bot-Api-Secret-Token: <secret_token>`",
			Algorithm: "none: the setWebhook `secret_token` itself, compared in constant time",
			Signed:    "nothing (the body is not signed)",
			Identity:  "hash of the body",
			Vectors:   "computed (testdata/vectors/presets-a.jsonl), from core.telegram.org/bots/api#setwebhook",
			Note: "Telegram: the token proves the sender knows it, not that the body is unchanged. A secret that is not a valid `secret_token` " +
				"(1 to 256 of `A-Z a-z 0-9 _ -`) is refused at provision time. No source ranges are shipped (set `allow_ip` yourself to restrict them).",
		},
	})
}

// telegramHeader carries the webhook's secret_token.
const telegramHeader = "X-Telegram-Bot-Api-Secret-Token"

// telegramMaxToken is the longest secret_token setWebhook accepts.
const telegramMaxToken = 256

// newTelegram builds the token check. A secret Telegram would not accept
// as a secret_token (1 to 256 of A-Z, a-z, 0-9, _ and -) is a
// configuration error: no update could ever carry it.
func newTelegram(s Settings) (Verifier, error) {
	for i, token := range s.Secrets {
		if !telegramTokenValid(token) {
			return nil, fmt.Errorf("provider telegram: secret #%d is not a valid secret_token (1 to %d characters of A-Z, a-z, 0-9, _ and -)", i+1, telegramMaxToken)
		}
	}
	return newHeaderToken(telegramHeader, s.Secrets)
}

// telegramTokenValid reports whether t is a secret_token setWebhook accepts.
func telegramTokenValid(t []byte) bool {
	if len(t) == 0 || len(t) > telegramMaxToken {
		return false
	}
	for _, c := range t {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}
