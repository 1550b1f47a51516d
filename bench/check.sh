#!/usr/bin/env bash
# bench/check.sh: drafts per second and peak memory of `idtracker check` over every corpus txt and
# xml, on one core (-j 1) and on two (-j 2), and beside it idnits, xml2rfc and draft.py where they are
# installed. Figures only; it never fails on a timing.
set -u
cd "$(dirname "$0")/.."
CORPUS="${CORPUS:-../shared/corpus}"
BIN="${BIN:-build/idtracker}"
if [ ! -d "$CORPUS/pairs" ]; then echo "bench/check: $CORPUS is not here; nothing to measure"; exit 0; fi
[ -x "$BIN" ] || make -s build/idtracker
mapfile -t TXT < <(ls "$CORPUS"/pairs/*.txt "$CORPUS"/txt/*.txt)
mapfile -t XML < <(ls "$CORPUS"/pairs/*.xml "$CORPUS"/xml/*.xml)
REFS="$CORPUS/render-golden/refcache"
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT

# measure LABEL FILES-COUNT COMMAND...: wall seconds and peak RSS (KiB) with GNU time, best of 3.
measure() {
  local label="$1" n="$2"; shift 2
  local best="" rss="" i s m
  for i in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$TMP/t" "$@" >/dev/null 2>&1
    read -r s m < <(tail -1 "$TMP/t")	# GNU time prefixes a line when the exit status is not 0
    if [ -z "$best" ] || awk "BEGIN{exit !($s < $best)}"; then best=$s; rss=$m; fi
  done
  awk -v l="$label" -v n="$n" -v s="$best" -v m="$rss" \
    'BEGIN { r = (s > 0) ? n / s : 0; printf "%-36s %6d files %8.3f s %10.0f drafts/s %8.1f MiB peak\n", l, n, s, r, m / 1024 }'
}

echo "idtracker check over the corpus ($(nproc) cores here)"
measure "idtracker check txt -j 1" "${#TXT[@]}" "$BIN" check --json --mode normal -j 1 "${TXT[@]}"
measure "idtracker check txt -j 2" "${#TXT[@]}" "$BIN" check --json --mode normal -j 2 "${TXT[@]}"
measure "idtracker check xml -j 1" "${#XML[@]}" "$BIN" check --json --mode normal --refs "$REFS" -j 1 "${XML[@]}"
measure "idtracker check xml -j 2" "${#XML[@]}" "$BIN" check --json --mode normal --refs "$REFS" -j 2 "${XML[@]}"
# The whole set, repeated 10 times in one process, so start-up does not dominate.
ALL=(); for _ in $(seq 10); do ALL+=("${TXT[@]}"); done
measure "idtracker check txt x10 -j 1" "${#ALL[@]}" "$BIN" check --json --mode normal -j 1 "${ALL[@]}"

echo
echo "reference tools on the same files (where installed):"
if command -v idnits >/dev/null 2>&1; then
  measure "idnits (one process per file)" "${#TXT[@]}" bash -c 'for f in "$@"; do idnits --submitcheck "$f"; done' _ "${TXT[@]}"
else echo "  idnits: not installed"; fi
if command -v xml2rfc >/dev/null 2>&1; then
  measure "xml2rfc --text (one per file)" "${#XML[@]}" bash -c 'for f in "$@"; do xml2rfc --no-network --text -o /dev/null "$f"; done' _ "${XML[@]}"
else echo "  xml2rfc: not installed"; fi
if python3 -c 'import ietf.utils.draft' >/dev/null 2>&1; then
  measure "draft.py" "${#TXT[@]}" bash -c 'for f in "$@"; do python3 -m ietf.utils.draft "$f"; done' _ "${TXT[@]}"
else echo "  draft.py: not installed"; fi
# What the reference tools took when the corpus was made (anchor-output/*/times.tsv, one process per file).
for t in idnits2-submitcheck idnits3 draftpy xml2rfc; do
  f="$CORPUS/metadata/anchor-output/$t/times.tsv"
  [ -f "$f" ] && awk -F'\t' -v t="$t" '$3 ~ /^[0-9.]+$/ { s += $3; n++ }
    END { if (n) printf "  %-22s recorded: %5d files, %8.1f s in all, %8.1f drafts/s\n", t, n, s / 1000, n / (s / 1000) }' "$f"
done
