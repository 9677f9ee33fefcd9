#!/usr/bin/env bash
# Usage: alongside.sh COMMAND...
# Runs `npm run compat` (minutes of npm install and admin builds, mostly waiting on the network and
# one core) in the background while COMMAND (jest) runs, then reports it. Its output goes to a log
# file so it does not interleave with jest's; the log is printed after COMMAND, whole on failure.
# Fails if either fails. COMPAT=skip leaves it out (a quick local run); CI always runs it.
set -uo pipefail
cd "$(dirname "$0")/../.."

if [ "${COMPAT:-}" = skip ] && [ "${CI:-}" != true ]; then
  echo "compat: skipped (COMPAT=skip)"
  exec "$@"
fi

log="$(mktemp -t auto-alt-text-compat.XXXXXX.log)"
started=$SECONDS
# Niced: jest's timing-sensitive suites keep the CPU they had; the checks only wait longer.
nice -n 10 npm run --silent compat >"$log" 2>&1 &
compat_pid=$!

"$@"
main_status=$?

echo "compat: waiting for the Strapi version checks (log: $log)"
wait "$compat_pid"
compat_status=$?
if [ "$compat_status" -eq 0 ]; then
  grep -v '^$' "$log"
else
  cat "$log"
fi
echo "compat: finished $((SECONDS - started)) s after it started, exit $compat_status"

[ "$main_status" -ne 0 ] && exit "$main_status"
exit "$compat_status"
