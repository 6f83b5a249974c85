'use strict';
// sns-validator, AWS's own aws/aws-js-sns-message-validator: the
// string-to-sign and RSA signature check (SignatureVersion 2) are the
// package's. The one stand-in is the certificate download: the message's
// SigningCertURL (an sns.<region>.amazonaws.com URL) is answered, through
// https.get, with the test key's PEM, as the gate's route is pinned to it
// with public_key. Every other URL fails.
const https = require('node:https');
const { EventEmitter } = require('node:events');
const { PassThrough } = require('node:stream');
const MessageValidator = require('sns-validator');
const { caddySign } = require('../lib/sign');
const keys = require('../lib/keys').rsa();

const topic = 'arn:aws:sns:us-east-1:123456789012:conformance';
const body = JSON.stringify({ order: 'o1', state: 'paid' });

function withCertificate(url, pem, run) {
  const get = https.get;
  https.get = (u, cb) => {
    const req = new EventEmitter();
    const res = new PassThrough();
    res.statusCode = String(u) === url ? 200 : 404;
    process.nextTick(() => { cb(res); res.end(res.statusCode === 200 ? pem : ''); });
    return req;
  };
  return run().finally(() => { https.get = get; });
}

module.exports = [
  {
    id: 'aws-sns',
    preset: 'aws_sns',
    package: 'npm:sns-validator',
    mode: 'sdk-verifies',
    route: () => [`public_key \`${keys.publicPem}\``, `topic_arn ${topic}`],
    sign: () => caddySign({ provider: 'aws_sns', secret: keys.privatePem, body, options: { topic_arn: topic } }),
    verify: (d) => {
      const message = JSON.parse(d.body);
      return withCertificate(message.SigningCertURL, keys.publicPem, () => new Promise((resolve, reject) => {
        new MessageValidator().validate(message, (err) => (err ? reject(err) : resolve(true)));
      }));
    },
    // the notification's Message, inside the signed envelope
    tamper: (d) => ({ ...d, body: Buffer.from(d.body.toString().replace('paid', 'paie')) }),
  },
];
