#!/usr/bin/env python3
"""submit_bench.py: the helper of bench/submit.sh. Python 3 standard library only.

  submit_bench.py gen --out DIR --count N --date YYYY-MM-DD
      writes N distinct drafts DIR/draft-bench-<letters>-thing-00.{txt,xml} with
      tests/e2e/gen_draft.py (imported), author "Ann Author <ann@example.org>".
  submit_bench.py run --url URL --label LABEL --dir DIR --first I --count N --files txt,xml
                      [--concurrency C] [--user EMAIL]
      POSTs drafts I..I+N-1 of DIR to URL as multipart forms (user=EMAIL when given, then one file
      field a format), C clients in threads, each with its own keep-alive connection, and prints one
      row: label, requests, 200 answers, seconds, requests/s, p50/p99/max latency in ms, notes (the
      states answered, the mean body size, whether the server closed connections). The first answer
      that is not 200 is printed below the row. It measures; it never asserts."""
import argparse
import collections
import datetime
import http.client
import json
import math
import os
import sys
import threading
import time
import urllib.parse

# No __pycache__ left in tests/e2e/ by the import.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e"))
import gen_draft  # noqa: E402

AUTHOR = "Ann Author <ann@example.org>"
LETTERS = "abcdefghijklmnopqrstuvwxyz"
CTYPES = {"txt": "text/plain", "xml": "application/xml"}


def letters(i, width=4):
    """0 -> "aaaa", 1 -> "aaab", ...: a letter-only middle part, so names never carry digits."""
    s = ""
    for _ in range(width):
        s = LETTERS[i % 26] + s
        i //= 26
    if i:
        raise ValueError("too many drafts for %d letters" % width)
    return s


def docname(i):
    return "draft-bench-%s-thing-00" % letters(i)


def cmd_gen(o):
    date = datetime.date.fromisoformat(o.date)
    os.makedirs(o.out, exist_ok=True)
    for i in range(o.count):
        s = gen_draft.Spec(docname(i)[:-3], "00", date, authors=[AUTHOR])
        for ext, text in ((".txt", gen_draft.make_txt(s)), (".xml", gen_draft.make_xml(s))):
            with open(os.path.join(o.out, s.docname + ext), "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
    return 0


def multipart(fields, files):
    """fields: [(name, value)]; files: [(name, filename, content type, bytes)] -> (content type, body)."""
    boundary = "----idtbench%016x" % int.from_bytes(os.urandom(8), "big")
    out = []
    for name, value in fields:
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                    % (boundary, name, value)).encode())
    for name, filename, ctype, data in files:
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                    "Content-Type: %s\r\n\r\n" % (boundary, name, filename, ctype)).encode() + data + b"\r\n")
    out.append(("--%s--\r\n" % boundary).encode())
    return "multipart/form-data; boundary=" + boundary, b"".join(out)


def percentile(sorted_xs, p):
    """Nearest rank."""
    if not sorted_xs:
        return float("nan")
    return sorted_xs[max(0, math.ceil(p / 100.0 * len(sorted_xs)) - 1)]


def cmd_run(o):
    u = urllib.parse.urlsplit(o.url)
    formats = [f for f in o.files.split(",") if f]
    bodies = []
    for i in range(o.first, o.first + o.count):
        files = []
        for f in formats:
            fn = "%s.%s" % (docname(i), f)
            with open(os.path.join(o.dir, fn), "rb") as fh:
                files.append((f, fn, CTYPES[f], fh.read()))
        bodies.append(multipart([("user", o.user)] if o.user else [], files))

    lock = threading.Lock()
    nxt = [0]
    results = []            # (latency s, status, body bytes)
    closed = [0]
    start_gate = threading.Barrier(o.concurrency + 1)

    def client():
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
        start_gate.wait()
        while True:
            with lock:
                k = nxt[0]
                nxt[0] += 1
            if k >= len(bodies):
                break
            ctype, body = bodies[k]
            t0 = time.perf_counter()
            try:
                conn.request("POST", u.path, body=body, headers={"Content-Type": ctype})
                r = conn.getresponse()
                data = r.read()
                status = r.status
                if r.will_close:
                    with lock:
                        closed[0] += 1
            except (OSError, http.client.HTTPException) as e:
                status, data = "error", repr(e).encode()
                conn.close()
            dt = time.perf_counter() - t0
            with lock:
                results.append((dt, status, data))
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(o.concurrency)]
    for t in threads:
        t.start()
    start_gate.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    secs = time.perf_counter() - t0

    lat = sorted(r[0] * 1000.0 for r in results)
    ok = [r for r in results if r[1] == 200]
    bad = [r for r in results if r[1] != 200]
    states = collections.Counter()
    for r in ok:
        try:
            st = json.loads(r[2]).get("state")
        except ValueError:
            st = None
        if st is not None:
            states[st] += 1
    notes = []
    if states:
        notes.append("state " + ", ".join("%s %d" % kv for kv in sorted(states.items())))
    codes = collections.Counter(str(r[1]) for r in bad)
    if codes:
        notes.append("non-200 " + ", ".join("%s x%d" % kv for kv in sorted(codes.items())))
    notes.append("%.1f KB/req" % (sum(len(b[1]) for b in bodies) / max(1, len(bodies)) / 1024.0))
    if closed[0]:
        notes.append("Connection: close on %d" % closed[0])
    n = len(results)
    print("%-22s %6d %7s %8.2f %9.1f %9.1f %9.1f %9.1f   %s" % (
        o.label, n, "%.1f%%" % (100.0 * len(ok) / n if n else 0.0), secs, n / secs if secs > 0 else 0.0,
        percentile(lat, 50), percentile(lat, 99), lat[-1] if lat else float("nan"), "; ".join(notes)))
    if bad:
        print("  first non-200 answer (%s): %s" % (bad[0][1], bad[0][2][:600].decode("utf-8", "replace").strip()))
    sys.stdout.flush()
    return 0


def main(argv=None):
    p = argparse.ArgumentParser(description="helper of bench/submit.sh")
    sub = p.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("gen")
    g.add_argument("--out", required=True)
    g.add_argument("--count", type=int, required=True)
    g.add_argument("--date", required=True)
    r = sub.add_parser("run")
    r.add_argument("--url", required=True)
    r.add_argument("--label", required=True)
    r.add_argument("--dir", required=True)
    r.add_argument("--first", type=int, default=0)
    r.add_argument("--count", type=int, required=True)
    r.add_argument("--files", default="txt,xml")
    r.add_argument("--concurrency", type=int, default=4)
    r.add_argument("--user", default="")
    o = p.parse_args(argv)
    if o.cmd == "gen":
        return cmd_gen(o)
    if o.count < 1 or o.concurrency < 1:
        p.error("--count and --concurrency take a positive number")
    return cmd_run(o)


if __name__ == "__main__":
    sys.exit(main())
