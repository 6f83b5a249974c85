'use strict';
// atTime runs f with Date set to unix seconds t (node:test's mock
// timers), for SDKs that check a published vector's timestamp against the
// clock and take no "now" of their own.
const { mock } = require('node:test');

async function atTime(t, f) {
  mock.timers.enable({ apis: ['Date'], now: t * 1000 });
  try {
    return await f();
  } finally {
    mock.timers.reset();
  }
}

module.exports = { atTime };
