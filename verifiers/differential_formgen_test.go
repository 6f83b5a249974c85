package verifiers_test

import (
	"fmt"
	"net/url"
	"strings"
)

// formVariants rewrites a urlencoded base body (pairs joined by '&') at
// each named field.
func formVariants(base string, names []string) []variant {
	pairs := strings.Split(base, "&")
	var out []variant
	add := func(name string, ps []string) { out = append(out, variant{name, []byte(strings.Join(ps, "&"))}) }
	add("as signed", pairs)
	find := func(name string) int {
		for i, p := range pairs {
			n, _, _ := strings.Cut(p, "=")
			if u, err := url.QueryUnescape(n); err == nil && u == name {
				return i
			}
		}
		return -1
	}
	for _, name := range names {
		i := find(name)
		if i < 0 {
			continue
		}
		rawName, rawValue, _ := strings.Cut(pairs[i], "=")
		with := func(label string, fn func(ps []string) []string) {
			ps := append([]string(nil), pairs...)
			add(label+" "+name, fn(ps))
		}
		set := func(label, pair string) { with(label, func(ps []string) []string { ps[i] = pair; return ps }) }
		after := func(label, pair string) { with(label, func(ps []string) []string { return append(ps, pair) }) }
		before := func(label, pair string) {
			with(label, func(ps []string) []string { return append([]string{pair}, ps...) })
		}
		// Repeated fields.
		for _, v := range []string{rawValue, "other", ""} {
			after(fmt.Sprintf("repeated after =%q", v), rawName+"="+v)
			before(fmt.Sprintf("repeated before =%q", v), rawName+"="+v)
		}
		after("repeated bare", rawName)
		// Other spellings of the name: alone, and added with another value.
		spellings := []string{
			strings.ToUpper(name), strings.ToUpper(name[:1]) + name[1:], pctAll(name), pctFirst(name),
			"+" + name, "%20" + name, name + "+", name + "[]", name + "[x]", name + "[", name + "%00",
			strings.NewReplacer(".", "_").Replace(name), strings.NewReplacer(".", "[").Replace(name),
			strings.NewReplacer(".", "+").Replace(name), "\xef\xbb\xbf" + name,
		}
		if strings.ContainsAny(name, "sk") {
			spellings = append(spellings, url.QueryEscape(strings.NewReplacer("s", "\u017f", "k", "\u212a").Replace(name)))
		}
		for si, s := range spellings {
			set(fmt.Sprintf("name spelled %d %q", si, s), s+"="+rawValue)
			after(fmt.Sprintf("name spelled %d %q added after", si, s), s+"=other")
			before(fmt.Sprintf("name spelled %d %q added before", si, s), s+"=other")
		}
		// Other spellings of the value.
		for vi, v := range []string{
			pctAll(mustUnescape(rawValue)), strings.ReplaceAll(rawValue, "+", "%20"), "%41", "a+b", "a%20b", "a%2Bb",
			"%zz", "%", "%4", "%FF", "%C3%A9", "\xff", "%C0%AF", "%ED%A0%80", "%00", "a%26b", "a=b", "a;b",
			rawValue + "%0A", " " + rawValue, "%EF%BB%BF" + rawValue,
		} {
			set(fmt.Sprintf("value %d %q", vi, v), rawName+"="+v)
		}
		// Separators around the field.
		if i > 0 {
			with("';' before", func(ps []string) []string {
				ps[i-1] += ";" + ps[i]
				return append(ps[:i], ps[i+1:]...)
			})
		}
		with("';' repeat", func(ps []string) []string { ps[i] += ";" + rawName + "=other"; return ps })
	}
	add("';' everywhere", []string{strings.Join(pairs, ";")})
	add("empty pairs", append(append([]string{"", ""}, pairs...), "", ""))
	add("BOM", append([]string{"\xef\xbb\xbf" + pairs[0]}, pairs[1:]...))
	add("trailing newline", append(append([]string(nil), pairs[:len(pairs)-1]...), pairs[len(pairs)-1]+"\r\n"))
	return out
}

func pctAll(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, "%%%02X", s[i])
	}
	return b.String()
}

func pctFirst(s string) string { return fmt.Sprintf("%%%02X", s[0]) + s[1:] }

func mustUnescape(s string) string {
	u, err := url.QueryUnescape(s)
	if err != nil {
		return s
	}
	return u
}
