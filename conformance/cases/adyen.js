'use strict';
// @adyen/api-library's own signer: HmacValidator.calculateHmac, over a
// NotificationRequestItem (standard notifications, signature in
// additionalData.hmacSignature) or over the raw payload (the HmacSignature
// header of Banking/Management webhooks).
const { hmacValidator: HmacValidator } = require('@adyen/api-library');

const key = '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056';
const hmac = new HmacValidator();

function item(reference) {
  return {
    pspReference: '7914073381342284',
    merchantReference: reference,
    merchantAccountCode: 'TestMerchant',
    amount: { currency: 'EUR', value: 1130 },
    eventCode: 'AUTHORISATION',
    success: 'true',
    eventDate: '2019-05-06T17:15:34.121+02:00',
    operations: ['CANCEL', 'CAPTURE', 'REFUND'],
    paymentMethod: 'visa',
    additionalData: {},
  };
}

function notification(it) {
  return JSON.stringify({ live: 'false', notificationItems: [{ NotificationRequestItem: it }] });
}

const signedField = (d) => ({ ...d, body: Buffer.from(d.body.toString().replace('"TestPayment-', '"TestPaymenT-')) });

const bankingBody = JSON.stringify({ data: { balancePlatform: 'YOUR_BALANCE_PLATFORM', accountHolder: { id: 'AH32272223222B5CM4MWJ892H', status: 'active' } }, environment: 'test', type: 'balancePlatform.accountHolder.created' });

module.exports = [
  {
    id: 'adyen-notification',
    preset: 'adyen',
    package: 'npm:@adyen/api-library',
    mode: 'sdk-signs',
    route: () => [`secret ${key}`],
    sign: () => {
      const it = item(`TestPayment-${Date.now()}`);
      it.additionalData.hmacSignature = hmac.calculateHmac(it, key);
      return { headers: { 'Content-Type': 'application/json' }, body: notification(it) };
    },
    tamper: signedField,
  },
  {
    // Adyen's own test vector (adyen-python-api-library test/UtilTest.py
    // test_notification_request_item_hmac, and adyen-node-api-library's
    // hmacValidator tests): this item, this key, this signature
    id: 'adyen-vector',
    preset: 'adyen',
    package: 'npm:@adyen/api-library',
    mode: 'sdk-verifies',
    vectors: true,
    route: () => [`secret ${key}`],
    sign: () => {
      const it = item('TestPayment-1407325143704');
      it.additionalData.hmacSignature = 'coqCmt/IZ4E3CzPvMY8zTjQVL5hYJUiBRg8UU+iCWo0=';
      return { headers: { 'Content-Type': 'application/json' }, body: notification(it) };
    },
    verify: (d) => hmac.validateHMAC(JSON.parse(d.body).notificationItems[0].NotificationRequestItem, key),
    tamper: signedField,
  },
  {
    id: 'adyen-header',
    preset: 'adyen',
    package: 'npm:@adyen/api-library',
    mode: 'sdk-signs',
    route: () => [`secret ${key}`, 'variant header'],
    sign: () => ({
      headers: { 'Content-Type': 'application/json', HmacSignature: hmac.calculateHmac(bankingBody, key) },
      body: bankingBody,
    }),
  },
];
