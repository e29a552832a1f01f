#!/usr/bin/python3
"""Checks every scenario under a folder against truckflow's JSON Schema (draft-07).

Usage: check_schema.py SCHEMA FOLDER. Prints each problem as file: key/path: message and exits
1 if there is any. Uses Debian's python3-jsonschema and python3-yaml (run with /usr/bin/python3).
"""
import datetime
import json
import pathlib
import sys

import jsonschema
import yaml


def as_json(value):
    """PyYAML reads dates as datetime.date; the schema (like truckflow) expects the ISO text."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def main():
    schema = json.loads(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    files = sorted(pathlib.Path(sys.argv[2]).rglob("*.yaml"))
    problems = 0
    for path in files:
        document = as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
        for error in validator.iter_errors(document):
            where = "/".join(str(part) for part in error.absolute_path) or "(top level)"
            print(f"{path}: {where}: {error.message}")
            problems += 1
    print(f"{len(files)} scenario files checked, {problems} problems")
    if not files:
        print("no scenario files found")
        return 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
