'use strict';
// viber-bot's own verifier: MessageValidator.validateMessage
// (X-Viber-Content-Signature: hex HMAC-SHA256 of the body with the bot's
// auth token).
const MessageValidator = require('viber-bot/lib/message/message-validator');
const { caddySign } = require('../lib/sign');

const token = '445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const body = JSON.stringify({ event: 'message', timestamp: 1457764197627, message_token: 4912661846655238145, sender: { id: '01234567890A=', name: 'John' }, message: { type: 'text', text: 'a message' } });

module.exports = [
  {
    id: 'viber',
    preset: 'viber',
    package: 'npm:viber-bot',
    mode: 'sdk-verifies',
    route: () => [`secret ${token}`],
    sign: () => caddySign({ provider: 'viber', secret: token, body }),
    verify: (d) => new MessageValidator(quiet, token).validateMessage(d.headers['X-Viber-Content-Signature'], d.body.toString()),
  },
];
