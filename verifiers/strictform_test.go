package verifiers

import (
	"net/url"
	"slices"
	"testing"
)

func TestFormLookup(t *testing.T) {
	names := []string{"key", "portalid", "tx_id"}
	tests := []struct {
		name    string
		body    string
		reading formReading
		want    []string
		present []bool
		reason  Reason
	}{
		{"all present", "tx_id=1&key=k&portalid=p", exactNames, []string{"k", "p", "1"}, []bool{true, true, true}, ""},
		{"some missing", "key=k&other=x", exactNames, []string{"k", "", ""}, []bool{true, false, false}, ""},
		{"exact names ignore case variants", "KEY=k&Key=k2&portalid=p", exactNames, []string{"", "p", ""}, []bool{false, true, false}, ""},
		{"folded names match case variants", "KEY=k&portalid=p", foldedNames, []string{"k", "p", ""}, []bool{true, true, false}, ""},
		{"folded names: two cases are a duplicate", "key=a&KEY=b", foldedNames, nil, nil, ambiguousBody},
		{"duplicate wanted field", "key=a&portalid=p&key=b", exactNames, nil, nil, ambiguousBody},
		{"duplicate same value", "key=a&key=a", exactNames, nil, nil, ambiguousBody},
		{"empty duplicate", "key=&key=a", exactNames, nil, nil, ambiguousBody},
		{"duplicate other field is fine", "x=1&x=2&key=k", exactNames, []string{"k", "", ""}, []bool{true, false, false}, ""},
		{"php array of a wanted name", "key=a&key[]=b", exactNames, nil, nil, ambiguousBody},
		{"php array alone", "key[x]=b", exactNames, nil, nil, ambiguousBody},
		{"php dot reads as underscore", "tx.id=1", exactNames, nil, nil, ambiguousBody},
		{"php space reads as underscore", "tx+id=1", exactNames, nil, nil, ambiguousBody},
		{"php leading space dropped", "+key=1", exactNames, nil, nil, ambiguousBody},
		{"raw semicolon anywhere (Go's net/url drops the pair)", "key=a&x=1;portalid=p", exactNames, nil, nil, ambiguousBody},
		{"semicolon in a wanted field", "key=a;portalid=p", exactNames, nil, nil, ambiguousBody},
		{"NUL in a name: PHP cuts the name there", "key=a&key%00x=b", exactNames, nil, nil, ambiguousBody},
		{"escaped semicolon in a wanted field", "key=a%3Bb", exactNames, nil, nil, ambiguousBody},
		{"escaped name is the name", "%6Bey=k", exactNames, []string{"k", "", ""}, []bool{true, false, false}, ""},
		{"invalid UTF-8 value", "key=%FF", exactNames, nil, nil, ambiguousBody},
		{"invalid UTF-8 elsewhere is fine", "x=%FF&key=k", exactNames, []string{"k", "", ""}, []bool{true, false, false}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fields, err := parseForm([]byte(tt.body))
			if err != nil {
				checkRejection(t, err, tt.reason)
				return
			}
			got, present, err := lookupForm(fields, tt.reading, names...)
			checkRejection(t, err, tt.reason)
			if err != nil {
				return
			}
			if !slices.Equal(got, tt.want) || !slices.Equal(present, tt.present) {
				t.Fatalf("LookupForm = %q %v, want %q %v", got, present, tt.want, tt.present)
			}
		})
	}
}

func TestParseFormStrictEscapes(t *testing.T) {
	for _, body := range []string{"a=%", "a=%4", "a=%G1", "%zz=1"} {
		if _, err := parseForm([]byte(body)); ReasonOf(err) != malformedSignature {
			t.Errorf("ParseForm(%q) = %v, want malformed_signature", body, err)
		}
	}
}

func TestPHPFormName(t *testing.T) {
	tests := map[string]string{
		"key": "key", "a.b": "a_b", "a b": "a_b", " a": "a", "a[b]": "a", "a[]": "a",
		"a[b": "a_b",
	}
	for in, want := range tests {
		if got := phpFormName(in); got != want {
			t.Errorf("phpFormName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFormUnambiguous(t *testing.T) {
	tests := []struct {
		body    string
		reading formReading
		reason  Reason
	}{
		{"a=1&b=2", foldedNames, ""},
		{"a=1&A=2", foldedNames, ambiguousBody},
		{"a=1&A=2", exactNames, ""},
		{"a=1&a=1", exactNames, ambiguousBody},
		{"a_b=1&a.b=2", exactNames, ambiguousBody},
		{"xRefNum=&xRefNum=5", foldedNames, ambiguousBody},
	}
	for _, tt := range tests {
		fields, _ := parseForm([]byte(tt.body))
		err := formUnambiguous(fields, tt.reading)
		if (tt.reason == "") != (err == nil) || err != nil && ReasonOf(err) != tt.reason {
			t.Errorf("formUnambiguous(%q) = %v, want %q", tt.body, err, tt.reason)
		}
	}
}

// FuzzFormLookup: whatever lookupForm accepts, Go's net/url reads each
// wanted field present exactly once with the same value, and no other
// field is one PHP files under a wanted name.
func FuzzFormLookup(f *testing.F) {
	for _, seed := range []string{"txid=1&txaction=paid", "txid=1&txid=2", "tx.id=1", "txid[]=1", "TXID=1&txid=2", "txid=%41;txid=2", "+txid=1", "txid=%FF"} {
		f.Add(seed)
	}
	wanted := []string{"txid", "txaction", "tx_id"}
	f.Fuzz(func(t *testing.T, body string) {
		fields, err := parseForm([]byte(body))
		if err != nil {
			return
		}
		values, present, err := lookupForm(fields, exactNames, wanted...)
		if err != nil {
			if ReasonOf(err) != ambiguousBody {
				t.Fatalf("refusal %v is not ambiguous_body", err)
			}
			return
		}
		q, _ := url.ParseQuery(body) // an error names pairs it dropped; the rest is read
		for i, name := range wanted {
			if !present[i] {
				continue
			}
			if len(q[name]) != 1 || q[name][0] != values[i] {
				t.Fatalf("net/url reads %s as %q, LookupForm as %q", name, q[name], values[i])
			}
		}
		for _, fl := range fields {
			php := phpFormName(fl.Name)
			for i, name := range wanted {
				if php == phpFormName(name) && fl.Name != name && present[i] {
					t.Fatalf("field %q is %s to PHP beside the accepted one", fl.Name, name)
				}
			}
		}
	})
}
