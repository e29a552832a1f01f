#!/usr/bin/env bash
# On a terminal, `truckflow run` rewrites one progress line on stderr ("\r\e[K...") and clears it at
# the end; with --quiet it prints none; off a terminal it never writes terminal escapes, and logs a
# line every --progress-every seconds.
# Usage: progress_on_terminal.sh TRUCKFLOW SOURCE_DIR
set -euo pipefail
truckflow=$1
cd "$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
long="run scenarios/sichuan.yaml --chain-only --set simulation.sample_interval_days=0.125 -o $work/out.h5"

script -qec "$truckflow $long > /dev/null" "$work/terminal.txt" > /dev/null
grep -q $'\r\e\\[Krun 20[0-9][0-9]-[0-9][0-9]-[0-9][0-9] .*% .*M events/s .*left' "$work/terminal.txt" ||
  { echo "no progress line on the terminal:"; cat -v "$work/terminal.txt"; exit 1; }
# The line is cleared before anything else is printed: after the last progress text comes "\r\e[K".
/usr/bin/python3 - "$work/terminal.txt" <<'PY' || { echo "the progress line was not cleared:"; cat -v "$work/terminal.txt"; exit 1; }
import sys
text = open(sys.argv[1], encoding="utf-8", errors="replace", newline="").read()
after = text[text.rindex("left") + len("left"):]
sys.exit(0 if after.startswith("\r\x1b[K") and "Results written" in after else 1)
PY

script -qec "$truckflow $long --quiet > /dev/null" "$work/quiet.txt" > /dev/null
if grep -q 'events/s' "$work/quiet.txt"; then echo "--quiet printed progress"; cat -v "$work/quiet.txt"; exit 1; fi

$truckflow $long --progress-every 0.01 > /dev/null 2> "$work/plain.txt"
if grep -q $'\e' "$work/plain.txt"; then echo "terminal escapes off a terminal"; cat -v "$work/plain.txt"; exit 1; fi
lines=$(grep -c '^run 20[0-9][0-9]-[0-9][0-9]-[0-9][0-9] .*events/s' "$work/plain.txt" || true)
if [ "$lines" -lt 10 ]; then echo "--progress-every 0.01 logged $lines lines"; cat "$work/plain.txt"; exit 1; fi
echo "progress: ok"
