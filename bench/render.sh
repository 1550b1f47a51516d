#!/usr/bin/env bash
# bench/render.sh: `idtracker render` over every case of ../shared/corpus/render-golden/CASES.tsv:
# the share rendered byte-identical to xml2rfc 3.32.0 and, for the rest, the mean share of xml2rfc's
# lines reproduced in order; the time per document including process start (wall, and CPU from
# wait4), and documents per second; xml2rfc side by side when it is installed, else its times as
# recorded when the corpus was made, on the same drafts. Prints figures only; never asserts.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/idtracker
corpus=../shared/corpus
[ -x "$bin" ] || { echo "bench: $bin is missing; run make build/idtracker" >&2; exit 1; }
[ -f "$corpus/render-golden/CASES.tsv" ] || { echo "bench: ../shared/corpus is not beside this checkout" >&2; exit 1; }
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"

# Without xml2rfc here, its times come from the machine that made the corpus. To say how that machine
# compares with this one, the bench reruns a tool timed there too: idnits 3.0.0-alpha.74 (node), whose
# times.tsv sits beside xml2rfc's. IDNITS3=path/to/idnits names it; otherwise it is taken from PATH, or
# installed from the npm registry into build/bench-tools/ (BENCH_NO_INSTALL=1 skips that).
# BENCH_CALIBRATE=N files (default 60; 0 = no calibration).
idnits3="${IDNITS3:-}"
if [ -z "$idnits3" ] && ! command -v xml2rfc >/dev/null && [ "${BENCH_CALIBRATE:-60}" != 0 ]; then
  if command -v idnits >/dev/null && idnits --version 2>/dev/null | grep -q '^3\.'; then
    idnits3=$(command -v idnits)
  elif [ -x build/bench-tools/node_modules/.bin/idnits ]; then
    idnits3=build/bench-tools/node_modules/.bin/idnits
  elif [ -z "${BENCH_NO_INSTALL:-}" ] && command -v npm >/dev/null; then
    echo "bench: installing @ietf-tools/idnits@3.0.0-alpha.74 into build/bench-tools/ (to calibrate against the recorded times)"
    mkdir -p build/bench-tools
    if (cd build/bench-tools && timeout 300 npm install --silent --no-audit --no-fund --no-save \
          @ietf-tools/idnits@3.0.0-alpha.74 >/dev/null 2>&1); then
      idnits3=build/bench-tools/node_modules/.bin/idnits
    else
      echo "bench: npm could not install idnits 3; the recorded times stay uncalibrated"
    fi
  fi
fi
[ -n "$idnits3" ] && idnits3=$(realpath "$idnits3")
bash tests/render/run.sh | grep -E 'identical' | tail -1
out=$(mktemp -d /tmp/idt-render-bench.XXXXXX)
trap 'rm -rf "$out"' EXIT
python3 - "$PWD/$bin" "$corpus" "$out" "$idnits3" "${BENCH_CALIBRATE:-60}" <<'PY'
import csv, os, shutil, subprocess, sys, time
binp, corpus, out, idnits3, ncal = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
rows = list(csv.DictReader(open(os.path.join(corpus, "render-golden/CASES.tsv")), delimiter="\t"))

faults = []     # page faults of each process (minor and major, from wait4), the last run's

def spawn(cmd):
    """Wall and CPU (user + system, from wait4) of one process, start to exit."""
    s = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=corpus, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)    # reaped here, so Popen need not wait
    faults.append(ru.ru_minflt + ru.ru_majflt)
    return time.perf_counter() - s, ru.ru_utime + ru.ru_stime

def stats(xs):
    xs = sorted(xs)
    return 1000 * xs[len(xs) // 2], 1000 * sum(xs) / len(xs), 1000 * xs[int(len(xs) * 0.99)]

def run(tool):
    t0 = time.perf_counter(); wall = []; cpu = []; by_input = {}
    for i, r in enumerate(rows):
        if tool == "idtracker":
            cmd = [binp, "render"] + r["flags"].split() + ["--refs", r["refs"], "-o", os.path.join(out, "%d.txt" % i), r["input"]]
        else:
            cmd = ["xml2rfc", "--text", "--v3", "--skip-config", "--no-network", "--cache", r["refs"]] + r["flags"].split() + \
                  [r["input"], "--out", os.path.join(out, "x%d.txt" % i)]
        w, c = spawn(cmd)
        wall.append(w); cpu.append(c)
        if r["mode"] == "pages":
            by_input[r["input"]] = w
    total = time.perf_counter() - t0
    print("%-10s %4d documents in %6.2f s: %7.1f documents/s; per document (process start included)" % (tool, len(rows), total, len(rows) / total))
    print("           wall p50 %.2f ms, mean %.2f ms, p99 %.2f ms; CPU p50 %.2f ms, mean %.2f ms, p99 %.2f ms" % (stats(wall) + stats(cpu)))
    f = sorted(faults[-len(rows):])
    print("           page faults per process: p50 %d, mean %d (pages populated in one call count too)" % (f[len(f) // 2], sum(f) // len(f)))
    return total, by_input

def calibrate():
    """How much faster this machine runs idnits 3 than the machine that recorded the corpus's times:
    the median over a spread of files of recorded / here (one process a file, as recorded), or None."""
    if not idnits3 or ncal <= 0:
        return None
    rows3 = [l.rstrip("\n").split("\t") for l in open(os.path.join(corpus, "metadata/anchor-output/idnits3/times.tsv"))]
    rows3 = [f for f in rows3 if len(f) == 3 and f[1] == "0" and os.path.isfile(os.path.join(corpus, f[0]))]
    if not rows3:
        return None
    sample = rows3[::max(1, len(rows3) // ncal)]
    ratios, here, there, differ = [], [], [], 0
    for f in sample:
        s = time.perf_counter()
        p = subprocess.run([idnits3, "--offline", "-o", "json", f[0]], cwd=corpus,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t = time.perf_counter() - s
        differ += p.returncode != 0
        here.append(t); there.append(float(f[2]) / 1000); ratios.append(float(f[2]) / 1000 / t)
    ratios.sort()
    speed = ratios[len(ratios) // 2]
    print("calibration: idnits 3 (%s) on %d of the files it was timed on: here p50 %.0f ms, recorded p50 %.0f ms; "
          "this machine is %.2fx the recording machine's speed (median of per-file ratios; quartiles %.2f-%.2f)%s"
          % (idnits3, len(sample), 1000 * sorted(here)[len(here) // 2], 1000 * sorted(there)[len(there) // 2], speed,
             ratios[len(ratios) // 4], ratios[3 * len(ratios) // 4],
             "; %d exited non-zero here" % differ if differ else ""))
    return speed

a, ours = run("idtracker")
if shutil.which("xml2rfc"):
    b, _ = run("xml2rfc")
    print("idtracker is %.0fx faster per document" % (b / a))
else:
    # xml2rfc is not installed here: compare with its times as recorded when the corpus was made
    # (metadata/anchor-output/xml2rfc/times.tsv: xml2rfc 3.32.0 --text, paginated, one process a file,
    # wall ms, on the machine that assembled the corpus), on the same inputs in the same (paginated) mode.
    rec = {}
    for line in open(os.path.join(corpus, "metadata/anchor-output/xml2rfc/times.tsv")):
        f = line.rstrip("\n").split("\t")
        if len(f) == 3 and f[1] == "0" and f[0] in ours:
            rec[f[0]] = float(f[2]) / 1000
    if rec:
        x = [rec[k] for k in rec]; y = [ours[k] for k in rec]
        xp, xm, _ = stats(x); yp, ym, _ = stats(y)
        print("xml2rfc is not installed: its recorded times (metadata/anchor-output/xml2rfc/times.tsv, another machine)")
        print("  on the %d corpus drafts both rendered, paginated: xml2rfc p50 %.0f ms, mean %.0f ms; idtracker p50 %.2f ms, mean %.2f ms"
              % (len(rec), xp, xm, yp, ym))
        ratios = sorted(rec[k] / ours[k] for k in rec)
        print("  idtracker is %.0fx faster per document (p50), %.0fx (mean); per document, the ratio's p50 is %.0fx, "
              "%d of %d at least 100x, the least %.0fx" % (xp / yp, xm / ym, ratios[len(ratios) // 2],
              sum(1 for r in ratios if r >= 100), len(ratios), ratios[0]))
        speed = calibrate()
        if speed:
            # xml2rfc's time here, estimated: its recorded time scaled by how much faster this machine ran idnits 3
            r2 = sorted(rec[k] / speed / ours[k] for k in rec)
            print("  calibrated to this machine (recorded times / %.2f): idtracker is %.0fx faster (p50), %.0fx (mean); "
                  "per document p50 %.0fx, %d of %d at least 100x, the least %.0fx"
                  % (speed, xp / speed / yp, xm / speed / ym, r2[len(r2) // 2], sum(1 for r in r2 if r >= 100), len(r2), r2[0]))
    else:
        print("xml2rfc is not installed and no recorded times match: no side-by-side figure")
PY
