#!/usr/bin/env python3
"""Renders docs/grafana-dashboard.png: the panels of grafana-dashboard.json,
drawn from real data.

It runs a real gate (Caddy with hookgate), drives it for a few minutes with
deliveries signed by `caddy webhook sign` (accepted ones, and the refusals
operators meet: a wrong secret, a clock off by minutes, a scanner outside
the allow-list, a client without the provider's User-Agent, an oversized
body, a retried copy), scrapes the gate's /metrics every few seconds the way
Prometheus would, and draws the dashboard's panels with the same queries
computed over the scrapes. The payone and kkiapay routes spool their
deliveries to an app that goes down for a while in the middle of the run
(kkiapay with a short retry_for, so some of its deliveries are
dead-lettered), which fills the spool row.

    go build -o /tmp/caddy ./cmd/caddy
    /usr/bin/python3 examples/dashboard-preview.py /tmp/caddy docs/grafana-dashboard.png

Needs python3-matplotlib (Debian) for the drawing; nothing else.
"""

import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

DURATION = float(os.environ.get("PREVIEW_SECONDS", "150"))
SCRAPE_EVERY = 3.0
OUTAGE = (0.45, 0.62)  # the part of the run the spooled app is down


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


GATE, APP, METRICS, SPOOLED_APP = free_port(), free_port(), free_port(), free_port()

CADDYFILE = f"""
{{
	admin off
	auto_https off
	persist_config off
	log {{
		output discard
	}}
	servers {{
		trusted_proxies static 127.0.0.1/32
	}}
}}

http://127.0.0.1:{GATE} {{
	handle_errors {{
		respond "{{err.status_code}} {{http.webhook.outcome}}"
	}}
	handle /payone/status {{
		webhook_verify payone {{
			secret preview-portal-key
			spool {{
				store file {{$PREVIEW_SPOOL_DIR}}
			}}
		}}
		reverse_proxy 127.0.0.1:{SPOOLED_APP}
	}}
	handle /stripe {{
		webhook_verify stripe {{
			secret whsec_preview
			# the preview sends from loopback, in no published list
			source_ranges off
		}}
		reverse_proxy 127.0.0.1:{APP}
	}}
	handle /github {{
		webhook_verify github {{
			secret preview-github-secret
			source_ranges off
			replay 1h
		}}
		reverse_proxy 127.0.0.1:{APP}
	}}
	handle /slack {{
		webhook_verify slack {{
			secret preview-slack-secret
		}}
		reverse_proxy 127.0.0.1:{APP}
	}}
	handle /kkiapay {{
		webhook_verify kkiapay {{
			secret preview-kkiapay-secret
			max_body 2KiB
			spool {{
				store file {{$PREVIEW_SPOOL_DIR}}
				retry_for 20s
			}}
		}}
		reverse_proxy 127.0.0.1:{SPOOLED_APP}
	}}
}}

http://127.0.0.1:{APP} {{
	respond "ok"
}}

http://127.0.0.1:{METRICS} {{
	metrics /metrics
}}
"""


class SpooledApp(threading.Thread):
    """The app behind the spooled routes: answers as the provider expects
    (TSOK for PAYONE), or 503 while `down` is set."""

    def __init__(self):
        super().__init__(daemon=True)
        import http.server
        self.down = threading.Event()
        app = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                status, body = (503, b"down") if app.down.is_set() else \
                    (200, b"TSOK" if self.path.startswith("/payone") else b"ok")
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", SPOOLED_APP), Handler)

    def run(self):
        self.server.serve_forever()


def sign_and_send(caddy, provider, secret, path, *extra):
    args = [caddy, "webhook", "sign", "--provider", provider, "--secret", secret,
            "--send", f"http://127.0.0.1:{GATE}{path}", *extra]
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def post_plain(path, body, headers=None):
    req = urllib.request.Request(f"http://127.0.0.1:{GATE}{path}", data=body, headers=headers or {})
    try:
        urllib.request.urlopen(req, timeout=5).read()
    except Exception:
        pass


def traffic(caddy, stop, phase):
    """One worker: a mix of deliveries that changes with the phase."""
    rnd = random.Random()
    payone_ok = ["--header", "X-Forwarded-For: 185.60.20.17"]
    while not stop.is_set():
        p = phase()
        r = rnd.random()
        if r < 0.30:
            sign_and_send(caddy, "stripe", "whsec_preview", "/stripe",
                          *(["--time", str(int(time.time()) - 900)] if p == "clock" and rnd.random() < 0.7 else []))
        elif r < 0.50:
            secret = "preview-github-secret"
            if p == "rotation" and rnd.random() < 0.6:
                secret = "old-github-secret"  # a service still signing with the old secret
            # GitHub retries a delivery with the same X-GitHub-Delivery: now
            # and then send a copy of an earlier one (the replay outcome).
            delivery = "%032x" % rnd.getrandbits(128)
            if rnd.random() < 0.06:
                delivery = "retried-delivery-%d" % rnd.randint(1, 3)
            extra = ["--header", "X-GitHub-Delivery: " + delivery]
            sign_and_send(caddy, "github", secret, "/github", *extra)
        elif r < 0.68:
            sign_and_send(caddy, "payone", "preview-portal-key", "/payone/status", *payone_ok)
        elif r < 0.80:
            sign_and_send(caddy, "slack", "preview-slack-secret", "/slack")
        elif r < 0.88:
            sign_and_send(caddy, "kkiapay", "preview-kkiapay-secret", "/kkiapay")
        elif r < 0.93:
            # Scanners and misconfigured senders.
            post_plain("/payone/status", b"txaction=paid", {"X-Forwarded-For": "203.0.113.%d" % rnd.randint(1, 250),
                                                             "User-Agent": "PAYONE FinanceGate"})
        elif r < 0.96:
            post_plain("/payone/status", b"txaction=paid", {"X-Forwarded-For": "185.60.20.17", "User-Agent": "curl/8.5"})
        elif r < 0.98:
            post_plain("/slack", b'{"type":"event_callback"}', {"Content-Type": "application/json"})
        else:
            post_plain("/kkiapay", b"x" * 4096, {"x-kkiapay-secret": "preview-kkiapay-secret"})
        time.sleep(rnd.uniform(0.0, 0.15))


SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def scrape():
    text = urllib.request.urlopen(f"http://127.0.0.1:{METRICS}/metrics", timeout=5).read().decode()
    out = []
    for line in text.splitlines():
        if line.startswith("#") or not line.startswith("hookgate_"):
            continue
        m = SAMPLE.match(line)
        if m:
            out.append((m.group(1), dict(LABEL.findall(m.group(2) or "")), float(m.group(3))))
    return out


def main():
    caddy, out = sys.argv[1], sys.argv[2]
    tmp = tempfile.mkdtemp(prefix="hookgate-preview-")
    cfg = os.path.join(tmp, "Caddyfile")
    with open(cfg, "w") as f:
        f.write(CADDYFILE)
    env = dict(os.environ, HOME=tmp, XDG_DATA_HOME=tmp, XDG_CONFIG_HOME=tmp,
               PREVIEW_SPOOL_DIR=os.path.join(tmp, "spool"))
    app = SpooledApp()
    app.start()
    gate = subprocess.Popen([caddy, "run", "--config", cfg, "--adapter", "caddyfile"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", METRICS), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        start = time.time()

        def phase():
            f = (time.time() - start) / DURATION
            if 0.30 < f < 0.45:
                return "clock"      # a host whose clock drifted: stale
            if 0.65 < f < 0.78:
                return "rotation"   # a secret rotated on one side only
            return "normal"

        def outage():
            f = (time.time() - start) / DURATION
            return OUTAGE[0] < f < OUTAGE[1]  # the spooled app is down

        stop = threading.Event()
        workers = [threading.Thread(target=traffic, args=(caddy, stop, phase), daemon=True) for _ in range(3)]
        for w in workers:
            w.start()
        scrapes = []
        while time.time() - start < DURATION:
            if outage():
                app.down.set()
            else:
                app.down.clear()
            scrapes.append((time.time() - start, scrape()))
            time.sleep(SCRAPE_EVERY)
        stop.set()
        for w in workers:
            w.join()
        scrapes.append((time.time() - start, scrape()))
    finally:
        gate.send_signal(signal.SIGTERM)
        gate.wait()
    with open(os.path.join(tmp, "scrapes.json"), "w") as f:
        json.dump(scrapes, f)
    render(scrapes, out)
    print(out)


# --- drawing -----------------------------------------------------------------

def series(scrape_, name, **want):
    return [(labels, v) for n, labels, v in scrape_ if n == name and all(labels.get(k) == x for k, x in want.items())]


def total(scrape_, name, pred=lambda l: True):
    return sum(v for n, l, v in scrape_ if n == name and pred(l))


def rates(scrapes, name, key, pred=lambda l: True, window=4):
    """Per-second rate of a counter over the last `window` scrapes, by key(labels)."""
    keys = sorted({key(l) for _, s in scrapes for n, l, _ in s if n == name and pred(l)})
    t, out = [], {k: [] for k in keys}
    for i in range(window, len(scrapes)):
        t0, s0 = scrapes[i - window]
        t1, s1 = scrapes[i]
        t.append(t1)
        for k in keys:
            a = sum(v for n, l, v in s0 if n == name and pred(l) and key(l) == k)
            b = sum(v for n, l, v in s1 if n == name and pred(l) and key(l) == k)
            out[k].append(max(b - a, 0) / (t1 - t0))
    return t, out


def quantile(q, buckets):
    """histogram_quantile over [(le, cumulative count)]."""
    buckets = sorted(buckets)
    if not buckets or buckets[-1][1] == 0:
        return float("nan")
    rank = q * buckets[-1][1]
    prev_le, prev_c = 0.0, 0.0
    for le, c in buckets:
        if c >= rank:
            if le == float("inf"):
                return prev_le
            return prev_le + (le - prev_le) * ((rank - prev_c) / max(c - prev_c, 1e-12))
        prev_le, prev_c = le, c
    return prev_le


def bucket_deltas(s0, s1):
    def b(s):
        d = {}
        for n, l, v in s:
            if n == "hookgate_verify_duration_seconds_bucket":
                le = float("inf") if l["le"] == "+Inf" else float(l["le"])
                d[le] = d.get(le, 0) + v
        return d
    a, c = b(s0), b(s1)
    return [(le, c[le] - a.get(le, 0)) for le in c]


def render(scrapes, out):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import gridspec

    bg, panel, text, grid_c, muted = "#111217", "#181b1f", "#ccccdc", "#2c3235", "#8e8e9e"
    palette = {"accepted": "#73bf69", "bad_signature": "#f2495c", "stale": "#ff9830", "ip_denied": "#b877d9",
               "user_agent_denied": "#5794f2", "missing_signature": "#fade2a", "too_large": "#8ab8ff",
               "replay": "#ff7383", "malformed_signature": "#c4162a", "handshake": "#96d98d",
               "spooled": "#37872d", "spool_unavailable": "#fa6400"}
    passed = ("accepted", "spooled", "handshake")  # not refusals
    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9, "text.color": text,
                         "axes.labelcolor": text, "xtick.color": muted, "ytick.color": muted})
    fig = plt.figure(figsize=(16, 17.6), facecolor=bg)
    gs = gridspec.GridSpec(6, 4, figure=fig, height_ratios=[0.9, 2, 2, 0.9, 2, 2], hspace=0.5, wspace=0.22,
                           left=0.04, right=0.985, top=0.945, bottom=0.035)
    fig.text(0.04, 0.977, "hookgate: webhook deliveries", fontsize=15, color=text, weight="bold")
    fig.text(0.04, 0.962, "Provider: All    ·    real gate, real deliveries signed with `caddy webhook sign`, scraped every %ds"
             % SCRAPE_EVERY, fontsize=9, color=muted)

    first, last = scrapes[0][1], scrapes[-1][1]
    name = "hookgate_deliveries_total"
    acc = total(last, name, lambda l: l["outcome"] in ("accepted", "spooled")) - \
        total(first, name, lambda l: l["outcome"] in ("accepted", "spooled"))
    allv = total(last, name) - total(first, name)
    ref = total(last, name, lambda l: l["outcome"] not in passed) - total(first, name, lambda l: l["outcome"] not in passed)
    p99 = quantile(0.99, bucket_deltas(first, last))

    def stat(ax, title, value, color):
        ax.set_facecolor(panel)
        ax.set_xticks([]), ax.set_yticks([])
        for s in ax.spines.values():
            s.set_color(grid_c)
        ax.text(0.02, 0.86, title, transform=ax.transAxes, fontsize=10, color=text, weight="bold", va="top")
        ax.text(0.5, 0.38, value, transform=ax.transAxes, fontsize=28, color=color, ha="center", va="center", weight="bold")

    stat(fig.add_subplot(gs[0, 0]), "Deliveries accepted", "%d" % acc, "#73bf69")
    stat(fig.add_subplot(gs[0, 1]), "Deliveries refused", "%d" % ref, "#f2495c")
    share = ref / allv if allv else 0
    stat(fig.add_subplot(gs[0, 2]), "Refused share", "%.1f%%" % (100 * share),
         "#73bf69" if share < 0.05 else "#ff9830" if share < 0.25 else "#f2495c")
    stat(fig.add_subplot(gs[0, 3]), "Verification p99",
         "%.2f ms" % (p99 * 1000) if p99 == p99 else "n/a", "#5794f2")

    def frame(ax, title, unit):
        ax.set_facecolor(panel)
        for s in ax.spines.values():
            s.set_color(grid_c)
        ax.grid(True, color=grid_c, linewidth=0.6)
        ax.set_title(title, loc="left", color=text, fontsize=10, weight="bold", pad=8)
        ax.set_ylabel(unit, color=muted)
        ax.set_xlabel("seconds", color=muted)

    # Deliveries by outcome (stacked rate).
    ax = fig.add_subplot(gs[1, 0:2])
    frame(ax, "Deliveries by outcome", "deliveries/s")
    t, by = rates(scrapes, name, lambda l: l["outcome"])
    order = [k for k in ("accepted", "spooled") if k in by] + sorted(k for k in by if k not in ("accepted", "spooled"))
    ax.stackplot(t, *[by[k] for k in order], labels=order, colors=[palette.get(k, "#999") for k in order], alpha=0.75)
    ax.set_ylim(0, 1.4 * max([sum(v) for v in zip(*by.values())] or [1]))  # room for the legend
    ax.legend(loc="upper left", fontsize=8, facecolor=panel, edgecolor=grid_c, labelcolor=text, ncol=4)

    # Refusals by provider and check.
    ax = fig.add_subplot(gs[1, 2:4])
    frame(ax, "Refusals by provider and check", "deliveries/s")
    t, by = rates(scrapes, name, lambda l: "%s %s" % (l["provider"], l["outcome"]),
                  pred=lambda l: l["outcome"] not in passed)
    for k in sorted(by):
        ax.plot(t, by[k], label=k, color=palette.get(k.split(" ")[1], "#999"),
                linestyle=["-", "--", ":", "-."][hash(k.split(" ")[0]) % 4], linewidth=1.4)
    ax.set_ylim(0, 1.5 * max([max(v) for v in by.values() if v] or [1]))
    ax.legend(loc="upper left", fontsize=7.5, facecolor=panel, edgecolor=grid_c, labelcolor=text, ncol=3)

    # Verification time quantiles.
    ax = fig.add_subplot(gs[2, 0:2])
    frame(ax, "Verification time (p50, p90, p99)", "milliseconds")
    w = 4
    tq, qs = [], {0.5: [], 0.9: [], 0.99: []}
    for i in range(w, len(scrapes)):
        d = bucket_deltas(scrapes[i - w][1], scrapes[i][1])
        tq.append(scrapes[i][0])
        for q in qs:
            qs[q].append(quantile(q, d) * 1000)
    for q, color in zip(qs, ["#73bf69", "#fade2a", "#f2495c"]):
        ax.plot(tq, qs[q], label="p%g" % (q * 100), color=color, linewidth=1.5)
    ax.set_ylim(0, 1.3 * max([x for v in qs.values() for x in v if x == x] or [1]))
    ax.legend(loc="upper left", fontsize=8, facecolor=panel, edgecolor=grid_c, labelcolor=text, ncol=3)

    # Deliveries by provider (bar gauge).
    ax = fig.add_subplot(gs[2, 2:4])
    frame(ax, "Deliveries by provider", "")
    ax.set_xlabel("deliveries in range", color=muted)
    rows = {}
    for n, l, v in last:
        if n == name:
            before = sum(v0 for n0, l0, v0 in first if n0 == name and l0 == l)
            if v - before > 0:
                rows[(l["provider"], l["outcome"])] = v - before
    keys = sorted(rows, key=lambda k: (k[0], k[1] not in ("accepted", "spooled"), k[1]))
    ax.barh(range(len(keys)), [rows[k] for k in keys], color=[palette.get(k[1], "#999") for k in keys], height=0.7)
    ax.set_yticks(range(len(keys)))
    ax.set_yticklabels(["%s  %s" % k for k in keys], fontsize=7.5, color=text)
    ax.invert_yaxis()
    ax.grid(True, axis="x", color=grid_c, linewidth=0.6)
    ax.grid(False, axis="y")

    render_spool(fig, gs, scrapes, stat, frame, text, muted, panel, grid_c)
    fig.savefig(out, dpi=100, facecolor=bg)


def render_spool(fig, gs, scrapes, stat, frame, text, muted, panel, grid_c):
    """The dashboard's spool row: the same queries over the hookgate_spool_* series."""
    first, last = scrapes[0][1], scrapes[-1][1]
    colors = {"stored": "#5794f2", "delivered": "#73bf69", "retries": "#ff9830", "dead letters": "#f2495c"}
    styles = ["-", "--", ":", "-."]

    def gauge(scrape_, name, provider=None):
        return [v for n, l, v in scrape_ if n == name and (provider is None or l.get("provider") == provider)]

    providers = sorted({l["provider"] for _, s in scrapes for n, l, _ in s if n.startswith("hookgate_spool_")})

    ax = fig.add_subplot(gs[3, 0])
    fig.text(0.04, ax.get_position().y1 + 0.012, "Spool (store and forward)", fontsize=12, color=text, weight="bold")
    fig.text(0.20, ax.get_position().y1 + 0.012, "payone and kkiapay (retry_for 20s) spool; their app was down from %.0f s to %.0f s"
             % (OUTAGE[0] * DURATION, OUTAGE[1] * DURATION), fontsize=9, color=muted)
    stat(ax, "Pending in the spool", "%d" % sum(gauge(last, "hookgate_spool_pending")), "#73bf69")
    oldest = max(gauge(last, "hookgate_spool_oldest_pending_age_seconds") or [0])
    stat(fig.add_subplot(gs[3, 1]), "Oldest pending", "%.0f s" % oldest,
         "#73bf69" if oldest < 300 else "#ff9830" if oldest < 3600 else "#f2495c")
    dead_now = sum(gauge(last, "hookgate_spool_dead_letters"))
    stat(fig.add_subplot(gs[3, 2]), "Dead letters held", "%d" % dead_now, "#73bf69" if dead_now == 0 else "#f2495c")
    refused = total(last, "hookgate_spool_store_failures_total") - total(first, "hookgate_spool_store_failures_total")
    stat(fig.add_subplot(gs[3, 3]), "Not stored (503)", "%d" % refused, "#73bf69" if refused == 0 else "#f2495c")

    def gauge_panel(ax, name, title, unit, scale=1.0):
        frame(ax, title, unit)
        t = [ts for ts, _ in scrapes]
        top = 0
        for i, p in enumerate(providers):
            ys = [sum(gauge(s, name, p)) * scale for _, s in scrapes]
            top = max([top] + ys)
            ax.plot(t, ys, label=p, linewidth=1.5, linestyle=styles[i % 4])
        ax.set_ylim(0, 1.3 * (top or 1))
        ax.legend(loc="upper left", fontsize=8, facecolor=panel, edgecolor=grid_c, labelcolor=text, ncol=3)

    gauge_panel(fig.add_subplot(gs[4, 0:2]), "hookgate_spool_pending", "Pending by provider", "deliveries")
    gauge_panel(fig.add_subplot(gs[4, 2:4]), "hookgate_spool_oldest_pending_age_seconds",
                "Oldest pending age by provider", "seconds")

    counters = [("stored", "hookgate_spool_stored_total"), ("delivered", "hookgate_spool_deliveries_total"),
                ("retries", "hookgate_spool_retries_total"), ("dead letters", "hookgate_spool_dead_letters_total")]
    ax = fig.add_subplot(gs[5, 0:2])
    frame(ax, "Spool traffic by provider", "deliveries/s")
    top = 0
    for what, name in counters:
        t, by = rates(scrapes, name, lambda l: l["provider"])
        for p in sorted(by):
            top = max([top] + by[p])
            ax.plot(t, by[p], label="%s %s" % (p, what), color=colors[what],
                    linestyle=styles[providers.index(p) % 4] if p in providers else "-", linewidth=1.4)
    ax.set_ylim(0, 1.5 * (top or 1))
    ax.legend(loc="upper left", fontsize=7.5, facecolor=panel, edgecolor=grid_c, labelcolor=text, ncol=4)

    ax = fig.add_subplot(gs[5, 2:4])
    frame(ax, "Spool deliveries, retries and dead letters by provider", "")
    ax.set_xlabel("in range", color=muted)
    rows = []
    for p in providers:
        for what, name in counters[1:]:
            v = total(last, name, lambda l: l.get("provider") == p) - total(first, name, lambda l: l.get("provider") == p)
            rows.append(("%s  %s" % (p, what), v, colors[what]))
    ax.barh(range(len(rows)), [r[1] for r in rows], color=[r[2] for r in rows], height=0.7)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([r[0] for r in rows], fontsize=7.5, color=text)
    ax.invert_yaxis()
    ax.grid(True, axis="x", color=grid_c, linewidth=0.6)
    ax.grid(False, axis="y")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--render":
        render(json.load(open(sys.argv[2])), sys.argv[3])
    else:
        main()
