'use strict';
// The providers' Go SDKs, through go/sdkverify: mailgun-go,
// code.gitea.io/sdk/gitea, go-buildkite and go-pagerduty (their providers
// publish no npm verifier), and stripe-go, svix-webhooks/go,
// standard-webhooks/libraries/go, paddle-go-sdk, line-bot-sdk-go and
// razorpay-go (their providers' npm packages are exercised too: the Go
// verifier is a second, independent reading of the same scheme).
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
  viaGo('stripe-go', 'stripe', 'github.com/stripe/stripe-go/v82', 'whsec_conformance_test_secret_0123456789',
    () => caddySign({ provider: 'stripe', secret: 'whsec_conformance_test_secret_0123456789', body: JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded', data: { object: { id: 'pi_1', amount: 2000 } } }) })),
  viaGo('svix-go', 'svix', 'github.com/svix/svix-webhooks', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    () => caddySign({ provider: 'svix', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', body: JSON.stringify({ type: 'invoice.paid', data: { id: 'inv_1', amount: 42 } }) })),
  viaGo('standard-webhooks-go', 'standard_webhooks', 'github.com/standard-webhooks/standard-webhooks/libraries', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    () => caddySign({ provider: 'standard_webhooks', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', body: JSON.stringify({ type: 'user.created', timestamp: '2022-11-03T20:26:10.344522Z', data: { id: 'u_1' } }) })),
  viaGo('line-go', 'line', 'github.com/line/line-bot-sdk-go/v8', 'conformancelinechannelsecret0123',
    () => caddySign({ provider: 'line', secret: 'conformancelinechannelsecret0123', body: JSON.stringify({ destination: 'U1', events: [{ type: 'message', message: { type: 'text', id: '1', text: 'こんにちは' }, timestamp: 1462629479859 }] }) })),
  viaGo('razorpay-go', 'razorpay', 'github.com/razorpay/razorpay-go', 'conformance_razorpay_webhook_secret',
    () => caddySign({ provider: 'razorpay', secret: 'conformance_razorpay_webhook_secret', body: JSON.stringify({ entity: 'event', event: 'payment.captured', payload: { payment: { entity: { id: 'pay_1', amount: 100 } } } }) })),
];

// paddle-go-sdk: its secret holds '+' and '/', quoted on the route as the
// npm case quotes it.
const paddleSecret = 'pdl_ntfset_01hs0t3tw21j988db1pam5xg8m_GrOWLNef+vmtjJYq4mSnHNzvc8uWoJ1I';
module.exports.push({
  ...viaGo('paddle-go', 'paddle', 'github.com/PaddleHQ/paddle-go-sdk/v4', paddleSecret,
    () => caddySign({ provider: 'paddle', secret: paddleSecret, body: JSON.stringify({ event_id: 'evt_1', event_type: 'transaction.completed', occurred_at: '2024-03-15T10:32:38.286848Z', notification_id: 'ntf_1', data: { id: 'txn_1' } }) })),
  route: () => [`secret \`${paddleSecret}\``],
});
