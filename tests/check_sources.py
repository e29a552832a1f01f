#!/usr/bin/python3
"""Checks that the repository stands on its own and that its sources are listed.

Usage: check_sources.py [ROOT]   (ROOT: the repository, by default the folder above tests/)

Fails, listing each problem as file:line: message, when
1. a tracked file refers to a file outside the repository: the team's shared folder, an absolute
   path into the workspace, the team's reference document or the brief on the seed report;
2. a scenario under scenarios/ cites a tag that docs/sources.md does not define, or another file
   cites one as `sources.md [tag]`;
3. docs/sources.md defines a tag that nothing cites (a dead entry), or defines one twice.

A tag is lower case letters and digits with at least one hyphen, in square brackets:
[mee-grid-2024], [estimate-ramp]. docs/sources.md defines a tag on a line that starts with
`#### [tag]` (a source; two to four #) or `- [tag]` (an estimate). In a scenario file every tag
in a comment (after ` #`) is a citation; elsewhere a citation is written `sources.md [tag]` (more tags may
follow, separated by commas or spaces). Tracked files are those `git ls-files` lists; outside a
git checkout the tree is walked instead.
"""
import pathlib
import re
import subprocess
import sys

# Built from pieces so that this file does not match itself.
OUTSIDE = [".." + "/shared", "/work" + "/", "sichuan-" + "reference", "BRIEF" + ".md"]
TAG = r"[a-z0-9]+(?:-[a-z0-9]+)+"
TAG_IN_BRACKETS = re.compile(r"\[(" + TAG + r")\]")
DEFINITION = re.compile(r"^(?:#{2,4} |- )\[(" + TAG + r")\]")
CITATION_ELSEWHERE = re.compile(r"sources\.md((?:[ ,;]*\[" + TAG + r"\])+)")
SOURCES = "docs/sources.md"
SKIPPED_FOLDERS = {".git", "build", "results", "__pycache__"}


def tracked_files(root):
    try:
        listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z"], capture_output=True, check=True)
        names = [name for name in listed.stdout.decode("utf-8").split("\0") if name]
        if names:
            return sorted(names)
    except (OSError, subprocess.CalledProcessError):
        pass
    return sorted(
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() and not SKIPPED_FOLDERS.intersection(path.relative_to(root).parts)
    )


def text_lines(path):
    data = path.read_bytes()
    if b"\0" in data:
        return []  # binary
    return data.decode("utf-8", errors="replace").splitlines()


def yaml_comment(line):
    if line.lstrip().startswith("#"):
        return line
    at = line.find(" #")
    return line[at:] if at >= 0 else ""


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent)
    problems = []
    cited = {}  # tag -> (file, line) where it is first cited
    defined = {}  # tag -> line in sources.md

    for name in tracked_files(root):
        path = root / name
        if not path.is_file():
            continue  # deleted but still in the index
        is_scenario = name.startswith("scenarios/") and name.endswith((".yaml", ".yml"))
        for number, line in enumerate(text_lines(path), start=1):
            place = f"{name}:{number}"
            for text in OUTSIDE:
                if text in line:
                    problems.append(f"{place}: refers outside the repository ('{text}'): {line.strip()}")
            if name == SOURCES:
                definition = DEFINITION.match(line)
                if definition:
                    tag = definition.group(1)
                    if tag in defined:
                        problems.append(f"{place}: [{tag}] is defined again (first at line {defined[tag]})")
                    defined.setdefault(tag, number)
                continue
            if is_scenario:
                tags = TAG_IN_BRACKETS.findall(yaml_comment(line))
            else:
                tags = [tag for group in CITATION_ELSEWHERE.findall(line) for tag in TAG_IN_BRACKETS.findall(group)]
            for tag in tags:
                cited.setdefault(tag, (name, number))

    if not (root / SOURCES).is_file():
        problems.append(f"{SOURCES}: missing")
    for tag, (name, number) in sorted(cited.items(), key=lambda item: item[1]):
        if tag not in defined:
            problems.append(f"{name}:{number}: [{tag}] is cited but {SOURCES} does not define it")
    for tag, number in sorted(defined.items(), key=lambda item: item[1]):
        if tag not in cited:
            problems.append(f"{SOURCES}:{number}: [{tag}] is defined but nothing cites it")

    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s)")
        return 1
    print(f"{len(defined)} tags in {SOURCES}, all cited; nothing refers outside the repository")
    return 0


if __name__ == "__main__":
    sys.exit(main())
