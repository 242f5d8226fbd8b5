#!/usr/bin/env python3
"""Brings a project's PublicAPI.Unshipped.txt in line with its code, from the PublicApiAnalyzers' own diagnostics.

Usage: tools/update_public_api.py <project folder> [<project folder> ...]

Builds each project once (no incremental build, warnings not fatal), adds every symbol RS0016 reports as missing to
PublicAPI.Unshipped.txt and removes every symbol RS0017 reports as declared but gone, then sorts the file (ordinal, as
the analyzers' code fix does). Review the diff: it is the public API change of the commit.
"""
import re
import subprocess
import sys
from pathlib import Path

MISSING = re.compile(r"error RS0016: Symbol '(.*)' is not part of the declared public API")
GONE = re.compile(r"error RS0017: Symbol '(.*)' is part of the declared API, but is either not public or could not be found")


def update(project: Path) -> None:
    build = subprocess.run(
        ["dotnet", "build", str(project), "-c", "Release", "--no-incremental", "-p:TreatWarningsAsErrors=false"],
        capture_output=True, text=True)
    text = build.stdout + build.stderr
    missing = set(MISSING.findall(text))
    gone = set(GONE.findall(text))
    unshipped = project / "PublicAPI.Unshipped.txt"
    lines = unshipped.read_text().splitlines()
    header = [l for l in lines if l.startswith("#")]
    body = {l for l in lines if l and not l.startswith("#")}
    body = (body | missing) - gone
    unshipped.write_text("\n".join(header + sorted(body, key=lambda s: s.encode())) + "\n")
    print(f"{project}: {len(missing)} added, {len(gone)} removed, {len(body)} declared")


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        update(Path(arg))
