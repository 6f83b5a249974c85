'use strict';
// braintree's own signer: gateway.webhookTesting.sampleNotification(kind,
// id), the SDK's helper for test deliveries ({ bt_signature, bt_payload },
// posted as a form); the same gateway's webhookNotification.parse accepts
// it.
const braintree = require('braintree');

const publicKey = 'conformancepublickey';
const privateKey = 'conformanceprivatekey0123456789ab';
const gateway = new braintree.BraintreeGateway({ environment: braintree.Environment.Sandbox, merchantId: 'conformancemerchant', publicKey, privateKey });

module.exports = [
  {
    id: 'braintree',
    preset: 'braintree',
    package: 'npm:braintree',
    mode: 'sdk-signs',
    route: () => [`secret ${privateKey}`, `api_public_key ${publicKey}`],
    sign: async () => {
      const n = await gateway.webhookTesting.sampleNotification(braintree.WebhookNotification.Kind.SubscriptionWentPastDue, 'sub_conformance');
      await gateway.webhookNotification.parse(n.bt_signature, n.bt_payload); // the SDK accepts its own
      return { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(n).toString() };
    },
  },
];
