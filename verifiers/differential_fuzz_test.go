package verifiers

import (
	"net/url"
	"slices"
	"strings"
	"testing"
)

// FuzzStrictFormAgainstParseQuery: whatever the strict form reader
// (parseForm, then lookupForm) accepts, Go's net/url reads the same way:
// url.ParseQuery, its error ignored as r.FormValue ignores it, holds
// exactly the strict reader's value for every wanted field that is
// present (under every name that equals it, or equals it but for case
// with foldedNames), and nothing for an absent one. (FuzzParseJSON does
// the same for parseJSON and encoding/json; TestDifferentialParsers
// compares both readers with Python, Node and PHP.)
func FuzzStrictFormAgainstParseQuery(f *testing.F) {
	for _, seed := range []string{
		"txid=1&key=2", "txid=1&txid=2", "TXID=1", "txid=1;txid=2", "txid=1&x=a;b", "%74xid=1", "txid=%41+b%20c",
		"txid=%zz", "txid=%FF", "data.id=1&data_id=2", "data[id]=1", "+txid=1", "txid[]=1", "token=1&Token=2",
		"txid%00=2&txid=1", "\xef\xbb\xbftxid=1", "&&txid=&", "txid", "=1", "txid=a=b",
	} {
		f.Add([]byte(seed), false)
		f.Add([]byte(seed), true)
	}
	names := []string{"txid", "key", "data.id", "token"}
	f.Fuzz(func(t *testing.T, body []byte, folded bool) {
		fields, err := parseForm(body)
		if err != nil {
			return
		}
		reading := exactNames
		if folded {
			reading = foldedNames
		}
		values, present, err := lookupForm(fields, reading, names...)
		if err != nil {
			return
		}
		q, _ := url.ParseQuery(string(body))
		for i, name := range names {
			var got []string
			for n, vs := range q {
				if n == name || folded && strings.EqualFold(n, name) {
					got = append(got, vs...)
				}
			}
			var want []string
			if present[i] {
				want = []string{values[i]}
			}
			if !slices.Equal(got, want) {
				t.Fatalf("body %q: net/url reads %s as %q; the strict reader as %q", body, name, got, want)
			}
		}
	})
}
