package redactlog

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
	"github.com/caddyserver/caddy/v2/modules/logging"
	"go.uber.org/zap/buffer"
	"go.uber.org/zap/zapcore"
	"golang.org/x/term"
)

func init() {
	caddy.RegisterModule(RedactEncoder{})
}

// RedactEncoder is the log encoder `webhook_redact`: it wraps another
// encoder and keeps webhook secrets and signatures out of what it writes.
// Every field named after a header that carries a preset's signature or
// secret (X-Hub-Signature-256, Stripe-Signature, X-Kkiapay-Secret,
// X-Gitlab-Token, Verif-Hash, Authorization, ... and a route's own hmac
// header) is written as ["REDACTED"], at any depth: request>headers in the
// access and error logs, reverse_proxy's upstream request. Every configured
// secret is cut out of every string. Use it on every log:
//
//	{
//		log {
//			format webhook_redact
//		}
//	}
//	example.com {
//		log {
//			format webhook_redact {
//				wrap console
//			}
//		}
//	}
//
// It composes with `filter` either way round.
type RedactEncoder struct {
	// WrappedRaw is the encoder that writes the lines. Default: json, or
	// console when writing to a terminal (as Caddy's own default).
	WrappedRaw json.RawMessage `json:"wrap,omitempty" caddy:"namespace=caddy.logging.encoders inline_key=format"`

	zapcore.Encoder `json:"-"`

	ctx              caddy.Context
	wrappedIsDefault bool
}

// CaddyModule returns the Caddy module information.
func (RedactEncoder) CaddyModule() caddy.ModuleInfo {
	return caddy.ModuleInfo{
		ID:  "caddy.logging.encoders.webhook_redact",
		New: func() caddy.Module { return new(RedactEncoder) },
	}
}

// Provision sets up the wrapped encoder.
func (e *RedactEncoder) Provision(ctx caddy.Context) error {
	e.ctx = ctx
	if e.WrappedRaw == nil {
		e.wrappedIsDefault = true
		if err := e.setWrapped(&logging.JSONEncoder{}); err != nil {
			return err
		}
	} else {
		mod, err := ctx.LoadModule(e, "WrappedRaw")
		if err != nil {
			return fmt.Errorf("webhook_redact: loading wrapped encoder: %v", err)
		}
		e.Encoder = mod.(zapcore.Encoder)
	}
	return nil
}

func (e *RedactEncoder) setWrapped(enc zapcore.Encoder) error {
	if p, ok := enc.(caddy.Provisioner); ok {
		if err := p.Provision(e.ctx); err != nil {
			return fmt.Errorf("webhook_redact: provisioning wrapped encoder: %v", err)
		}
	}
	e.Encoder = enc
	return nil
}

// ConfigureDefaultFormat picks console when no encoder is wrapped and the
// log goes to a terminal, as Caddy does for its own default.
func (e *RedactEncoder) ConfigureDefaultFormat(wo caddy.WriterOpener) error {
	if !e.wrappedIsDefault {
		if cfd, ok := e.Encoder.(caddy.ConfiguresFormatterDefault); ok {
			return cfd.ConfigureDefaultFormat(wo)
		}
		return nil
	}
	if caddy.IsWriterStandardStream(wo) && term.IsTerminal(int(os.Stderr.Fd())) {
		return e.setWrapped(&logging.ConsoleEncoder{})
	}
	return nil
}

// UnmarshalCaddyfile sets up the encoder from Caddyfile tokens:
//
//	webhook_redact {
//		wrap <encoder> [<encoder options>]
//	}
func (e *RedactEncoder) UnmarshalCaddyfile(d *caddyfile.Dispenser) error {
	d.Next() // encoder name
	if d.NextArg() {
		return d.ArgErr()
	}
	for d.NextBlock(0) {
		if d.Val() != "wrap" {
			return d.Errf("unknown webhook_redact option %q (only wrap)", d.Val())
		}
		if !d.NextArg() {
			return d.ArgErr()
		}
		name := d.Val()
		unm, err := caddyfile.UnmarshalModule(d, "caddy.logging.encoders."+name)
		if err != nil {
			return err
		}
		enc, ok := unm.(zapcore.Encoder)
		if !ok {
			return d.Errf("module %s is not a log encoder", name)
		}
		e.WrappedRaw = caddyconfig.JSONModuleObject(enc, "format", name, nil)
	}
	return nil
}

// Clone is part of zapcore.Encoder.
func (e RedactEncoder) Clone() zapcore.Encoder {
	e.Encoder = e.Encoder.Clone()
	return e
}

// EncodeEntry is part of zapcore.Encoder: the fields go through the
// redacting methods before the wrapped encoder writes the line.
func (e RedactEncoder) EncodeEntry(ent zapcore.Entry, fields []zapcore.Field) (*buffer.Buffer, error) {
	c := e.Encoder.Clone()
	o := redactingObject{c, currentRedaction()}
	for _, f := range fields {
		f.AddTo(o)
	}
	ent.Message = o.rules.scrub(ent.Message)
	return c.EncodeEntry(ent, nil)
}

// The methods of zapcore.ObjectEncoder that can carry text go through
// redactingObject; numbers, booleans and times pass through.

func (e RedactEncoder) obj() redactingObject { return redactingObject{e.Encoder, currentRedaction()} }

// AddArray is part of zapcore.ObjectEncoder.
func (e RedactEncoder) AddArray(k string, m zapcore.ArrayMarshaler) error {
	return e.obj().AddArray(k, m)
}

// AddObject is part of zapcore.ObjectEncoder.
func (e RedactEncoder) AddObject(k string, m zapcore.ObjectMarshaler) error {
	return e.obj().AddObject(k, m)
}

// AddBinary is part of zapcore.ObjectEncoder.
func (e RedactEncoder) AddBinary(k string, v []byte) { e.obj().AddBinary(k, v) }

// AddByteString is part of zapcore.ObjectEncoder.
func (e RedactEncoder) AddByteString(k string, v []byte) { e.obj().AddByteString(k, v) }

// AddString is part of zapcore.ObjectEncoder.
func (e RedactEncoder) AddString(k, v string) { e.obj().AddString(k, v) }

// AddReflected is part of zapcore.ObjectEncoder.
func (e RedactEncoder) AddReflected(k string, v any) error { return e.obj().AddReflected(k, v) }

// redactingObject is an ObjectEncoder that redacts what passes through it
// and wraps every nested object and array the same way.
type redactingObject struct {
	zapcore.ObjectEncoder
	rules *redaction
}

var redactedArray = zapcore.ArrayMarshalerFunc(func(enc zapcore.ArrayEncoder) error {
	enc.AppendString(Redacted)
	return nil
})

func (o redactingObject) AddArray(k string, m zapcore.ArrayMarshaler) error {
	if o.rules.header(k) {
		return o.ObjectEncoder.AddArray(k, redactedArray)
	}
	return o.ObjectEncoder.AddArray(k, redactingArrayMarshaler{m, o.rules})
}

func (o redactingObject) AddObject(k string, m zapcore.ObjectMarshaler) error {
	if o.rules.header(k) {
		return o.ObjectEncoder.AddArray(k, redactedArray)
	}
	return o.ObjectEncoder.AddObject(k, redactingObjectMarshaler{m, o.rules})
}

func (o redactingObject) AddBinary(k string, v []byte) {
	if o.rules.header(k) {
		o.ObjectEncoder.AddString(k, Redacted)
		return
	}
	o.ObjectEncoder.AddBinary(k, v)
}

func (o redactingObject) AddByteString(k string, v []byte) { o.AddString(k, string(v)) }

func (o redactingObject) AddString(k, v string) {
	seeProbe(k, v)
	if o.rules.header(k) {
		v = Redacted
	}
	o.ObjectEncoder.AddString(k, o.rules.scrub(v))
}

func (o redactingObject) AddReflected(k string, v any) error {
	if o.rules.header(k) {
		return o.ObjectEncoder.AddArray(k, redactedArray)
	}
	switch v := v.(type) {
	case string:
		o.AddString(k, v)
		return nil
	case http.Header:
		return o.AddReflected(k, map[string][]string(v))
	case map[string][]string:
		clean := make(map[string][]string, len(v))
		for name, vals := range v {
			if o.rules.header(name) {
				clean[name] = []string{Redacted}
				continue
			}
			for _, val := range vals {
				clean[name] = append(clean[name], o.rules.scrub(val))
			}
		}
		return o.ObjectEncoder.AddReflected(k, clean)
	}
	// Anything else (a module's configuration in Caddy's trace log, say)
	// is written as its JSON with the configured secrets cut out.
	if b, err := json.Marshal(v); err == nil {
		if s := o.rules.scrubJSON(string(b)); s != string(b) {
			return o.ObjectEncoder.AddReflected(k, json.RawMessage(s))
		}
	}
	return o.ObjectEncoder.AddReflected(k, v)
}

// redactingObjectMarshaler marshals a nested object through redactingObject.
type redactingObjectMarshaler struct {
	m     zapcore.ObjectMarshaler
	rules *redaction
}

func (w redactingObjectMarshaler) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	return w.m.MarshalLogObject(redactingObject{enc, w.rules})
}

// redactingArrayMarshaler marshals an array through redactingArray.
type redactingArrayMarshaler struct {
	m     zapcore.ArrayMarshaler
	rules *redaction
}

func (w redactingArrayMarshaler) MarshalLogArray(enc zapcore.ArrayEncoder) error {
	return w.m.MarshalLogArray(redactingArray{enc, w.rules})
}

// redactingArray scrubs secrets from the strings of an array and wraps its
// nested objects and arrays.
type redactingArray struct {
	zapcore.ArrayEncoder
	rules *redaction
}

func (a redactingArray) AppendString(v string)     { a.ArrayEncoder.AppendString(a.rules.scrub(v)) }
func (a redactingArray) AppendByteString(v []byte) { a.AppendString(string(v)) }

func (a redactingArray) AppendObject(m zapcore.ObjectMarshaler) error {
	return a.ArrayEncoder.AppendObject(redactingObjectMarshaler{m, a.rules})
}

func (a redactingArray) AppendArray(m zapcore.ArrayMarshaler) error {
	return a.ArrayEncoder.AppendArray(redactingArrayMarshaler{m, a.rules})
}

func (a redactingArray) AppendReflected(v any) error {
	if s, ok := v.(string); ok {
		a.AppendString(s)
		return nil
	}
	return a.ArrayEncoder.AppendReflected(v)
}

// Interface guards
var (
	_ zapcore.Encoder                  = (*RedactEncoder)(nil)
	_ caddy.Provisioner                = (*RedactEncoder)(nil)
	_ caddyfile.Unmarshaler            = (*RedactEncoder)(nil)
	_ caddy.ConfiguresFormatterDefault = (*RedactEncoder)(nil)
	_ zapcore.ObjectEncoder            = redactingObject{}
	_ zapcore.ArrayEncoder             = redactingArray{}
)
