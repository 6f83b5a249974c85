'use strict';
// Reference cases: presets of issue 21 whose provider publishes its
// verifier in neither npm nor Go. Each delivery is signed here the way the
// provider's own published code verifies it (source named in package), and
// only the gate is held to it: accepted and delivered byte for byte, one
// changed byte refused.
const crypto = require('node:crypto');

const hmacHex = (key, data) => crypto.createHmac('sha256', key).update(data).digest('hex');

// mollie/mollie-api-php src/Webhooks/SignatureValidator.php: the
// signature is the hex HMAC-SHA256 of the body, "sha256=" optional, and
// every X-Mollie-Signature value is tried (several during a rotation).
const mollieSecret = 'conformance_mollie_signing_secret';
const mollieBody = JSON.stringify({ resource: 'event', id: 'event_GvJ8WHrp5isUdRub9CJyH', type: 'payment-link.paid', entityId: 'pl_qng5gbbv8NAZ5gpM5ZYgx', createdAt: '2024-12-16T15:57:04.0Z' });

// Payfast/payfast-php-sdk src/Services/Notification.php (pfValidSignature):
// name=urlencode(value)& for every field before signature, as posted and
// untrimmed, then &passphrase=urlencode(passphrase); hex MD5.
const passphrase = 'jt7NOE43FZPn';
function payfastForm(fields) {
  const phpEncode = (v) => encodeURIComponent(v).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');
  const params = fields.map(([k, v]) => `${k}=${phpEncode(v)}`).join('&');
  const sig = crypto.createHash('md5').update(`${params}&passphrase=${phpEncode(passphrase)}`).digest('hex');
  return `${params}&signature=${sig}`;
}

// developer.monday.com integration authorization: an HS256 JWT in
// Authorization, signed with the app's Signing Secret; the page shows a
// token with "aud": "".
const mondaySecret = 'conformance-monday-signing-secret';
function mondayToken(claims) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${head}.${crypto.createHmac('sha256', mondaySecret).update(head).digest('base64url')}`;
}
const mondayTamper = (d) => {
  const [h, p, s] = d.headers.Authorization.split('.');
  const claims = JSON.parse(Buffer.from(p, 'base64url'));
  claims.accountId += 1;
  return { ...d, headers: { ...d.headers, Authorization: `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}` } };
};

module.exports = [
  {
    id: 'mollie',
    preset: 'mollie',
    package: 'ref:mollie/mollie-api-php SignatureValidator',
    mode: 'reference',
    route: () => [`secret ${mollieSecret}`],
    sign: () => ({ headers: { 'Content-Type': 'application/json', 'X-Mollie-Signature': `sha256=${hmacHex(mollieSecret, mollieBody)}` }, body: mollieBody }),
  },
  {
    id: 'mollie-bare-hex',
    preset: 'mollie',
    package: 'ref:mollie/mollie-api-php SignatureValidator',
    mode: 'reference',
    route: () => [`secret ${mollieSecret}`],
    sign: () => ({ headers: { 'Content-Type': 'application/json', 'X-Mollie-Signature': hmacHex(mollieSecret, mollieBody) }, body: mollieBody }),
  },
  {
    // after a rotation: one value per signing secret, the old one first
    id: 'mollie-two-headers',
    preset: 'mollie',
    package: 'ref:mollie/mollie-api-php SignatureValidator',
    mode: 'reference',
    route: () => [`secret ${mollieSecret}`],
    sign: () => ({
      headers: { 'Content-Type': 'application/json', 'X-Mollie-Signature': [`sha256=${hmacHex('previous_mollie_secret', mollieBody)}`, `sha256=${hmacHex(mollieSecret, mollieBody)}`] },
      body: mollieBody,
    }),
  },
  {
    id: 'payfast',
    preset: 'payfast',
    package: 'ref:Payfast/payfast-php-sdk Notification.php',
    mode: 'reference',
    route: () => [`secret ${passphrase}`],
    sign: () => ({
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: payfastForm([['m_payment_id', '01AB'], ['pf_payment_id', '1089250'], ['payment_status', 'COMPLETE'], ['item_name', 'Test Product'], ['amount_gross', '5.00'], ['name_first', 'John'], ['email_address', 'john@example.com'], ['merchant_id', '10000100']]),
    }),
  },
  {
    id: 'payfast-untrimmed',
    preset: 'payfast',
    package: 'ref:Payfast/payfast-php-sdk Notification.php',
    mode: 'reference',
    route: () => [`secret ${passphrase}`],
    sign: () => ({
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: payfastForm([['m_payment_id', '01AB'], ['pf_payment_id', '1089251'], ['payment_status', 'COMPLETE'], ['item_name', ' Test Product '], ['amount_gross', '5.00'], ['name_first', 'John '], ['email_address', 'john@example.com'], ['merchant_id', '10000100']]),
    }),
  },
  {
    id: 'monday',
    preset: 'monday',
    package: 'ref:developer.monday.com integration authorization',
    mode: 'reference',
    route: () => [`secret ${mondaySecret}`],
    sign: (ctx) => {
      const now = Math.floor(Date.now() / 1000);
      return { headers: { 'Content-Type': 'application/json', Authorization: mondayToken({ accountId: 1825528, userId: 4012689, aud: ctx.url, exp: now + 300, iat: now }) }, body: JSON.stringify({ payload: { inboundFieldValues: { itemId: 1 } } }) };
    },
    tamper: mondayTamper,
  },
  {
    id: 'monday-empty-aud',
    preset: 'monday',
    package: 'ref:developer.monday.com integration authorization',
    mode: 'reference',
    route: () => [`secret ${mondaySecret}`],
    sign: () => {
      const now = Math.floor(Date.now() / 1000);
      return { headers: { 'Content-Type': 'application/json', Authorization: mondayToken({ accountId: 1825528, userId: 4012689, aud: '', exp: now + 300, iat: now }) }, body: JSON.stringify({ payload: { inboundFieldValues: { itemId: 2 } } }) };
    },
    tamper: mondayTamper,
  },
];
