'use strict';
// tamper returns a copy of body with one byte changed: the first letter
// or digit from the middle on is moved to its neighbour (a→b, z→a, 9→0),
// so JSON and forms stay well formed.
function tamper(body) {
  const b = Buffer.from(body);
  if (b.length === 0) throw new Error('tamper: empty body');
  const start = Math.floor(b.length / 2);
  for (let k = 0; k < b.length; k++) {
    const i = (start + k) % b.length;
    const c = b[i];
    if (c >= 0x61 && c <= 0x7a) { b[i] = c === 0x7a ? 0x61 : c + 1; return b; }
    if (c >= 0x41 && c <= 0x5a) { b[i] = c === 0x5a ? 0x41 : c + 1; return b; }
    if (c >= 0x30 && c <= 0x39) { b[i] = c === 0x39 ? 0x30 : c + 1; return b; }
  }
  b[start] ^= 1;
  return b;
}

module.exports = { tamper };
