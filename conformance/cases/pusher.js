'use strict';
// pusher's own signer: its Token's sign(body) (X-Pusher-Signature: hex
// HMAC-SHA256 of the body, key = the app secret; X-Pusher-Key: the app
// key), checked by pusher.webhook({ headers, rawBody }).isValid().
const Pusher = require('pusher');

const appKey = '278d425bdf160c739803';
const appSecret = 'conformance-pusher-app-secret';
const pusher = new Pusher({ appId: '1', key: appKey, secret: appSecret, cluster: 'mt1' });

module.exports = [
  {
    id: 'pusher',
    preset: 'pusher',
    package: 'npm:pusher',
    mode: 'sdk-signs',
    route: () => [`secret ${appSecret}`],
    sign: () => {
      const body = JSON.stringify({ time_ms: Date.now(), events: [{ name: 'channel_occupied', channel: 'test_channel' }] });
      const headers = { 'Content-Type': 'application/json', 'X-Pusher-Key': appKey, 'X-Pusher-Signature': pusher.config.token.sign(body) };
      const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
      if (!pusher.webhook({ headers: lower, rawBody: body }).isValid()) throw new Error('pusher refuses its own signature');
      return { headers, body };
    },
  },
];
