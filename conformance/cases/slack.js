'use strict';
// @slack/bolt's own verifier: isValidSlackRequest (v0 HMAC-SHA256 over
// "v0:<timestamp>:<body>", 5 minutes).
const { isValidSlackRequest } = require('@slack/bolt');
const { caddySign } = require('../lib/sign');

const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const body = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';

const verify = (nowMilliseconds) => (d) => isValidSlackRequest({
  signingSecret: secret,
  body: d.body.toString(),
  headers: {
    'x-slack-signature': d.headers['X-Slack-Signature'],
    'x-slack-request-timestamp': Number(d.headers['X-Slack-Request-Timestamp']),
  },
  nowMilliseconds: nowMilliseconds === undefined ? Date.now() : nowMilliseconds,
});

module.exports = [
  {
    id: 'slack',
    preset: 'slack',
    package: 'npm:@slack/bolt',
    mode: 'sdk-verifies',
    route: () => [`secret ${secret}`],
    sign: () => caddySign({ provider: 'slack', secret, body }),
    verify: verify(),
  },
  {
    // Slack's documented example (docs.slack.dev verifying requests), the
    // vector of Slack's SDK tests: signed at 1531420618
    id: 'slack-vector',
    preset: 'slack',
    package: 'npm:@slack/bolt',
    mode: 'sdk-verifies',
    vectors: true,
    route: () => [`secret ${secret}`, 'tolerance 87600h'],
    sign: () => ({
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Slack-Request-Timestamp': '1531420618',
        'X-Slack-Signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
      },
      body,
    }),
    verify: verify(1531420618 * 1000),
  },
];
