'use strict';
// The presets whose provider publishes its verifier in Go: mailgun-go,
// code.gitea.io/sdk/gitea, go-buildkite and go-pagerduty, through
// go/sdkverify.
const { goVerify } = require('../lib/gosdk');
const { caddySign } = require('../lib/sign');

const mailgunKey = 'conformance-mailgun-webhook-signing-key';
const mailgunBody = JSON.stringify({ 'event-data': { event: 'delivered', id: 'CPgfbmQMTCKtHW6uIWtuVe', timestamp: 1521472262.908181, recipient: 'alice@example.com' } });

// Mailgun signs timestamp + token, not event-data: the changed byte is
// in the token.
const mailgunTamper = (d) => {
  const b = JSON.parse(d.body);
  b.signature.token = b.signature.token.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'));
  return { ...d, body: Buffer.from(JSON.stringify(b)) };
};

function viaGo(id, preset, pkg, secret, sign, tamper) {
  return {
    id,
    preset,
    package: `go:${pkg}`,
    mode: 'sdk-verifies',
    route: () => [`secret ${secret}`],
    sign,
    verify: (d, ctx) => goVerify(preset, secret, d, ctx.base + d.path),
    ...(tamper ? { tamper } : {}),
  };
}

module.exports = [
  viaGo('mailgun', 'mailgun', 'github.com/mailgun/mailgun-go/v4', mailgunKey,
    () => caddySign({ provider: 'mailgun', secret: mailgunKey, body: mailgunBody }), mailgunTamper),
  // Mailgun keeps a delivery's first timestamp on its retries (for hours),
  // calls the age check optional and warns against tight ones; mailgun-go
  // checks none: a 20-minute-old signature is genuine
  viaGo('mailgun-old-timestamp', 'mailgun', 'github.com/mailgun/mailgun-go/v4', mailgunKey,
    () => caddySign({ provider: 'mailgun', secret: mailgunKey, body: mailgunBody, time: Math.floor(Date.now() / 1000) - 20 * 60 }), mailgunTamper),
  viaGo('gitea', 'gitea', 'code.gitea.io/sdk/gitea', 'conformance-gitea-secret',
    () => caddySign({ provider: 'gitea', secret: 'conformance-gitea-secret', body: JSON.stringify({ ref: 'refs/heads/main', before: '0', after: '1', repository: { full_name: 'o/r' } }) })),
  viaGo('buildkite', 'buildkite', 'github.com/buildkite/go-buildkite/v4', 'conformance-buildkite-token',
    () => caddySign({ provider: 'buildkite', secret: 'conformance-buildkite-token', body: JSON.stringify({ event: 'build.finished', build: { id: 'b1', state: 'passed' } }) })),
  viaGo('pagerduty', 'pagerduty', 'github.com/PagerDuty/go-pagerduty', 'conformance-pagerduty-secret',
    () => caddySign({ provider: 'pagerduty', secret: 'conformance-pagerduty-secret', body: JSON.stringify({ event: { id: '5ac64822-4adc-4fda-ade0-410becf0de4f', event_type: 'incident.priority_updated', resource_type: 'incident', data: { id: 'PGR0VU2' } } }) })),
];
