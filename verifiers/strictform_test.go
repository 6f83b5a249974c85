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
		reading FormReading
		want    []string
		present []bool
		reason  Reason
	}{
		{"all present", "tx_id=1&key=k&portalid=p", ExactNames, []string{"k", "p", "1"}, []bool{true, true, true}, ""},
		{"some missing", "key=k&other=x", ExactNames, []string{"k", "", ""}, []bool{true, false, false}, ""},
		{"exact names ignore case variants", "KEY=k&Key=k2&portalid=p", ExactNames, []string{"", "p", ""}, []bool{false, true, false}, ""},
		{"folded names match case variants", "KEY=k&portalid=p", FoldedNames, []string{"k", "p", ""}, []bool{true, true, false}, ""},
		{"folded names: two cases are a duplicate", "key=a&KEY=b", FoldedNames, nil, nil, AmbiguousBody},
		{"duplicate wanted field", "key=a&portalid=p&key=b", ExactNames, nil, nil, AmbiguousBody},
		{"duplicate same value", "key=a&key=a", ExactNames, nil, nil, AmbiguousBody},
		{"empty duplicate", "key=&key=a", ExactNames, nil, nil, AmbiguousBody},
		{"duplicate other field is fine", "x=1&x=2&key=k", ExactNames, []string{"k", "", ""}, []bool{true, false, false}, ""},
		{"php array of a wanted name", "key=a&key[]=b", ExactNames, nil, nil, AmbiguousBody},
		{"php array alone", "key[x]=b", ExactNames, nil, nil, AmbiguousBody},
		{"php dot reads as underscore", "tx.id=1", ExactNames, nil, nil, AmbiguousBody},
		{"php space reads as underscore", "tx+id=1", ExactNames, nil, nil, AmbiguousBody},
		{"php leading space dropped", "+key=1", ExactNames, nil, nil, AmbiguousBody},
		{"raw semicolon anywhere (Go's net/url drops the pair)", "key=a&x=1;portalid=p", ExactNames, nil, nil, AmbiguousBody},
		{"semicolon in a wanted field", "key=a;portalid=p", ExactNames, nil, nil, AmbiguousBody},
		{"NUL in a name: PHP cuts the name there", "key=a&key%00x=b", ExactNames, nil, nil, AmbiguousBody},
		{"escaped semicolon in a wanted field", "key=a%3Bb", ExactNames, nil, nil, AmbiguousBody},
		{"escaped name is the name", "%6Bey=k", ExactNames, []string{"k", "", ""}, []bool{true, false, false}, ""},
		{"invalid UTF-8 value", "key=%FF", ExactNames, nil, nil, AmbiguousBody},
		{"invalid UTF-8 elsewhere is fine", "x=%FF&key=k", ExactNames, []string{"k", "", ""}, []bool{true, false, false}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fields, err := ParseForm([]byte(tt.body))
			if err != nil {
				checkRejection(t, err, tt.reason)
				return
			}
			got, present, err := LookupForm(fields, tt.reading, names...)
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
		if _, err := ParseForm([]byte(body)); ReasonOf(err) != MalformedSignature {
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
		reading FormReading
		reason  Reason
	}{
		{"a=1&b=2", FoldedNames, ""},
		{"a=1&A=2", FoldedNames, AmbiguousBody},
		{"a=1&A=2", ExactNames, ""},
		{"a=1&a=1", ExactNames, AmbiguousBody},
		{"a_b=1&a.b=2", ExactNames, AmbiguousBody},
		{"xRefNum=&xRefNum=5", FoldedNames, AmbiguousBody},
	}
	for _, tt := range tests {
		fields, _ := ParseForm([]byte(tt.body))
		err := formUnambiguous(fields, tt.reading)
		if (tt.reason == "") != (err == nil) || err != nil && ReasonOf(err) != tt.reason {
			t.Errorf("formUnambiguous(%q) = %v, want %q", tt.body, err, tt.reason)
		}
	}
}

// FuzzFormLookup: whatever LookupForm accepts, Go's net/url reads each
// wanted field present exactly once with the same value, and no other
// field is one PHP files under a wanted name.
func FuzzFormLookup(f *testing.F) {
	for _, seed := range []string{"txid=1&txaction=paid", "txid=1&txid=2", "tx.id=1", "txid[]=1", "TXID=1&txid=2", "txid=%41;txid=2", "+txid=1", "txid=%FF"} {
		f.Add(seed)
	}
	wanted := []string{"txid", "txaction", "tx_id"}
	f.Fuzz(func(t *testing.T, body string) {
		fields, err := ParseForm([]byte(body))
		if err != nil {
			return
		}
		values, present, err := LookupForm(fields, ExactNames, wanted...)
		if err != nil {
			if ReasonOf(err) != AmbiguousBody {
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
