#!/usr/bin/python3
"""Damaged results files never take `truckflow inspect` down, and it says what is wrong.

A small run's results file is copied N times, and a comparison's N/3 times, with one byte changed
at positions drawn with a fixed seed; `inspect` must exit 0 (the change went unnoticed) or 2 (bad
input, with a message naming the file), never 1, never by a signal, never with a sanitizer report, never hanging. Truncated copies, a
file that is not HDF5 and one in the HDF5 format without checksums are bad input too (exit 2).
Prints how many changes were detected. Uses Debian's python3-h5py.

Usage: damaged_results.py TRUCKFLOW SOURCE_DIR [N]   (N defaults to 500)
"""
import os
import pathlib
import random
import subprocess
import sys
import tempfile
import time

import h5py

SEED = 20261201


# HDF5 leaks some of what it allocated when it gives up on a damaged file: not truckflow's leaks.
ENVIRONMENT = dict(os.environ, LSAN_OPTIONS="print_suppressions=0:suppressions="
                   + str(pathlib.Path(__file__).with_name("hdf5_leaks.supp")))


def inspect(truckflow, path):
    try:
        done = subprocess.run([truckflow, "inspect", str(path)], capture_output=True, text=True, timeout=30,
                              env=ENVIRONMENT)
    except subprocess.TimeoutExpired:
        return None, "timed out after 30 s"
    return done.returncode, done.stderr


def problem(code, stderr, path):
    """What is wrong with the outcome of inspecting a damaged file (None if it is acceptable)."""
    if code is None:
        return stderr
    if "Sanitizer" in stderr or "runtime error" in stderr:
        return "sanitizer report: " + stderr[:2000]
    if code not in (0, 2):
        return f"exit {code}: {stderr[:2000]}"
    if code == 2 and not stderr.startswith(f"truckflow: error: '{path}'"):
        return "exit 2 without a message naming the file: " + stderr[:500]
    return None


def results_file(truckflow, source, command, path):
    made = subprocess.run([truckflow, command, "scenarios/tiny/two_regions.yaml", "-q", "-o", str(path)],
                          cwd=source, capture_output=True, text=True)
    if made.returncode != 0:
        sys.exit(f"{command} failed: {made.stderr}")
    code, stderr = inspect(truckflow, path)
    if code != 0:
        sys.exit(f"the undamaged {command} file: exit {code}: {stderr}")
    return path.read_bytes()


def change_bytes(truckflow, data, count, rng, copy, what):
    """Inspects `count` copies of `data` with one byte changed; returns (detected, failures, reasons)."""
    detected, failures, reasons = 0, [], {}
    for _ in range(count):
        position = rng.randrange(len(data))
        changed = bytearray(data)
        changed[position] ^= rng.randrange(1, 256)
        copy.write_bytes(changed)
        code, stderr = inspect(truckflow, copy)
        wrong = problem(code, stderr, copy)
        if wrong:
            failures.append(f"{what} file, byte {position} changed: {wrong}")
        elif code == 2:
            detected += 1
            reason = stderr.strip().split(f"'{copy}' ", 1)[-1].split(" (")[0]
            reasons[reason] = reasons.get(reason, 0) + 1
    print(f"{what} file ({len(data)} bytes), {count} copies with one byte changed: {detected} detected (exit 2), "
          f"{count - detected - len(failures)} unnoticed (exit 0), {len(failures)} failures")
    return detected, failures, reasons


def main():
    truckflow, source = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 500
    compare_count = count // 3
    started = time.monotonic()
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory(prefix="truckflow_damaged_") as folder:
        folder = pathlib.Path(folder)
        copy = folder / "damaged.h5"
        data = results_file(truckflow, source, "run", folder / "run.h5")
        _, failures, reasons = change_bytes(truckflow, data, count, rng, copy, "run")
        compare_data = results_file(truckflow, source, "compare", folder / "compare.h5")
        _, compare_failures, compare_reasons = change_bytes(truckflow, compare_data, compare_count, rng, copy,
                                                            "compare")
        failures += compare_failures
        for reason, n in compare_reasons.items():
            reasons[reason] = reasons.get(reason, 0) + n

        cases = {f"truncated to {n} bytes": data[:n] for n in (0, 7, 100, 1000, len(data) // 2, len(data) - 1)}
        cases["not HDF5"] = b"region,trucks\nchengdu,4\n" * 100
        for name, content in cases.items():
            copy.write_bytes(content)
            code, stderr = inspect(truckflow, copy)
            wrong = problem(code, stderr, copy) or (None if code == 2 else f"exit {code} (expected 2)")
            if wrong:
                failures.append(f"{name}: {wrong}")

        # The HDF5 format before 1.8 (superblock version 0) has no checksums: refused as such.
        with h5py.File(copy, "w", libver="earliest") as old:
            old.attrs["truckflow_kind"] = "run"
        code, stderr = inspect(truckflow, copy)
        if code != 2 or "has no checksums (HDF5 superblock version 0)" not in stderr:
            failures.append(f"a file without checksums: exit {code}: {stderr[:500]}")

    print(f"seed {SEED}; {time.monotonic() - started:.0f} s; the most frequent messages:")
    for reason, n in sorted(reasons.items(), key=lambda item: -item[1])[:8]:
        print(f"  {n:4d} x {reason}")
    for failure in failures:
        print("FAIL", failure)
    print(f"{count + compare_count + len(cases) + 1 - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
