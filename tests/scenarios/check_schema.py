#!/usr/bin/python3
"""Checks scenarios against truckflow's JSON Schema (draft-07).

Usage: check_schema.py SCHEMA FOLDER [--skip SUBFOLDER...] [--valid FILE...] [--invalid FILE...].
Every YAML file under FOLDER (but those under a --skip SUBFOLDER), and each --valid FILE, must match
the schema (each problem is printed as file: key/path:
message); each --invalid FILE must not. Exits 1 if anything is otherwise. Uses Debian's python3-jsonschema and python3-yaml (run with
/usr/bin/python3).
"""
import argparse
import datetime
import json
import pathlib
import sys

import jsonschema
import yaml


def as_json(value):
    """PyYAML reads dates as datetime.date; the schema (like truckflow) expects the ISO text. JSON
    keys are text: a key read as a number (a year, an hour) is its text, as in truckflow."""
    if isinstance(value, dict):
        return {str(key): as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def load(path):
    return as_json(yaml.safe_load(pathlib.Path(path).read_text(encoding="utf-8")))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("schema")
    parser.add_argument("folder")
    parser.add_argument("--skip", nargs="*", default=[])
    parser.add_argument("--valid", nargs="*", default=[])
    parser.add_argument("--invalid", nargs="*", default=[])
    args = parser.parse_args()
    schema = json.loads(pathlib.Path(args.schema).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    folder = pathlib.Path(args.folder)
    files = [path for path in sorted(folder.rglob("*.yaml")) if path.relative_to(folder).parts[0] not in args.skip]
    files += [pathlib.Path(f) for f in args.valid]
    invalid = args.invalid
    problems = 0
    for path in invalid:
        if validator.is_valid(load(path)):
            print(f"{path}: the schema accepts it, but it should not")
            problems += 1
    for path in files:
        document = load(path)
        for error in validator.iter_errors(document):
            where = "/".join(str(part) for part in error.absolute_path) or "(top level)"
            print(f"{path}: {where}: {error.message}")
            problems += 1
    print(f"{len(files)} valid and {len(invalid)} invalid files checked, {problems} problems")
    if not files:
        print("no files found")
        return 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
