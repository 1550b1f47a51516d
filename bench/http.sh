#!/usr/bin/env bash
# http.sh: `make bench`: requests per second of a real idtracker (demo data, temp data dir, default
# config) next to a bare libmicrohttpd server with the same daemon flags (bench/minimal_mhd.c),
# measured with wrk. Prints figures only; it never asserts. BENCH_SECONDS (default 10) per URL.
set -euo pipefail
cd "$(dirname "$0")/.."

secs=${BENCH_SECONDS:-10}
threads=2
conns=32
bin=build/idtracker
mhd=build/bench/minimal_mhd

command -v wrk >/dev/null || { echo "bench: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[ -x "$bin" ] || { echo "bench: $bin is missing; run make build/idtracker" >&2; exit 1; }
mkdir -p build/bench
if [ ! -x "$mhd" ] || [ bench/minimal_mhd.c -nt "$mhd" ]; then
  # shellcheck disable=SC2046
  ${CC:-cc} -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -o "$mhd" bench/minimal_mhd.c \
      $(pkg-config --cflags --libs libmicrohttpd)
fi

D=$(mktemp -d "${TMPDIR:-/tmp}/idt-bench.XXXXXX")
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do
    kill "$p" 2>/dev/null || true
  done
  for p in "${pids[@]}"; do
    wait "$p" 2>/dev/null || true
  done
  rm -rf "$D"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits up to 10 s for a port number in file $1 written by process $2.
wait_port() {
  local i
  for i in $(seq 100); do
    if [ -s "$1" ] && grep -qE '^[0-9]+$' "$1"; then
      head -n1 "$1"
      return 0
    fi
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

export IDTRACKER_DATA=$D
"$bin" init --demo >"$D/init.log" 2>&1 || { cat "$D/init.log" >&2; exit 1; }
"$bin" serve --listen 127.0.0.1:0 --port-file "$D/port" >"$D/serve.log" 2>&1 &
pids+=($!)
idt_port=$(wait_port "$D/port" "${pids[-1]}") || { echo "bench: idtracker did not start:" >&2; cat "$D/serve.log" >&2; exit 1; }

"$mhd" >"$D/mhd.port" 2>"$D/mhd.log" &
pids+=($!)
mhd_port=$(wait_port "$D/mhd.port" "${pids[-1]}") || { echo "bench: minimal_mhd did not start:" >&2; cat "$D/mhd.log" >&2; exit 1; }

names=("idtracker /healthz" "idtracker /group/quic/" "minimal_mhd /")
urls=("http://127.0.0.1:$idt_port/healthz" "http://127.0.0.1:$idt_port/group/quic/" "http://127.0.0.1:$mhd_port/")

echo "wrk -t$threads -c$conns -d${secs}s --latency; idtracker on port $idt_port (data $D), minimal_mhd on $mhd_port; $(nproc) CPUs"
rows=()
for i in "${!urls[@]}"; do
  url=${urls[$i]}
  hdrs=$(curl -s -D - -o /dev/null "$url" 2>/dev/null | tr -d '\r' || true)
  code=$(awk 'NR == 1 { print $2 }' <<<"$hdrs")
  close=
  if grep -qi '^connection: *close' <<<"$hdrs"; then close="Connection: close (no keep-alive) "; fi
  out=$(wrk -t"$threads" -c"$conns" -d"${secs}s" --latency "$url" 2>&1) || true
  rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")
  errs=$(awk '/Socket errors:/ { sub(/.*Socket errors: */, ""); gsub(/ /, ""); print }' <<<"$out")
  [ -n "$rps" ] || { echo "bench: wrk gave no figures for $url:" >&2; echo "$out" >&2; }
  rows+=("$(printf '%-24s %6s %12s %10s %10s   %s' "${names[$i]}" "${code:-?}" "${rps:-?}" "${p50:-?}" "${p99:-?}" \
      "$close${non2xx:+non-2xx $non2xx }${errs:+socket errors $errs}")")
done

printf '\n%-24s %6s %12s %10s %10s   %s\n' "target" "status" "req/s" "p50" "p99" "notes"
printf '%s\n' "${rows[@]}"
