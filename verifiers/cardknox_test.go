package verifiers

import (
	"crypto/md5"
	"encoding/hex"
	"strings"
	"testing"
)

// cardknoxDocBody is the Cardknox docs' example body (PROVIDERS.md section 2).
const cardknoxDocBody = "xEnteredDate=9%2f3%2f2021+9%3a28%3a22+AM&xRefNum=506918667&xCommand=CC%3aSale&xAmount=0.01&xResponseResult=Approved&xMaskedCardNumber=4xxxxxxxxxxx1111&xExp=1020&xCardType=Visa&xToken=7h39p8qp6hq2pgqp76mgg2qnq7npp3g5&xSoftwareName=KnockKnox&xSourceKey=Cardknox+Support+Key&xResponseBatch=6358090&xMerchantID=8663&xMerchantName=Cardknox+Support"

const (
	cardknoxPIN    = "TestWebhookPin123456"
	cardknoxDocSig = "f20a7d13933b590f38d454a30e8e2b67" // PROVIDERS.md section 2
	// cardknoxDocSigned is the signed string PROVIDERS.md gives for the docs body.
	cardknoxDocSigned = "0.01VisaCC:Sale9/3/2021 9:28:22 AM10204xxxxxxxxxxx11118663Cardknox Support5069186676358090ApprovedKnockKnoxCardknox Support Key7h39p8qp6hq2pgqp76mgg2qnq7npp3g5"
)

// cardknoxSig is md5(signed + pin) computed with crypto/md5 directly.
func cardknoxSig(signed, pin string) string {
	sum := md5.Sum([]byte(signed + pin))
	return hex.EncodeToString(sum[:])
}

func TestCardknoxSignedString(t *testing.T) {
	tests := []struct {
		name   string
		body   string
		want   string
		reason Reason
	}{
		{"providers.md vector", cardknoxDocBody, cardknoxDocSigned, ""},
		{"sorted by lower-cased name, not ordinally", "xamount=5.00&XRefNum=42&xCardType=Visa", "5.00Visa42", ""},
		{"upper before lower ordinally", "b=2&A=1&c=3", "123", ""},
		{"plus is a space", "a=two+words&b=%2B", "two words+", ""},
		{"repeated name (Cardknox folds case) is ambiguous", "k=2&K=1&a=0", "", ambiguousBody},
		{"repeated exact name is ambiguous", "a=1&a=1", "", ambiguousBody},
		{"empty value contributes nothing", "b=&a=1&c=3", "13", ""},
		{"empty body", "", "", ""},
		{"invalid escape", "a=%2", "", malformedSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cardknoxSignedString([]byte(tt.body))
			checkRejection(t, err, tt.reason)
			if err == nil && string(got) != tt.want {
				t.Fatalf("CardknoxSignedString = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCardknox(t *testing.T) {
	const prevPIN = "PreviousPin0000000001"
	if got := cardknoxSig(cardknoxDocSigned, cardknoxPIN); got != cardknoxDocSig {
		t.Fatalf("reference md5 = %s, want the PROVIDERS.md value %s", got, cardknoxDocSig)
	}
	v := buildPreset(t, "cardknox", Settings{Secrets: secrets(cardknoxPIN, prevPIN)})
	leaks := []string{cardknoxPIN, prevPIN, cardknoxDocSig}
	mixed := "xamount=5.00&XRefNum=42&xCardType=Visa"
	tests := []struct {
		name    string
		body    string
		headers []string
		reason  Reason
	}{
		{"providers.md vector", cardknoxDocBody, []string{"ck-signature", cardknoxDocSig}, ""},
		{"uppercase hex signature", cardknoxDocBody, []string{"ck-signature", strings.ToUpper(cardknoxDocSig)}, ""},
		{"header name case-insensitive", cardknoxDocBody, []string{"CK-Signature", cardknoxDocSig}, ""},
		{"rotation: previous PIN", cardknoxDocBody, []string{"ck-signature", cardknoxSig(cardknoxDocSigned, prevPIN)}, ""},
		{"fields reordered", "xCardType=Visa&xamount=5.00&XRefNum=42", []string{"ck-signature", cardknoxSig("5.00Visa42", cardknoxPIN)}, ""},
		{"lower-cased sort", mixed, []string{"ck-signature", cardknoxSig("5.00Visa42", cardknoxPIN)}, ""},
		{"ordinal sort refused", mixed, []string{"ck-signature", cardknoxSig("42Visa5.00", cardknoxPIN)}, badSignature},
		{"plus decoded before hashing", "a=Cardknox+Support", []string{"ck-signature", cardknoxSig("Cardknox Support", cardknoxPIN)}, ""},
		{"plus kept refused", "a=Cardknox+Support", []string{"ck-signature", cardknoxSig("Cardknox+Support", cardknoxPIN)}, badSignature},
		{"tampered value", strings.Replace(cardknoxDocBody, "xAmount=0.01", "xAmount=1.01", 1), []string{"ck-signature", cardknoxDocSig}, badSignature},
		{"added field", cardknoxDocBody + "&xExtra=1", []string{"ck-signature", cardknoxDocSig}, badSignature},
		{"missing header", cardknoxDocBody, nil, missingSignature},
		{"empty header", cardknoxDocBody, []string{"ck-signature", ""}, missingSignature},
		{"duplicated header", cardknoxDocBody, []string{"ck-signature", cardknoxDocSig, "ck-signature", cardknoxDocSig}, malformedSignature},
		{"bad hex", cardknoxDocBody, []string{"ck-signature", "g" + cardknoxDocSig[1:]}, malformedSignature},
		{"wrong length", cardknoxDocBody, []string{"ck-signature", cardknoxDocSig + "00"}, malformedSignature},
		{"prefixed", cardknoxDocBody, []string{"ck-signature", "md5=" + cardknoxDocSig}, malformedSignature},
		{"invalid form escape", "a=%zz", []string{"ck-signature", cardknoxDocSig}, malformedSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkVerify(t, v, newDelivery(tt.body, tt.headers...), tt.reason, leaks...)
		})
	}
	t.Run("wrong PIN", func(t *testing.T) {
		w := buildPreset(t, "cardknox", Settings{Secrets: secrets("TestWebhookPin654321")})
		checkVerify(t, w, newDelivery(cardknoxDocBody, "ck-signature", cardknoxDocSig), badSignature, leaks...)
	})
}

func TestCardknoxBuild(t *testing.T) {
	p, ok := Lookup("cardknox")
	if !ok {
		t.Fatal("cardknox preset missing")
	}
	tests := []struct {
		name    string
		pins    []string
		wantErr bool
	}{
		{"15 alphanumerics", []string{"abcdefghij12345"}, false},
		{"long", []string{cardknoxPIN}, false},
		{"14 characters", []string{"abcdefghij1234"}, true},
		{"short second PIN", []string{cardknoxPIN, "short"}, true},
		{"punctuation", []string{"TestWebhookPin-123456"}, true},
		{"space", []string{"TestWebhook Pin123456"}, true},
		{"non-ascii letter", []string{"TestWebhookPin12345\u00e4"}, true},
		{"no PIN", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := p.Build(Settings{Secrets: secrets(tt.pins...)})
			if (err != nil) != tt.wantErr {
				t.Fatalf("Build error = %v, wantErr %v", err, tt.wantErr)
			}
			if err != nil {
				assertNoLeak(t, err.Error(), tt.pins...)
			}
		})
	}
}
