'use strict';
// connect-sdk-nodejs' (Worldline Connect) own verifier:
// webhooks.v1.init(secretKeyStore).unmarshal(body, headers) (X-GCS-Signature: base64
// HMAC-SHA256 of the body, key = the secret webhooks key looked up by
// X-GCS-KeyId).
const connectSdk = require('connect-sdk-nodejs');
const { caddySign } = require('../lib/sign');

const keyId = 'conformance-key-id';
const secret = 'conformance-worldline-secret-webhooks-key';
const vectorKeyId = 'dummy-key-id';
const vectorSecret = 'hello+world';
connectSdk.webhooks.inMemorySecretKeyStore.storeSecretKey(keyId, secret);
connectSdk.webhooks.inMemorySecretKeyStore.storeSecretKey(vectorKeyId, vectorSecret);
const helper = connectSdk.webhooks.v1.init(connectSdk.webhooks.inMemorySecretKeyStore);

const body = JSON.stringify({ apiVersion: 'v1', id: '8ee793f6-4553-4749-85dc-f2ef095c5ab1', created: '2017-02-02T11:24:14.040+0100', merchantId: '20000', type: 'payment.paid', payment: { id: '00000200000143570012', status: 'PAID' } });

// Worldline's published test vector (the Connect SDKs' webhooks helper
// tests: secret hello+world, key ID dummy-key-id, tests/resources/
// webhooks/valid-body; connect-sdk-python3 test_web_hooks_helper.py)
const vectorBody = '{\n  "apiVersion": "v1",\n  "id": "8ee793f6-4553-4749-85dc-f2ef095c5ab0",\n  "created": "2017-02-02T11:24:14.040+0100",\n  "merchantId": "20000",\n  "type": "payment.paid",\n  "payment": {\n    "id": "00000200000143570012",\n    "paymentOutput": {\n      "amountOfMoney": {\n        "amount": 1000,\n        "currencyCode": "EUR"\n      },\n      "references": {\n        "paymentReference": "200001681810"\n      },\n      "paymentMethod": "bankTransfer",\n      "bankTransferPaymentMethodSpecificOutput": {\n        "paymentProductId": 11\n      }\n    },\n    "status": "PAID",\n    "statusOutput": {\n      "isCancellable": false,\n      "statusCategory": "COMPLETED",\n      "statusCode": 1000,\n      "statusCodeChangeDateTime": "20170202112414",\n      "isAuthorized": true\n    }\n  }\n}';
const vector = {
  headers: { 'Content-Type': 'application/json', 'X-GCS-Signature': '2S7doBj/GnJnacIjSJzr5fxGM5xmfQyFAwxv1I53ZEk=', 'X-GCS-KeyId': vectorKeyId },
  body: vectorBody,
};

const unmarshal = async (d, id) => {
  const event = await helper.unmarshal(d.body, d.headers);
  return event.id === id;
};

module.exports = [
  {
    id: 'worldline',
    preset: 'worldline',
    package: 'npm:connect-sdk-nodejs',
    mode: 'sdk-verifies',
    route: () => [`secret ${secret}`],
    sign: () => caddySign({ provider: 'worldline', secret, body, headers: [`X-GCS-KeyId: ${keyId}`] }),
    verify: (d) => unmarshal(d, '8ee793f6-4553-4749-85dc-f2ef095c5ab1'),
  },
  {
    id: 'worldline-vector',
    preset: 'worldline',
    package: 'npm:connect-sdk-nodejs',
    mode: 'sdk-verifies',
    vectors: true,
    route: () => [`secret ${vectorSecret}`],
    sign: () => vector,
    verify: (d) => unmarshal(d, '8ee793f6-4553-4749-85dc-f2ef095c5ab0'),
  },
];
