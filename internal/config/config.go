// Package config holds the small helpers hookgate's modules share when they
// read their configuration: resolving placeholders once at provision time,
// and reading Caddyfile blocks whose subdirectives each take one value.
package config

import (
	"fmt"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
)

// Resolve replaces the placeholders in a configured value. A value that is
// empty, or whose placeholders are unknown or resolve to nothing, is an
// error: an empty secret would make every signature easy to forge.
func Resolve(repl *caddy.Replacer, value string) (string, error) {
	if value == "" {
		return "", fmt.Errorf("is empty: write the value, or a placeholder such as {env.NAME} or {file./path}")
	}
	v, err := repl.ReplaceOrErr(value, true, true)
	if err != nil {
		return "", fmt.Errorf("%v (placeholders are resolved at startup: set the variable in Caddy's environment, or make the file readable by Caddy)", err)
	}
	if v == "" {
		return "", fmt.Errorf("resolves to an empty value: set it to the provider's value")
	}
	return v, nil
}

// NoRepeats checks that no subdirective of the block the dispenser starts
// with (such as replay's) is given twice: each of them takes one value.
func NoRepeats(d *caddyfile.Dispenser) error {
	d.Next()
	parent := d.Val()
	d.RemainingArgs()
	seen := map[string]int{}
	for nesting := d.Nesting(); d.NextBlock(nesting); {
		name := d.Val()
		if line, dup := seen[name]; dup {
			return d.Errf("%s %s given twice (also on line %d): keep one", parent, name, line)
		}
		seen[name] = d.Line()
		d.RemainingArgs()
	}
	return nil
}

// OneArg reads the single argument of the current subdirective.
func OneArg(d *caddyfile.Dispenser) (string, error) {
	var v string
	if !d.AllArgs(&v) {
		return "", d.ArgErr()
	}
	return v, nil
}

// PositiveDuration parses v, the value of the subdirective what, as a
// positive duration.
func PositiveDuration(d *caddyfile.Dispenser, what, v string) (caddy.Duration, error) {
	dur, err := caddy.ParseDuration(v)
	if err != nil || dur <= 0 {
		return 0, d.Errf("%s %q is not a positive duration such as 1h", what, v)
	}
	return caddy.Duration(dur), nil
}
