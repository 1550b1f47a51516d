#!/usr/bin/env bash
# run.sh: `make run`: a demo office in ./var (created once), served on the embedded default.
set -euo pipefail
cd "$(dirname "$0")/.."
export IDTRACKER_DATA="${IDTRACKER_DATA:-./var}"
bin=build/idtracker
if [ ! -f "${IDTRACKER_DB:-$IDTRACKER_DATA/idtracker.db}" ]; then
  "$bin" init --demo
else
  "$bin" init >/dev/null
  echo "Using the existing office in $IDTRACKER_DATA (delete it for a fresh demo)."
fi
listen="${IDTRACKER_LISTEN:-127.0.0.1:8080}"
echo
echo "idtracker is at http://$listen/  (Ctrl-C stops it)"
echo "Sign in at http://$listen/accounts/login/ as secretariat@example.org with the password demo-password"
echo "(or any demo person listed by 'idtracker init --demo'; all use demo-password)."
echo
exec "$bin" serve
