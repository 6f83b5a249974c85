package verifiers_test

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hookgate/hookgate/verifiers"
)

// A variant is one adversarial rewrite of a signed body.
type variant struct {
	name string
	body []byte
}

// jnode is a JSON document as the generator writes it: scalars as raw
// literal text, object keys as raw quoted text, so that a variant can
// spell anything (escapes, duplicates, invalid bytes).
type jnode struct {
	raw   string // scalar literal, when !obj && !arr
	obj   bool
	arr   bool
	mem   []jmember
	elems []*jnode
}

type jmember struct {
	key string // raw, quoted
	val *jnode
}

func quoted(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// jtree converts the strict reader's tree into a jnode.
func jtree(v *verifiers.JSONValue) *jnode {
	switch v.Kind {
	case verifiers.JSONNull:
		return &jnode{raw: "null"}
	case verifiers.JSONString:
		return &jnode{raw: quoted(v.Text)}
	case verifiers.JSONArray:
		n := &jnode{arr: true}
		for _, e := range v.Elems {
			n.elems = append(n.elems, jtree(e))
		}
		return n
	case verifiers.JSONObject:
		n := &jnode{obj: true}
		for _, m := range v.Members {
			n.mem = append(n.mem, jmember{quoted(m.Key), jtree(m.Value)})
		}
		return n
	}
	return &jnode{raw: v.Text}
}

func (n *jnode) clone() *jnode {
	c := *n
	c.mem = make([]jmember, len(n.mem))
	for i, m := range n.mem {
		c.mem[i] = jmember{m.key, m.val.clone()}
	}
	c.elems = make([]*jnode, len(n.elems))
	for i, e := range n.elems {
		c.elems[i] = e.clone()
	}
	return &c
}

func (n *jnode) render(b *strings.Builder) {
	switch {
	case n.obj:
		b.WriteByte('{')
		for i, m := range n.mem {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(m.key)
			b.WriteByte(':')
			m.val.render(b)
		}
		b.WriteByte('}')
	case n.arr:
		b.WriteByte('[')
		for i, e := range n.elems {
			if i > 0 {
				b.WriteByte(',')
			}
			e.render(b)
		}
		b.WriteByte(']')
	default:
		b.WriteString(n.raw)
	}
}

func (n *jnode) bytes() []byte {
	var b strings.Builder
	n.render(&b)
	return []byte(b.String())
}

// at returns the node at path (object keys matched by their decoded
// text, array indexes), creating missing objects when create is set.
func (n *jnode) at(path []string, create bool) *jnode {
	for _, step := range path {
		if n.arr {
			var i int
			if _, err := fmt.Sscan(step, &i); err != nil || i >= len(n.elems) {
				return nil
			}
			n = n.elems[i]
			continue
		}
		if !n.obj {
			return nil
		}
		i := n.index(step)
		if i < 0 {
			if !create {
				return nil
			}
			n.mem = append(n.mem, jmember{quoted(step), &jnode{obj: true}})
			i = len(n.mem) - 1
		}
		if create && !n.mem[i].val.obj && !n.mem[i].val.arr {
			n.mem[i].val = &jnode{obj: true}
		}
		n = n.mem[i].val
	}
	return n
}

func (n *jnode) index(key string) int {
	for i, m := range n.mem {
		if m.key == quoted(key) {
			return i
		}
	}
	return -1
}

// jsonValueLiterals replace the value the gate reads.
var jsonValueLiterals = []string{
	`100`, `1e2`, `1E2`, `100.0`, `1.0`, `-0`, `0`, `-0.0`, `0.1`, `-1`,
	`12345678901234567890`, `9007199254740993`, `9007199254740991`, `1e400`,
	`"\ud800"`, `"\udc00x"`, `"\ud83d\ude00"`, `"a\u0000b"`, `"caf\u00e9"`, "\"caf\u00e9\"",
	"\"\xff\"", "\"\xc3\"", "\"\xed\xa0\x80\"", `"\/id"`, `" evt_123 "`, `"EVT_123"`,
	`true`, `false`, `null`, `{}`, `[]`, `{"id":"inner"}`, `["evt_123"]`,
}

// keySpellings are other spellings of key: the same key escaped, and
// keys some reader may take for it.
func keySpellings(key string) (same, other []string) {
	esc := fmt.Sprintf(`"\u%04x%s`, key[0], quoted(key)[2:])
	all := ""
	for _, r := range key {
		all += fmt.Sprintf(`\u%04x`, r)
	}
	same = []string{esc, `"` + all + `"`}
	other = []string{quoted(strings.ToUpper(key)), quoted(strings.ToUpper(key[:1]) + key[1:]),
		quoted(key + " "), quoted(" " + key), `"\u0000` + quoted(key)[1:], quoted(key + "\u200b")}
	if strings.ContainsAny(key, "sk") { // folds to ſ (U+017F) and K (U+212A)
		other = append(other, quoted(strings.NewReplacer("s", "\u017f", "k", "\u212a").Replace(key)))
	}
	return same, other
}

// jsonVariants rewrites base at each of the paths the gate reads.
func jsonVariants(base *jnode, paths [][]string) []variant {
	var out []variant
	add := func(name string, n *jnode) { out = append(out, variant{name, n.bytes()}) }
	raw := base.bytes()
	out = append(out, variant{"as signed", raw})
	for _, path := range paths {
		p := strings.Join(path, ".")
		for depth := 1; depth <= len(path); depth++ {
			parent, key := path[:depth-1], path[depth-1]
			if c := base.at(parent, false); c == nil || !c.obj || c.index(key) < 0 {
				continue
			}
			lvl := fmt.Sprintf("%s@%s", p, strings.Join(path[:depth], "."))
			edit := func(name string, fn func(obj *jnode, i int)) {
				n := base.clone()
				obj := n.at(parent, false)
				fn(obj, obj.index(key))
				add(name+" "+lvl, n)
			}
			dupVal := []*jnode{{raw: `"dup_value"`}, {raw: `1`}, {obj: true, mem: []jmember{{quoted("id"), &jnode{raw: `"nested_dup"`}}}}}
			for vi, dv := range dupVal {
				edit(fmt.Sprintf("duplicate before (%d)", vi), func(o *jnode, i int) {
					o.mem = append([]jmember{{o.mem[i].key, dv}}, o.mem...)
				})
				edit(fmt.Sprintf("duplicate after (%d)", vi), func(o *jnode, i int) {
					o.mem = append(o.mem, jmember{o.mem[i].key, dv})
				})
			}
			edit("duplicate with the same value", func(o *jnode, i int) {
				o.mem = append(o.mem, jmember{o.mem[i].key, o.mem[i].val.clone()})
			})
			if o := base.at(parent, false); o.mem[o.index(key)].val.obj {
				edit("nested object twice, leaf changed", func(o *jnode, i int) {
					c := o.mem[i].val.clone()
					for j := range c.mem {
						c.mem[j].val = &jnode{raw: `"second_copy"`}
					}
					o.mem = append(o.mem, jmember{o.mem[i].key, c})
				})
			}
			same, other := keySpellings(key)
			for si, s := range append(same, other...) {
				edit(fmt.Sprintf("key spelled %d", si), func(o *jnode, i int) { o.mem[i].key = s })
				edit(fmt.Sprintf("key spelled %d added after", si), func(o *jnode, i int) {
					o.mem = append(o.mem, jmember{s, &jnode{raw: `"spelled_value"`}})
				})
				edit(fmt.Sprintf("key spelled %d added before", si), func(o *jnode, i int) {
					o.mem = append([]jmember{{s, &jnode{raw: `"spelled_value"`}}}, o.mem...)
				})
			}
		}
		if base.at(path, false) == nil {
			continue
		}
		for li, lit := range jsonValueLiterals {
			n := base.clone()
			*n.at(path, false) = jnode{raw: lit, obj: strings.HasPrefix(lit, "{"), arr: strings.HasPrefix(lit, "[")}
			if lit[0] == '{' || lit[0] == '[' {
				v, err := verifiers.ParseJSON([]byte(lit))
				if err != nil {
					panic(err)
				}
				*n.at(path, false) = *jtree(v)
			}
			add(fmt.Sprintf("value %d %s at %s", li, lit, p), n)
		}
	}
	// Whole-body rewrites.
	for _, w := range []struct{ name, pre, post string }{
		{"BOM", "\xef\xbb\xbf", ""}, {"UTF-16 BOM", "\xfe\xff", ""},
		{"leading whitespace", " \t\r\n", ""}, {"trailing whitespace", "", " \n\t\r"},
		{"trailing NUL", "", "\x00"}, {"trailing object", "", "{}"}, {"trailing garbage", "", "x"},
		{"trailing comma", "", ","}, {"trailing comment", "", "/**/"}, {"second document", "", "\n" + string(raw)},
		{"non-breaking space", "\u00a0", ""}, {"form feed", "\f", ""},
	} {
		out = append(out, variant{w.name, []byte(w.pre + string(raw) + w.post)})
	}
	if base.obj {
		for _, extra := range []struct{ name, key, val string }{
			{"extra -0", "zz", "-0"}, {"extra big integer", "zz", "123456789012345678901234567890"},
			{"extra 1e400", "zz", "1e400"}, {"extra NaN", "zz", "NaN"}, {"extra Infinity", "zz", "-Infinity"},
			{"extra lone surrogate", "zz", `"\udfff"`}, {"extra invalid UTF-8", "zz", "\"\xc0\xaf\""},
			{"extra __proto__", "__proto__", `{"id":"proto"}`}, {"extra NUL key", "\x00", `1`},
			{"extra empty key", "", `1`}, {"extra single quotes", "zz", `'x'`},
			{"extra deep nesting", "zz", strings.Repeat("[", 70) + strings.Repeat("]", 70)},
			{"extra nesting at the limit", "zz", strings.Repeat("[", 63) + strings.Repeat("]", 63)},
		} {
			n := base.clone()
			k := quoted(extra.key)
			if extra.key == "\x00" {
				k = `"\u0000"`
			}
			n.mem = append(n.mem, jmember{k, &jnode{raw: extra.val}})
			add(extra.name, n)
		}
		pretty := strings.NewReplacer(`":`, "\" :\n\t", `,"`, ",\r\n \"").Replace(string(raw))
		out = append(out, variant{"whitespace between tokens", []byte(pretty)})
	}
	return out
}
