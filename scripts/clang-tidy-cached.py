#!/usr/bin/env python3
"""Runs clang-tidy over the given translation units, skipping those already found clean.

A unit's result depends only on what the compiler sees and on the checks, so the cache key is a
hash of the unit's preprocessed text (every header it includes, without line markers), its
compile flags with the checkout's path taken out (a clean clone elsewhere hits the same
entries), .clang-tidy and the clang-tidy version. Only clean results are cached: a unit with a
finding is checked again on every run until it is fixed.

usage: clang-tidy-cached.py BUILD_DIR FILE...
"""
import concurrent.futures
import hashlib
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "cairn" / "clang-tidy"


def preprocess_command(entry: dict) -> list[str]:
    """The unit's compile command turned into one that prints its preprocessed text."""
    args = entry.get("arguments") or shlex.split(entry["command"])
    out: list[str] = []
    skip = False
    for arg in args:
        if skip:
            skip = False
            continue
        if arg in ("-o", "-c"):
            skip = arg == "-o"
            continue
        if arg.startswith("-W") or arg in ("-g",) or arg.startswith("-O"):
            continue  # warnings, debug info and optimisation do not change the text
        out.append(arg)
    return out + ["-E", "-P"]


def unit_key(entry: dict, root: str, fixed: bytes) -> str | None:
    command = preprocess_command(entry)
    result = subprocess.run(command, cwd=entry["directory"], capture_output=True)
    if result.returncode != 0:
        return None  # clang-tidy will report the error itself
    digest = hashlib.sha256(fixed)
    digest.update(" ".join(entry.get("arguments") or [entry["command"]]).replace(root, "@").encode())
    digest.update(result.stdout.replace(root.encode(), b"@"))
    return digest.hexdigest()


def main() -> int:
    build_dir, files = sys.argv[1], sys.argv[2:]
    root = str(Path.cwd().resolve())
    entries = {str(Path(e["file"]).resolve()): e
               for e in json.loads((Path(build_dir) / "compile_commands.json").read_text())}
    version = subprocess.run(["clang-tidy", "--version"], capture_output=True).stdout
    fixed = version + Path(".clang-tidy").read_bytes()
    store = cache_dir()
    store.mkdir(parents=True, exist_ok=True)

    def check(path: str) -> tuple[str, bool, bool, str]:
        entry = entries.get(str(Path(path).resolve()))
        key = unit_key(entry, root, fixed) if entry else None
        if key and (store / key).exists():
            return path, True, True, ""
        result = subprocess.run(["clang-tidy", "-p", build_dir, "--quiet",
                                 "--warnings-as-errors=*", path],
                                capture_output=True, text=True)
        clean = result.returncode == 0
        if clean and key:
            (store / key).touch()
        return path, clean, False, result.stdout

    failed = hits = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for path, clean, hit, output in pool.map(check, files):
            hits += hit
            if not clean:
                failed += 1
                sys.stdout.write(output or f"{path}: clang-tidy failed\n")
    print(f"clang-tidy: {len(files) - hits} checked, {hits} unchanged since a clean run"
          f" (cache {store})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
