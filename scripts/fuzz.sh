#!/usr/bin/env bash
# fuzz.sh TIME BIN...: `make fuzz`: runs each libFuzzer binary for TIME seconds on a fresh copy of
# its seed corpus (fuzz/corpus/X -> build/fuzz/corpus-X, so the repository's seeds stay as written),
# prints one line per fuzzer, and exits 1 if any of them crashed (or failed to run).
# Crash inputs land in build/fuzz/artifacts-X/; the full log in build/fuzz/log-X.txt.
# Reproduce one with: build/fuzz/fuzz_X build/fuzz/artifacts-X/crash-...
# The RFC XML harnesses get fuzz/rfcxml.dict. FUZZ_FLAGS adds libFuzzer flags: `make check` passes
# "-seed=1 -runs=N" so that its run is the same on every machine and a finding there reproduces.
set -uo pipefail

if [ $# -lt 2 ] || ! [[ $1 =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz.sh SECONDS build/fuzz/fuzz_X..." >&2
  exit 2
fi
time=$1
shift
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/build/fuzz
mkdir -p "$out"

# UBSan findings are reports that let the run go on unless told otherwise: make them crashes.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}

failed=0
for bin in "$@"; do
  name=$(basename "$bin")
  short=${name#fuzz_}
  corpus=$out/corpus-$short
  artifacts=$out/artifacts-$short
  log=$out/log-$short.txt
  rm -rf "$corpus" "$artifacts"
  mkdir -p "$corpus" "$artifacts"
  if [ -d "$root/fuzz/corpus/$short" ]; then
    cp -R "$root/fuzz/corpus/$short"/. "$corpus"/
  fi
  dict=()
  case $short in
    render|prep|v2v3|rng|draft_xml) dict=(-dict="$root/fuzz/rfcxml.dict") ;;
  esac
  # shellcheck disable=SC2086 # FUZZ_FLAGS is a list of flags
  "$bin" -max_total_time="$time" -print_final_stats=1 -artifact_prefix="$artifacts/" \
      "${dict[@]}" ${FUZZ_FLAGS:-} "$corpus" >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
  [ -n "$execs" ] || execs=$(grep -o '#[0-9]*' "$log" | tail -n1 | tr -d '#')
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n1 | sed 's/cov: //')
  found=$(find "$artifacts" -type f | head -n1)
  if [ $rc -eq 0 ] && [ -z "$found" ] && ! grep -q 'runtime error:' "$log"; then
    status="ok"
  else
    failed=1
    kind=$(grep -m1 -oE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer|UndefinedBehaviorSanitizer)[^(]*|runtime error: .*|deadly signal' "$log" | head -n1)
    status="CRASH (exit $rc${kind:+: $kind}${found:+; input $found}; log $log)"
  fi
  printf '%-18s %12s execs  cov %-6s corpus %-5s %s\n' "$name" "${execs:-?}" "${cov:-?}" \
      "$(find "$corpus" -type f | wc -l)" "$status"
done
exit $failed
