#!/usr/bin/env bash
# tests/render/run.sh: every case of ../shared/corpus/render-golden/CASES.tsv rendered by
# `idtracker render FLAGS --refs REFS -o OUT INPUT` (run from ../shared/corpus, as xml2rfc was) and
# compared byte for byte with xml2rfc 3.32.0's output. Prints "N identical, N differ" per group and
# mode, and the mean share of xml2rfc's lines the rest reproduce in order; fails when the identical count drops below
# the ratchet in tests/render/baseline (raise it as the renderer improves; never lower it). The cases
# xml2rfc refused (FAILED.tsv) must be refused too (exit 1 with a reason); tests/render/baseline-refused
# is that count's ratchet.
# Ends with the line "render: N passed, N failed" that scripts/check.sh adds up.
set -u
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
BIN="${IDT_BIN:-$ROOT/build/idtracker}"
CORPUS="$ROOT/../shared/corpus"
if [ ! -f "$CORPUS/render-golden/CASES.tsv" ]; then
  echo "render: skipped (../shared/corpus is not beside this checkout)"
  echo "render: 0 passed, 0 failed"
  exit 0
fi
OUT=$(mktemp -d /tmp/idt-render.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
baseline=$(cat tests/render/baseline 2>/dev/null || echo 0)
refused_baseline=$(cat tests/render/baseline-refused 2>/dev/null || echo 0)
python3 - "$BIN" "$CORPUS" "$OUT" "$baseline" "$refused_baseline" <<'PY'
import csv, difflib, os, subprocess, sys, collections
binp, corpus, out, baseline, refused_baseline = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
stats = collections.OrderedDict()
shares = []
identical = 0
crashed = 0
with open(os.path.join(corpus, "render-golden/CASES.tsv")) as f:
    rows = list(csv.DictReader(f, delimiter="\t"))
for i, row in enumerate(rows):
    group = row["case_id"].split("/")[0]
    key = (group, row["mode"])
    st = stats.setdefault(key, [0, 0])
    target = os.path.join(out, "%d.txt" % i)
    cmd = [binp, "render"] + row["flags"].split() + ["--refs", row["refs"], "-o", target, row["input"]]
    p = subprocess.run(cmd, cwd=corpus, capture_output=True, timeout=60)
    if p.returncode not in (0, 1):
        crashed += 1
    want = open(os.path.join(corpus, row["expected"]), "rb").read()
    got = open(target, "rb").read() if p.returncode == 0 and os.path.exists(target) else b""
    if got == want:
        st[0] += 1
        identical += 1
    else:
        st[1] += 1
        wl, gl = want.split(b"\n"), got.split(b"\n")
        same = sum(b.size for b in difflib.SequenceMatcher(None, wl, gl, autojunk=False).get_matching_blocks())
        shares.append(same / max(len(wl), 1))
for (group, mode), (ok, bad) in stats.items():
    print("render %-14s %-6s %4d identical, %4d differ" % (group, mode, ok, bad))
mean = 100.0 * sum(shares) / len(shares) if shares else 100.0
print("render: %d of %d identical; the others have %.1f%% of xml2rfc's lines, in order (longest common subsequence)"
      % (identical, len(rows), mean))
# Cases xml2rfc refused (FAILED.tsv) should be refused too: exit 1 with a reason.
refused = 0
frows = list(csv.DictReader(open(os.path.join(corpus, "render-golden/FAILED.tsv")), delimiter="\t"))
modeflags = {"text": ["--no-pagination", "--legacy-date-format"], "pages": ["--legacy-date-format"], "plain": []}
for row in frows:
    inp = row["input"]
    if inp.startswith("xml2rfc-tests/"):
        name = os.path.basename(inp)[:-4]
        refs = "xml2rfc-tests/refcache/" + name
        if not os.path.isdir(os.path.join(corpus, refs)):
            refs = "xml2rfc-tests/refcache/_all"
    else:
        refs = "render-golden/refcache"
    target = os.path.join(out, "refused.txt")
    cmd = [binp, "render"] + modeflags.get(row["mode"], []) + ["--date", "2026-11-22", "--refs", refs, "-o", target, inp]
    p = subprocess.run(cmd, cwd=corpus, capture_output=True, timeout=60)
    if p.returncode not in (0, 1):
        crashed += 1
    if p.returncode == 1 and p.stderr.strip():
        refused += 1
print("render: %d of %d cases xml2rfc refused are refused too" % (refused, len(frows)))
failed = 0
if refused < refused_baseline:
    print("not ok - %d refused is below the ratchet of %d (tests/render/baseline-refused)" % (refused, refused_baseline))
    failed += 1
if crashed:
    print("not ok - the renderer crashed (exit other than 0 or 1) on %d cases" % crashed)
    failed += 1
if identical < baseline:
    print("not ok - %d identical is below the ratchet of %d (tests/render/baseline)" % (identical, baseline))
    failed += 1
print("render: %d passed, %d failed" % (3 - failed, failed))
sys.exit(1 if failed else 0)
PY
