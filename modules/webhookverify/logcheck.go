package webhookverify

import (
	"slices"
	"strings"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap/zapcore"

	"github.com/hookgate/hookgate/modules/redactlog"
)

// Refusing to start with a log that would write the secret.
//
// Caddy writes a request's headers, as received, in its access logs
// (every request, when the server logs them), in reverse_proxy's DEBUG
// "upstream roundtrip" line (the headers sent upstream) and in its error
// log (at DEBUG once the gate answers its own errors, answer.go). A route
// whose headers carry the secret or a signature therefore starts only when
// every log that would take one of those lines writes it through the
// webhook_redact encoder; otherwise Provision fails, naming the route, the
// log and the line to add. Caddy provisions the logs before the apps, so
// they are all known here.

// headerLogger is one of Caddy's loggers that writes request headers, and
// the levels at which it does.
type headerLogger struct {
	name   string
	levels []zapcore.Level
	what   string
}

// headerLoggers are the loggers that would write this server's requests'
// headers.
func headerLoggers(srv *caddyhttp.Server) []headerLogger {
	all := []zapcore.Level{zapcore.DebugLevel, zapcore.InfoLevel, zapcore.WarnLevel, zapcore.ErrorLevel}
	var out []headerLogger
	if srv != nil && srv.Logs != nil {
		// The names Caddy logs a request under (ServerLogConfig's
		// getLoggerHosts): its host's names, or the default name for a
		// host with none, unless such hosts are skipped.
		var names []string
		if !srv.Logs.SkipUnmappedHosts {
			names = append(names, srv.Logs.DefaultLoggerName)
		}
		for _, ns := range srv.Logs.LoggerNames {
			names = append(names, ns...)
		}
		slices.Sort(names)
		for _, n := range slices.Compact(names) {
			if n == "" {
				out = append(out, headerLogger{"http.log.access", all, "the server's access log"})
			} else {
				out = append(out, headerLogger{"http.log.access." + n, all, "the access log " + n})
			}
		}
	}
	if srv != nil && srv.Logs != nil && srv.Logs.Trace {
		// each handler's configuration, this one's secrets included
		out = append(out, headerLogger{"http.log.trace", []zapcore.Level{zapcore.DebugLevel}, "the trace log"})
	}
	return append(out,
		headerLogger{"http.handlers.reverse_proxy", []zapcore.Level{zapcore.DebugLevel}, "reverse_proxy's debug log (upstream roundtrip)"},
		headerLogger{"http.log.error", []zapcore.Level{zapcore.DebugLevel}, "the error log at DEBUG"},
	)
}

// loggerModule stands for a logger name when asking Caddy's logging for
// the cores that would take it.
type loggerModule string

func (m loggerModule) CaddyModule() caddy.ModuleInfo {
	return caddy.ModuleInfo{ID: caddy.ModuleID(m), New: func() caddy.Module { return m }}
}

// checkLogs fails when a log of the running configuration would write a
// header of this route that carries the secret or a signature without
// the webhook_redact encoder.
func (h *Handler) checkLogs(ctx caddy.Context) error {
	srv, _ := ctx.Value(caddyhttp.ServerCtxKey).(*caddyhttp.Server)
	if srv == nil {
		// Not provisioned by Caddy's http app (a handler built directly,
		// as in unit tests): no server of Caddy's logs this route.
		return nil
	}
	for _, hl := range headerLoggers(srv) {
		if len(h.secretHeaders) == 0 && hl.name != "http.log.trace" {
			continue // signed in the body, which Caddy does not log
		}
		for _, core := range redactlog.Cores(ctx.Logger(loggerModule(hl.name)).Core()) {
			if !writes(core, hl.name, hl.levels) || redactlog.Redacts(core) {
				continue
			}
			return h.errorf("%s (the log that takes %q) would write this route's secret or signature as received "+
				"(in its %s headers, or its configuration): add the line `format webhook_redact` to that log "+
				"(in JSON, \"encoder\": {\"format\": \"webhook_redact\"}, with the log's own encoder in \"wrap\"); "+
				"with no log block in the Caddyfile, add one to the global options: `log { format webhook_redact }` (one line each) (docs/operations.md)",
				hl.what, hl.name, strings.Join(h.secretHeaders, ", "))
		}
	}
	return nil
}

// writes reports whether core would write an entry of logger name at any
// of levels.
func writes(core zapcore.Core, name string, levels []zapcore.Level) bool {
	for _, l := range levels {
		if core.Check(zapcore.Entry{LoggerName: name, Level: l}, nil) != nil {
			return true
		}
	}
	return false
}
