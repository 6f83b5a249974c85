'use strict';
const Stripe = require('stripe');

const secret = 'whsec_conformance_test_secret_0123456789';
const stripe = new Stripe('sk_test_conformance');
const body = JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded', data: { object: { id: 'pi_1', amount: 2000 } } });

module.exports = [
  {
    id: 'stripe',
    preset: 'stripe',
    package: 'npm:stripe',
    mode: 'sdk-signs',
    route: () => [`secret ${secret}`],
    // stripe.webhooks.generateTestHeaderString: the SDK's own helper for
    // signing test deliveries.
    sign: () => ({
      headers: {
        'Content-Type': 'application/json',
        'Stripe-Signature': stripe.webhooks.generateTestHeaderString({ payload: body, secret }),
      },
      body,
    }),
  },
  {
    id: 'stripe-verify',
    preset: 'stripe',
    package: 'npm:stripe',
    mode: 'sdk-verifies',
    route: () => [`secret ${secret}`],
    sign: () => require('../lib/sign').caddySign({ provider: 'stripe', secret, body }),
    verify: (d) => {
      stripe.webhooks.constructEvent(d.body, d.headers['Stripe-Signature'], secret);
      return true;
    },
  },
];
