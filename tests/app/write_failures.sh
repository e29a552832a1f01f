#!/usr/bin/env bash
# A results file that cannot be written to the end (a full disk, a file-size limit) makes `run` and
# `compare` exit 1 with "cannot write results to 'OUT.h5': <the system's reason>", never crash, and
# leave neither OUT.h5 nor its temporary file behind.
# The write failure is injected with a file-size limit (`ulimit -f`, RLIMIT_FSIZE), which works
# anywhere: truckflow ignores SIGXFSZ, so the write past the limit fails with EFBIG ("File too
# large") like a write to a full disk fails with ENOSPC. As root, a 4 KiB tmpfs gives the real
# "No space left on device"; elsewhere that part is skipped (and says so).
# Usage: write_failures.sh TRUCKFLOW SOURCE_DIR
set -uo pipefail
truckflow=$1
cd "$2"
work=$(mktemp -d)
mounted=""
trap '[ -n "$mounted" ] && umount "$mounted"; rm -rf "$work"' EXIT
failures=0

# expect_write_failure NAME REASON FOLDER LIMIT_BLOCKS COMMAND...: runs COMMAND with -o FOLDER/NAME.h5
# under `ulimit -f LIMIT_BLOCKS` ("unlimited" for none) and checks the outcome.
expect_write_failure() {
  local name=$1 reason=$2 folder=$3 limit=$4
  shift 4
  local out=$folder/$name.h5
  (ulimit -f "$limit" && exec "$truckflow" "$@" -q -o "$out") > /dev/null 2> "$work/$name.err"
  local code=$?
  local problems=""
  [ "$code" -eq 1 ] || problems+=" exit $code (expected 1);"
  grep -q "^truckflow: error: cannot write results to '$out': .*$reason" "$work/$name.err" ||
    problems+=" no message naming the file and '$reason';"
  if grep -q -e 'AddressSanitizer' -e 'runtime error' "$work/$name.err"; then problems+=" a crash or sanitizer report;"; fi
  local left
  left=$(ls -A "$folder" | grep "^$name\.h5" || true)
  [ -z "$left" ] || problems+=" left behind: $left;"
  if [ -n "$problems" ]; then
    echo "FAIL $name:$problems"
    sed 's/^/  | /' "$work/$name.err"
    failures=$((failures + 1))
  else
    echo "ok   $name: $(grep '^truckflow: error' "$work/$name.err")"
  fi
}

tiny=scenarios/tiny/two_regions.yaml
# 16 blocks (8 or 16 KiB, by the shell's block size) is far less than the ~95 KiB of these files.
expect_write_failure run_file_size_limit "File too large" "$work" 16 run "$tiny"
expect_write_failure compare_file_size_limit "File too large" "$work" 16 compare "$tiny"

if [ "$(id -u)" -eq 0 ] && mkdir "$work/full" && mount -t tmpfs -o size=4k tmpfs "$work/full" 2> /dev/null; then
  mounted=$work/full
  expect_write_failure run_full_disk "No space left on device" "$mounted" unlimited run "$tiny"
  expect_write_failure compare_full_disk "No space left on device" "$mounted" unlimited compare "$tiny"
else
  echo "skipped: the full-disk cases (a 4 KiB tmpfs needs root and mount)"
fi

[ "$failures" -eq 0 ] && echo "write failures: all passed" || { echo "write failures: $failures failed"; exit 1; }
