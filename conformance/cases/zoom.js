'use strict';
// @zoom/rivet's own verifier, through its AwsLambdaReceiver: x-zm-signature
// v0=<hex HMAC-SHA256 of "v0:<x-zm-request-timestamp>:<JSON.stringify of
// the parsed body>">; the receiver answers 200 when it verified the event.
const { AwsLambdaReceiver } = require('@zoom/rivet/meetings');
const { caddySign } = require('../lib/sign');

const secret = 'conformanceZoomSecretToken01';
const body = JSON.stringify({ event: 'meeting.started', event_ts: 1700000000000, payload: { account_id: 'a1', object: { id: '123', topic: 'Standup' } } });

module.exports = [
  {
    id: 'zoom',
    preset: 'zoom',
    package: 'npm:@zoom/rivet',
    mode: 'sdk-verifies',
    route: () => [`secret ${secret}`],
    sign: () => caddySign({ provider: 'zoom', secret, body }),
    verify: async (d) => {
      const handler = new AwsLambdaReceiver({ webhooksSecretToken: secret }).start();
      const debug = console.debug; // the receiver logs every event at debug
      console.debug = () => {};
      try {
        const r = await handler({ body: d.body.toString(), headers: d.headers, isBase64Encoded: false }, {});
        return r.statusCode === 200;
      } finally {
        console.debug = debug;
      }
    },
  },
];
