#!/usr/bin/env python3
"""liaison_bench.py: the helper of bench/liaison.sh. Python 3 standard library only.

  liaison_bench.py create --url BASE --key KEY --count N [--concurrency C] [--seed S] [--today YYYY-MM-DD]
                          --summary FILE
      POSTs N incoming statements to BASE/api/v1/liaison (Authorization: Bearer KEY), C clients in
      threads, each with its own keep-alive connection, and prints one row: label, requests, share
      answered 201, seconds, statements/s, p50/p99/max latency in ms, notes (states answered, mean
      request size, p50 of the first and last tenth, closed connections). The first answer that is
      not 201 is printed below the row. Titles and bodies are drawn from a Zipf distribution over a
      vocabulary of a few hundred technical words and a long tail of 20,000 rarer code names, so full-text
      search has realistic selectivity. FILE receives key=value lines for the shell: a common and a
      rare word with the number of statements holding each, the ids created, and counts.
  liaison_bench.py get --url URL [--seconds S] [--concurrency C]
      GETs URL for S seconds from C keep-alive clients and prints one line:
      "status req/s p50_ms p99_ms bytes notes" (the fallback when wrk is not installed).
It measures; it never asserts."""
import argparse
import bisect
import collections
import datetime
import http.client
import itertools
import json
import math
import random
import re
import sys
import threading
import time
import urllib.parse

SDOS = ["itu-t-sg-15", "3gpp-tsgsa-sa2", "ieee-802-1", "bbf", "etsi", "mef"]
SDO_REF = {"itu-t-sg-15": "SG15-LS", "3gpp-tsgsa-sa2": "S2-", "ieee-802-1": "IEEE-802.1-LS", "bbf": "BBF-LS",
           "etsi": "ETSI-LS", "mef": "MEF-LS"}
WGS = ["quic", "httpbis", "tsvwg", "tls", "lamps", "oauth", "dnsop", "netmod", "opsawg", "idr", "lsr", "6man",
       "emailcore", "dispatch", "gendispatch"]

# Function words, at the head of the distribution as in real text (never chosen as the search words).
STOP = "the of and to in for on with that this is be are by as from at or an which it we".split()

# A few hundred technical words: the middle of the distribution.
TECH = """
network protocol transport packet congestion latency throughput routing router interface specification
requirement architecture framework mechanism deployment operator management configuration model yang
security privacy authentication authorization certificate encryption key exchange handshake session
stream frame connection endpoint client server proxy cache header payload message format encoding
address prefix subnet multicast unicast broadcast tunnel overlay underlay segment label path forwarding
topology domain node link neighbor adjacency metric policy control plane data timing synchronization
clock frequency phase precision accuracy delay jitter loss bandwidth capacity queue scheduling priority
shaping marking codepoint differentiated service quality assurance reliability availability resilience
redundancy protection restoration failover recovery fault alarm monitoring telemetry measurement
performance counter statistics report notification subscription event trigger threshold profile
template parameter attribute object identifier registry allocation assignment namespace extension option
capability negotiation compatibility interoperability migration transition version revision amendment
draft recommendation standard study question contribution meeting plenary rapporteur editor liaison
coordination collaboration alignment review comment feedback response action deadline schedule milestone
optical transport ethernet bridge vlan switching mobile radio access core slice virtualization
orchestration automation intent provisioning inventory lifecycle upgrade software hardware firmware
platform device sensor vehicle satellite backhaul fronthaul midhaul wireless fixed broadband subscriber
residential gateway customer premises access aggregation metro backbone peering interconnection
exchange point transit roaming home visited charging billing accounting identity credential token
assertion federation trust anchor revocation validation signature hash algorithm cipher suite quantum
resistant hybrid migration inventory cryptographic agility resolver recursive authoritative zone
delegation record query answer cache poisoning transparency log audit compliance regulation emergency
lawful location positioning geolocation time zone calendar resource constraint budget energy efficiency
sustainability carbon power consumption sleep mode wake idle burst traffic engineering steering
load balancing anycast hierarchy scalability convergence stability oscillation damping flap route
reflector confederation community attribute origin validation hijack leak filter firewall middlebox
translation address family dual stack ipv6 ipv4 fragmentation reassembly checksum offload acceleration
hardware pipeline programmable dataplane compiler verification formal proof test suite conformance
testing plugfest hackathon implementation prototype reference open source repository tooling
documentation terminology glossary definition clarification errata erratum correction update obsolete
deprecate retire sunset legacy backward forward compatible extensible modular reusable generic specific
""".split()


def tail_words(n, rnd):
    """n distinct pronounceable made-up words (code names, product names): the long rare tail."""
    cons = "bdfgklmnprstvz"
    vow = "aeiou"
    out, seen = [], set(TECH) | set(STOP)
    while len(out) < n:
        w = "".join(rnd.choice(cons) + rnd.choice(vow) for _ in range(rnd.choice((3, 3, 4)))) + rnd.choice(("n", "l", "r", "x", ""))
        if w not in seen:
            seen.add(w)
            out.append(w)
    return out


class Text:
    def __init__(self, seed):
        rnd = random.Random(seed)
        tech = list(dict.fromkeys(TECH))
        rnd.shuffle(tech)
        self.vocab = STOP + tech + tail_words(20000, rnd)
        self.stop = set(STOP)
        self.searchable = set(self.vocab) - self.stop
        weights = [1.0 / (r + 1) ** 1.1 for r in range(len(self.vocab))]
        self.cum = list(itertools.accumulate(weights))

    def words(self, rnd, k):
        total = self.cum[-1]
        return [self.vocab[bisect.bisect_left(self.cum, rnd.random() * total)] for _ in range(k)]

    def sentence(self, rnd):
        w = self.words(rnd, rnd.randint(7, 18))
        return w[0].capitalize() + " " + " ".join(w[1:]) + "."

    def body(self, rnd):
        paras = []
        for _ in range(rnd.randint(1, 5)):
            paras.append(" ".join(self.sentence(rnd) for _ in range(rnd.randint(2, 7))))
        return "\n\n".join(paras)

    def title(self, rnd):
        w = [x for x in self.words(rnd, 12) if x not in self.stop][:rnd.randint(3, 8)] or ["update"]
        return "LS on " + " ".join(w)


TOKEN = re.compile(r"[0-9a-z\x80-\U0010ffff]+")


def statements(count, seed, today):
    """[(form body bytes, to groups, words of title and body)] for count statements."""
    text = Text(seed)
    rnd = random.Random(seed + 1)
    out = []
    for i in range(count):
        sdo = rnd.choice(SDOS)
        frm = [sdo] + ([rnd.choice([s for s in SDOS if s != sdo])] if rnd.random() < 0.1 else [])
        to = rnd.sample(WGS, 2 if rnd.random() < 0.15 else 1)
        purpose = rnd.choices(("info", "action", "comment"), (5, 3, 2))[0]
        title, body = text.title(rnd), text.body(rnd)
        fields = [("direction", "incoming")] + [("from_groups", g) for g in frm] + [("to_groups", g) for g in to]
        fields += [("from_contact", "Rapporteur %d <rapporteur%d@%s.sdo.example.org>" % (i % 97, i % 97, sdo)),
                   ("to_contacts", "%s chairs <%s-chairs@example.org>" % (to[0], to[0])),
                   ("purpose", purpose), ("title", title), ("body", body),
                   ("other_identifiers", "%s%d" % (SDO_REF[sdo], 100 + i))]
        if purpose != "info":
            fields.append(("deadline", (today + datetime.timedelta(days=rnd.randint(-30, 180))).isoformat()))
        if rnd.random() < 0.2:
            fields.append(("cc_contacts", "liaisons@example.org"))
        words = set(TOKEN.findall((title + " " + body).lower()))
        out.append((urllib.parse.urlencode(fields).encode(), to, words, purpose))
    return text, out


def percentile(sorted_xs, p):
    """Nearest rank."""
    if not sorted_xs:
        return float("nan")
    return sorted_xs[max(0, math.ceil(p / 100.0 * len(sorted_xs)) - 1)]


def cmd_create(o):
    u = urllib.parse.urlsplit(o.url)
    today = datetime.date.fromisoformat(o.today) if o.today else datetime.date.today()
    text, items = statements(o.count, o.seed, today)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Authorization": "Bearer " + o.key}
    path = u.path.rstrip("/") + "/api/v1/liaison"

    lock = threading.Lock()
    nxt = [0]
    results = [None] * len(items)     # (latency s, status, body bytes)
    closed = [0]
    start_gate = threading.Barrier(o.concurrency + 1)

    def client():
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
        start_gate.wait()
        while True:
            with lock:
                k = nxt[0]
                nxt[0] += 1
            if k >= len(items):
                break
            t0 = time.perf_counter()
            try:
                conn.request("POST", path, body=items[k][0], headers=headers)
                r = conn.getresponse()
                data = r.read()
                status = r.status
                if r.will_close:
                    conn.close()
                    with lock:
                        closed[0] += 1
            except (OSError, http.client.HTTPException) as e:
                status, data = "error", repr(e).encode()
                conn.close()
            results[k] = (time.perf_counter() - t0, status, data)
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
    ok, bad, ids, states = [], [], [], collections.Counter()
    for k, r in enumerate(results):
        if r[1] == 201:
            ok.append(k)
            try:
                j = json.loads(r[2])
                ids.append(int(j["id"]))
                states[j.get("state")] += 1
            except (ValueError, KeyError, TypeError):
                pass
        else:
            bad.append(r)
    n = len(results)
    tenth = max(1, n // 10)
    first = sorted(r[0] * 1000.0 for r in results[:tenth])
    last = sorted(r[0] * 1000.0 for r in results[-tenth:])
    notes = []
    if states:
        notes.append("state " + ", ".join("%s %d" % kv for kv in sorted(states.items())))
    codes = collections.Counter(str(r[1]) for r in bad)
    if codes:
        notes.append("non-201 " + ", ".join("%s x%d" % kv for kv in sorted(codes.items())))
    notes.append("%.1f KB/req" % (sum(len(x[0]) for x in items) / max(1, n) / 1024.0))
    notes.append("p50 first tenth %.1f ms, last tenth %.1f ms" % (percentile(first, 50), percentile(last, 50)))
    if closed[0]:
        notes.append("Connection: close on %d" % closed[0])
    print("%-24s %6d %7s %8.2f %9.1f %9.1f %9.1f %9.1f   %s" % (
        "POST /api/v1/liaison", n, "%.1f%%" % (100.0 * len(ok) / n if n else 0.0), secs, n / secs if secs > 0 else 0.0,
        percentile(lat, 50), percentile(lat, 99), lat[-1] if lat else float("nan"), "; ".join(notes)))
    if bad:
        print("  first non-201 answer (%s): %s" % (bad[0][1], bad[0][2][:600].decode("utf-8", "replace").strip()))

    # What the searches will find: document frequencies over the statements created (title + body).
    df = collections.Counter()
    quic = deadlines = 0
    for k in ok:
        df.update(items[k][2])
        quic += "quic" in items[k][1]
        deadlines += items[k][3] != "info"
    cands = [(c, w) for w, c in df.items() if w in text.searchable]
    common = max(cands) if cands else (0, "network")
    target = max(2, len(ok) // 1000)
    rare = min(cands, key=lambda cw: (abs(cw[0] - target), cw[1])) if cands else (0, "zzz")
    mid = sorted(ids)[len(ids) // 2] if ids else 1
    with open(o.summary, "w", encoding="utf-8") as f:
        for k, v in (("created", len(ok)), ("common_word", common[1]), ("common_df", common[0]),
                     ("rare_word", rare[1]), ("rare_df", rare[0]), ("quic", quic), ("deadlines", deadlines),
                     ("first_id", min(ids) if ids else 0), ("last_id", max(ids) if ids else 0), ("mid_id", mid),
                     ("vocabulary", len(text.vocab)), ("distinct_words", len(df))):
            f.write("%s=%s\n" % (k, v))
    sys.stdout.flush()
    return 0


def cmd_get(o):
    u = urllib.parse.urlsplit(o.url)
    path = u.path + ("?" + u.query if u.query else "")
    lock = threading.Lock()
    results = []            # (latency s, status, bytes)
    closed = [0]
    start_gate = threading.Barrier(o.concurrency + 1)
    stop = [0.0]

    def client():
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
        mine = []
        start_gate.wait()
        while time.perf_counter() < stop[0]:
            t0 = time.perf_counter()
            try:
                conn.request("GET", path)
                r = conn.getresponse()
                data = r.read()
                status = r.status
                if r.will_close:
                    conn.close()
                    with lock:
                        closed[0] += 1
            except (OSError, http.client.HTTPException):
                status, data = "error", b""
                conn.close()
            mine.append((time.perf_counter() - t0, status, len(data)))
        conn.close()
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(o.concurrency)]
    for t in threads:
        t.start()
    t0 = time.perf_counter()
    stop[0] = t0 + o.seconds
    start_gate.wait()
    for t in threads:
        t.join()
    secs = time.perf_counter() - t0
    lat = sorted(r[0] * 1000.0 for r in results)
    codes = collections.Counter(str(r[1]) for r in results)
    notes = []
    if len(codes) > 1:
        notes.append("statuses " + ", ".join("%s x%d" % kv for kv in sorted(codes.items())))
    if closed[0]:
        notes.append("Connection: close on %d" % closed[0])
    print("%s %.1f %.2f %.2f %d %s" % (
        codes.most_common(1)[0][0] if codes else "?", len(results) / secs if secs > 0 else 0.0,
        percentile(lat, 50), percentile(lat, 99),
        round(sum(r[2] for r in results) / len(results)) if results else 0, "; ".join(notes)))
    return 0


def main(argv=None):
    p = argparse.ArgumentParser(description="helper of bench/liaison.sh")
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("create")
    c.add_argument("--url", required=True)
    c.add_argument("--key", required=True)
    c.add_argument("--count", type=int, required=True)
    c.add_argument("--concurrency", type=int, default=4)
    c.add_argument("--seed", type=int, default=7)
    c.add_argument("--today", default="")
    c.add_argument("--summary", required=True)
    g = sub.add_parser("get")
    g.add_argument("--url", required=True)
    g.add_argument("--seconds", type=float, default=5.0)
    g.add_argument("--concurrency", type=int, default=4)
    o = p.parse_args(argv)
    if o.cmd == "create":
        if o.count < 1 or o.concurrency < 1:
            p.error("--count and --concurrency take a positive number")
        return cmd_create(o)
    if o.concurrency < 1 or o.seconds <= 0:
        p.error("--concurrency and --seconds take a positive number")
    return cmd_get(o)


if __name__ == "__main__":
    sys.exit(main())
