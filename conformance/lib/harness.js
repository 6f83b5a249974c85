'use strict';
// The harness: a real Caddy (with hookgate) in front of a real upstream
// that records what it receives. One route per case: /c/<case id>.

const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');

// caddyBinary is $HOOKGATE_CADDY, or a Caddy built from the repository
// root with `go build ./cmd/caddy` into dir.
function caddyBinary(dir) {
  if (process.env.HOOKGATE_CADDY) {
    const bin = path.resolve(process.env.HOOKGATE_CADDY);
    fs.accessSync(bin, fs.constants.X_OK);
    return bin;
  }
  const bin = path.join(dir, 'caddy');
  execFileSync('go', ['build', '-o', bin, './cmd/caddy'], { cwd: repoRoot, stdio: 'inherit' });
  return bin;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// startUpstream is the app behind the gate: it answers 200 "ok" and keeps
// every request it got (method, url, headers, raw body bytes).
async function startUpstream() {
  const got = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      got.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    got,
    addr: `127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

// caddyfile is the generated configuration: one handle per case, each
// open to 127.0.0.1 with any User-Agent, proxying to the upstream. The
// default log runs at DEBUG (the gate's refusal reasons), so it writes
// through webhook_redact, without which a route whose headers carry a
// signature does not start.
function caddyfile(port, upstreamAddr, cases) {
  let s = `{\n\tdebug\n\tlog {\n\t\tformat webhook_redact\n\t}\n\tadmin off\n\tauto_https off\n\tpersist_config off\n}\n\nhttp://127.0.0.1:${port} {\n`;
  for (const c of cases) {
    s += `\thandle ${c.routePath || `/c/${c.id}`} {\n\t\twebhook_verify ${c.preset} {\n`;
    for (const line of c.route(`http://127.0.0.1:${port}`)) s += `\t\t\t${line}\n`;
    s += `\t\t\tallow_ip 127.0.0.1/32 ::1\n\t\t\tuser_agent any\n\t\t}\n\t\treverse_proxy ${upstreamAddr}\n\t}\n`;
  }
  s += `\thandle {\n\t\trespond "no such route" 404\n\t}\n}\n`;
  return s;
}

// startCaddy runs bin with the generated Caddyfile and waits until the
// gate answers.
async function startCaddy(bin, dir, upstreamAddr, cases) {
  const port = await freePort();
  const file = path.join(dir, 'Caddyfile');
  fs.writeFileSync(file, caddyfile(port, upstreamAddr, cases));
  let log = '';
  const proc = spawn(bin, ['run', '--config', file, '--adapter', 'caddyfile'], {
    cwd: dir,
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  let exited = null;
  proc.on('exit', (code) => { exited = code; });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30000;
  for (;;) {
    if (exited !== null) throw new Error(`caddy exited (${exited}) before answering:\n${log}`);
    try {
      const r = await fetch(`${base}/ready-check`);
      if (r.status === 404) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) { proc.kill(); throw new Error(`caddy did not answer within 30s:\n${log}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    log: () => log,
    stop: () => new Promise((resolve) => {
      if (exited !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    }),
  };
}

// send makes one raw HTTP request (node's http, so headers are sent
// exactly as given, repeated headers included: values may be arrays).
function send(base, { method = 'POST', path: p, headers = {}, body = Buffer.alloc(0) }) {
  return new Promise((resolve, reject) => {
    const u = new URL(base + p);
    const raw = [];
    for (const [k, v] of Object.entries(headers)) {
      for (const one of Array.isArray(v) ? v : [v]) raw.push(k, String(one));
    }
    const has = (name) => Object.keys(headers).some((k) => k.toLowerCase() === name);
    const hasLength = has('content-length');
    if (!has('host')) raw.push('Host', u.host);
    if (!hasLength && (body.length > 0 || method === 'POST')) raw.push('Content-Length', String(body.length));
    const req = http.request({ host: u.hostname, port: u.port, method, path: u.pathname + u.search, headers: raw });
    req.on('response', (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function tmpDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'hookgate-conformance-'));
}

module.exports = { caddyBinary, startUpstream, startCaddy, send, tmpDir, repoRoot, caddyfile };
