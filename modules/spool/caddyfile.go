package spool

import (
	"strconv"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
	"github.com/hookgate/hookgate/internal/config"
)

// UnmarshalCaddyfile reads the spool block (d is on "spool"):
//
//	spool {
//		store      file [<dir>] | nats <url>
//		stream     <name>
//		retry_for  <duration>
//		max_pending <n>
//		ack_status <code>
//		ack_body   <text>
//		key        <secret>
//		concurrency <n>
//		attempt_timeout <duration>
//	}
//
// d is on the word spool; the block is read from a copy, and d is left at
// its end.
func (c *Config) UnmarshalCaddyfile(d *caddyfile.Dispenser) error {
	block := d.NewFromNextSegment()
	if err := config.NoRepeats(block); err != nil {
		return err
	}
	block.Reset()
	block.Next()
	if len(block.RemainingArgs()) > 0 {
		return block.Errf("spool takes no arguments, only a block: spool { store file <dir> }")
	}
	s := c
	for nesting := block.Nesting(); block.NextBlock(nesting); {
		name := block.Val()
		switch name {
		case "store":
			args := block.RemainingArgs()
			switch {
			case len(args) >= 1 && len(args) <= 2 && args[0] == spoolStoreFile:
				s.Store = spoolStoreFile
				if len(args) == 2 {
					s.Dir = args[1]
				}
			case len(args) == 2 && args[0] == spoolStoreNATS:
				s.Store, s.URL = spoolStoreNATS, args[1]
			default:
				return block.Errf("spool store takes file [<dir>] or nats <url>")
			}
		case "stream":
			v, err := config.OneArg(block)
			if err != nil {
				return err
			}
			if !spoolStreamName.MatchString(v) {
				return block.Errf("spool stream %q: use letters, digits, '-' and '_'", v)
			}
			s.Stream = v
		case "retry_for":
			v, err := config.OneArg(block)
			if err != nil {
				return err
			}
			dur, err := caddy.ParseDuration(v)
			if err != nil || dur <= 0 {
				return block.Errf("spool retry_for %q is not a positive duration such as 72h", v)
			}
			s.RetryFor = caddy.Duration(dur)
		case "max_pending":
			v, err := config.OneArg(block)
			if err != nil {
				return err
			}
			n, err := strconv.Atoi(v)
			if err != nil || n <= 0 {
				return block.Errf("spool max_pending %q is not a positive number", v)
			}
			s.MaxPending = n
		case "ack_status":
			v, err := config.OneArg(block)
			if err != nil {
				return err
			}
			n, err := strconv.Atoi(v)
			if err != nil || n < 200 || n > 299 {
				return block.Errf("spool ack_status %q is not a 2xx status", v)
			}
			s.AckStatus = n
		case "ack_body":
			v, err := config.OneArg(block)
			if err != nil {
				return err
			}
			s.AckBody = v
		case "key":
			v, err := config.OneArg(block)
			if err != nil {
				return err
			}
			s.Key = v
		case "concurrency":
			v, err := config.OneArg(block)
			if err != nil {
				return err
			}
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > maxSpoolConcurrency {
				return block.Errf("spool concurrency %q is not a number from 1 to %d", v, maxSpoolConcurrency)
			}
			s.Concurrency = n
		case "attempt_timeout":
			v, err := config.OneArg(block)
			if err != nil {
				return err
			}
			dur, err := caddy.ParseDuration(v)
			if err != nil || dur <= 0 {
				return block.Errf("spool attempt_timeout %q is not a positive duration such as 30s", v)
			}
			s.AttemptTimeout = caddy.Duration(dur)
		default:
			return block.Errf("unknown spool subdirective %q (it takes store, stream, retry_for, max_pending, ack_status, ack_body, key, concurrency, attempt_timeout)", name)
		}
	}
	return nil
}

var _ caddyfile.Unmarshaler = (*Config)(nil)
