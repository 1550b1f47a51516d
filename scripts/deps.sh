#!/usr/bin/env bash
# deps.sh: installs the Debian 12 packages idtracker builds and tests with (README lists why each).
# As root it runs apt-get; otherwise it prints the exact apt-get line and stops with status 1.
# Also installs playwright-core for the browser test (npm, in tests/browser/) when npm is there.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each row: a Debian package, and what proves it is already there (a command, or "-" for the
# package itself). Node.js may come from elsewhere with its own npm (NodeSource's nodejs bundles
# npm and conflicts with Debian's), so node and npm count as present when the commands are.
ROWS=(
  "build-essential -"        "pkg-config pkg-config"   "clang clang"           # compilers, sanitizers, libFuzzer
  "libmicrohttpd-dev -"      "libsqlite3-dev -"        "sqlite3 sqlite3"       # HTTP server, embedded database
  "libpq-dev -"              "postgresql -"                                    # PostgreSQL client library; the server tests/pg/run.sh starts
  "libsodium-dev -"          "libjansson-dev -"        "libxml2-dev -"         # argon2id + tokens, JSON, XML drafts
  "libcurl4-openssl-dev -"   "libgmime-3.0-dev -"                              # SMTP delivery, incoming mail
  "libcmocka-dev -"          "libpcre2-dev -"                                  # unit tests; the renderer's wrapping rules
  "curl curl"                "python3 python3"         "python3-aiosmtpd -"    # e2e: real HTTP, real SMTP sink
  "chromium chromium"        "nodejs node"             "npm npm"               # browser test (playwright-core)
  "fonts-dejavu-core -"      "wrk wrk"                                         # screenshots, bench/http.sh
)

missing=()
for row in "${ROWS[@]}"; do
  pkg=${row%% *}; probe=${row#* }
  if [ "$probe" != "-" ] && command -v "$probe" >/dev/null 2>&1; then continue; fi
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# libclang-rt provides libFuzzer and the sanitizer runtimes for clang.
if ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  missing+=("libclang-rt-dev")
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "deps.sh: missing Debian packages. Install them with:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "deps.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# playwright-core from npm (no browser download: it drives /usr/bin/chromium).
if command -v npm >/dev/null 2>&1 && [ -f tests/browser/package.json ] && [ ! -d tests/browser/node_modules/playwright-core ]; then
  (cd tests/browser && npm install --no-audit --no-fund --silent >/dev/null 2>&1) || echo "deps.sh: npm install in tests/browser failed; the browser test will be skipped" >&2
fi
exit 0
