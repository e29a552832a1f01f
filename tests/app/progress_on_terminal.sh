#!/usr/bin/env bash
# On a terminal, `truckflow run` rewrites one progress line on stderr ("\r\e[K...") and clears it at
# the end; with --quiet it prints none; off a terminal it never writes terminal escapes.
# Usage: progress_on_terminal.sh TRUCKFLOW SOURCE_DIR
set -euo pipefail
truckflow=$1
cd "$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
long="run scenarios/sichuan.yaml --set simulation.sample_interval_days=0.05 -o $work/out.h5"

script -qec "$truckflow $long > /dev/null" "$work/terminal.txt" > /dev/null
grep -q $'\r\e\\[Krun 20[0-9][0-9]-[0-9][0-9]-[0-9][0-9] .*% .*M events/s .*left' "$work/terminal.txt" ||
  { echo "no progress line on the terminal:"; cat -v "$work/terminal.txt"; exit 1; }

script -qec "$truckflow $long --quiet > /dev/null" "$work/quiet.txt" > /dev/null
if grep -q 'events/s' "$work/quiet.txt"; then echo "--quiet printed progress"; cat -v "$work/quiet.txt"; exit 1; fi

$truckflow $long > /dev/null 2> "$work/plain.txt"
if grep -q $'\e' "$work/plain.txt"; then echo "terminal escapes off a terminal"; cat -v "$work/plain.txt"; exit 1; fi
echo "progress: ok"
