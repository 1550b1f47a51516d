#!/usr/bin/env bash
# bench/render.sh: `idtracker render` over every case of ../shared/corpus/render-golden/CASES.tsv:
# the share rendered byte-identical to xml2rfc 3.32.0 and, for the rest, the mean share of xml2rfc's
# lines reproduced in order; the time per document including process start, and documents per
# second; xml2rfc side by side when it is installed. Prints figures only; never asserts.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/idtracker
corpus=../shared/corpus
[ -x "$bin" ] || { echo "bench: $bin is missing; run make build/idtracker" >&2; exit 1; }
[ -f "$corpus/render-golden/CASES.tsv" ] || { echo "bench: ../shared/corpus is not beside this checkout" >&2; exit 1; }
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
bash tests/render/run.sh | grep -E 'identical' | tail -1
out=$(mktemp -d /tmp/idt-render-bench.XXXXXX)
trap 'rm -rf "$out"' EXIT
python3 - "$PWD/$bin" "$corpus" "$out" <<'PY'
import csv, os, shutil, subprocess, sys, time
binp, corpus, out = sys.argv[1], sys.argv[2], sys.argv[3]
rows = list(csv.DictReader(open(os.path.join(corpus, "render-golden/CASES.tsv")), delimiter="\t"))
def run(tool):
    t0 = time.perf_counter(); times = []
    for i, r in enumerate(rows):
        if tool == "idtracker":
            cmd = [binp, "render"] + r["flags"].split() + ["--refs", r["refs"], "-o", os.path.join(out, "%d.txt" % i), r["input"]]
        else:
            cmd = ["xml2rfc", "--text", "--v3", "--skip-config", "--no-network", "--cache", r["refs"]] + r["flags"].split() + \
                  [r["input"], "--out", os.path.join(out, "x%d.txt" % i)]
        s = time.perf_counter()
        subprocess.run(cmd, cwd=corpus, capture_output=True)
        times.append(time.perf_counter() - s)
    total = time.perf_counter() - t0
    times.sort()
    print("%-10s %4d documents in %6.2f s: %8.1f documents/s, per document p50 %.2f ms, p99 %.2f ms (process start included)"
          % (tool, len(rows), total, len(rows) / total, 1000 * times[len(times) // 2], 1000 * times[int(len(times) * 0.99)]))
    return total
a = run("idtracker")
if shutil.which("xml2rfc"):
    b = run("xml2rfc")
    print("idtracker is %.0fx faster per document" % (b / a))
else:
    print("xml2rfc is not installed: no side-by-side figure (pip install xml2rfc==3.32.0 to compare)")
PY
