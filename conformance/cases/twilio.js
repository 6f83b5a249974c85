'use strict';
// twilio-node's own signing: getExpectedTwilioSignature(authToken, url,
// params, algorithm), and getExpectedBodyHash for JSON bodies (Twilio
// adds ?bodySHA256=<hex> to the URL it signs).
const twilio = require('twilio/lib/webhooks/webhooks');

const token = '12345abcdeconformancetoken67890f';
const params = { AccountSid: 'AC123', CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
const form = new URLSearchParams(params).toString();
const json = JSON.stringify({ type: 'com.twilio.messaging.inbound-message.received', data: { body: 'hello' } });

function formCase(id, { pinned = false, algorithm } = {}) {
  return {
    id,
    preset: 'twilio',
    package: 'npm:twilio',
    mode: 'sdk-signs',
    route: (base) => [`secret ${token}`, ...(pinned ? [`url ${base}/c/${id}`] : [])],
    sign: (ctx) => {
      const headers = {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': twilio.getExpectedTwilioSignature(token, ctx.url, params, algorithm),
      };
      if (algorithm) headers['X-Twilio-Webhooks-Signature-Settings'] = `key=webhooks_sharedkey_conformance,algorithm=${algorithm}`;
      return { headers, body: form };
    },
  };
}

function jsonCase(id, { pinned = false } = {}) {
  return {
    id,
    preset: 'twilio',
    package: 'npm:twilio',
    mode: 'sdk-signs',
    route: (base) => [`secret ${token}`, ...(pinned ? [`url ${base}/c/${id}`] : [])],
    sign: (ctx) => {
      const url = `${ctx.url}?bodySHA256=${twilio.getExpectedBodyHash(json)}`;
      return {
        url,
        headers: { 'Content-Type': 'application/json', 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(token, url, {}) },
        body: json,
      };
    },
  };
}

// a webhook configured as GET: the parameters are in the signed URL's
// query, there is no body; the changed byte is in the query
function getCase(id, { pinned = false } = {}) {
  return {
    id,
    preset: 'twilio',
    package: 'npm:twilio',
    mode: 'sdk-signs',
    route: (base) => [`secret ${token}`, ...(pinned ? [`url ${base}/c/${id}`] : [])],
    sign: (ctx) => {
      const url = `${ctx.url}?${form}`;
      return { method: 'GET', url, headers: { 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(token, url, {}) }, body: '' };
    },
    tamper: (d) => ({ ...d, path: d.path.replace('Digits=1234', 'Digits=1235') }),
  };
}

module.exports = [
  formCase('twilio-form'),
  formCase('twilio-form-url', { pinned: true }),
  jsonCase('twilio-json'),
  jsonCase('twilio-json-url', { pinned: true }),
  getCase('twilio-get'),
  getCase('twilio-get-url', { pinned: true }),
  formCase('twilio-sharedkey-sha256', { algorithm: 'HMAC_SHA256' }),
];

// Twilio's published vector for twilio-node's validateRequest
// (TwilioDevEd/api-snippets security/signature_validation/
// signature_validation.2.x.js, also twilio-python's
// test_request_validator): token 12345, this URL and these parameters
module.exports.push({
  id: 'twilio-vector',
  preset: 'twilio',
  package: 'npm:twilio',
  mode: 'sdk-verifies',
  vectors: true,
  routePath: '/myapp.php',
  route: () => ['secret 12345', 'url https://mycompany.com/myapp.php?foo=1&bar=2'],
  sign: () => ({
    path: '/myapp.php?foo=1&bar=2',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' },
    body: 'CallSid=CA1234567890ABCDE&Digits=1234&From=%2B14158675309&To=%2B18005551212&Caller=%2B14158675309',
  }),
  verify: (d) => twilio.validateRequest('12345', d.headers['X-Twilio-Signature'], 'https://mycompany.com/myapp.php?foo=1&bar=2', Object.fromEntries(new URLSearchParams(d.body.toString()))),
});
