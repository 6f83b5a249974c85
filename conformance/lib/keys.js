'use strict';
// Test key pairs, made once per run with node's crypto, in the forms the
// providers publish their keys in.
const crypto = require('node:crypto');

function ed25519() {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return {
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }),
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }),
    publicRawBase64: raw.toString('base64'),
    publicHex: raw.toString('hex'),
  };
}

function p256() {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }),
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }),
    publicDerBase64: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}

function rsa() {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }),
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }),
    publicKey,
    privateKey,
  };
}

module.exports = { ed25519, p256, rsa };
