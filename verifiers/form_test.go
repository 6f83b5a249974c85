package verifiers

import (
	"slices"
	"testing"
)

func TestParseForm(t *testing.T) {
	tests := []struct {
		name   string
		body   string
		want   []formField
		reason Reason
	}{
		{"empty", "", []formField{}, ""},
		{"simple", "a=1&b=2", []formField{{"a", "1"}, {"b", "2"}}, ""},
		{"plus is space", "n=Cardknox+Support", []formField{{"n", "Cardknox Support"}}, ""},
		{"escapes", "d=9%2f3%2F2021&c=CC%3aSale", []formField{{"d", "9/3/2021"}, {"c", "CC:Sale"}}, ""},
		{"escaped plus", "p=%2B1415", []formField{{"p", "+1415"}}, ""},
		{"escaped name", "x%5B0%5D=v", []formField{{"x[0]", "v"}}, ""},
		{"latin-1 escape kept as one byte", "city=M%FCnchen", []formField{{"city", "M\xfcnchen"}}, ""},
		{"raw latin-1 byte kept", "name=J\xe4rvinen", []formField{{"name", "J\xe4rvinen"}}, ""},
		{"empty pairs skipped", "&&a=1&&b=2&", []formField{{"a", "1"}, {"b", "2"}}, ""},
		{"no equals sign", "flag&a=1", []formField{{"flag", ""}, {"a", "1"}}, ""},
		{"empty value", "a=&b=", []formField{{"a", ""}, {"b", ""}}, ""},
		{"equals in value", "a=b=c", []formField{{"a", "b=c"}}, ""},
		{"raw semicolon refused (Go's net/url drops the pair)", "a=1;b=2", nil, ambiguousBody},
		{"escaped semicolon is data", "a=1%3Bb=2", []formField{{"a", "1;b=2"}}, ""},
		{"byte order mark refused (Express drops it)", "\xef\xbb\xbfa=1", nil, ambiguousBody},
		{"duplicates kept in order", "a=1&b=x&a=2", []formField{{"a", "1"}, {"b", "x"}, {"a", "2"}}, ""},
		{"invalid escape", "a=%zz", nil, malformedSignature},
		{"truncated escape", "a=1&b=%4", nil, malformedSignature},
		{"lone percent in name", "%=1", nil, malformedSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseForm([]byte(tt.body))
			checkRejection(t, err, tt.reason)
			if err == nil && !slices.Equal(got, tt.want) {
				t.Fatalf("ParseForm(%q) = %q, want %q", tt.body, got, tt.want)
			}
		})
	}
}

func TestSetFormFields(t *testing.T) {
	tests := []struct {
		name string
		body string
		set  map[string]string
		want string
	}{
		{"replace in place", "a=1&key=old&b=2", map[string]string{"key": "new"}, "a=1&key=new&b=2"},
		{"append missing sorted", "a=1", map[string]string{"portalid": "7", "key": "k"}, "a=1&key=k&portalid=7"},
		{"empty body", "", map[string]string{"key": "k"}, "key=k"},
		{"other fields keep raw bytes", "name=J\xe4rvinen&city=M%FCnchen&key=x", map[string]string{"key": "k"}, "name=J\xe4rvinen&city=M%FCnchen&key=k"},
		{"duplicates collapse", "key=1&a=b&key=2", map[string]string{"key": "k"}, "key=k&a=b"},
		{"value escaped", "a=1", map[string]string{"note": "a b&c=d"}, "a=1&note=a+b%26c%3Dd"},
		{"escaped name matched", "k%65y=old", map[string]string{"key": "new"}, "key=new"},
		{"empty pairs dropped", "a=1&&b=2&", map[string]string{}, "a=1&b=2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(setFormFields([]byte(tt.body), tt.set))
			if got != tt.want {
				t.Fatalf("setFormFields = %q, want %q", got, tt.want)
			}
			fields, err := parseForm([]byte(got))
			if err != nil {
				t.Fatal(err)
			}
			for name, v := range tt.set {
				n := 0
				for _, f := range fields {
					if f.Name == name {
						n++
						if f.Value != v {
							t.Fatalf("field %s = %q, want %q", name, f.Value, v)
						}
					}
				}
				if n != 1 {
					t.Fatalf("field %s appears %d times", name, n)
				}
			}
		})
	}
}
