#!/usr/bin/env python3
"""What a first visit downloads, per page and per language: the page (index.html), its CSS, and
the one language's JavaScript and wasm its loader picks (scripts/merge-languages.py), each
compressed with `gzip -9`. Prints every page's files in English and a total per language, and
exits 1 if the first page (the first DIR) is over the budget in either language.

Usage: transfer-size.py BUDGET DIR[=WHAT] ...
"""

import json
import pathlib
import re
import subprocess
import sys


def gzipped(path: pathlib.Path) -> int:
    return len(subprocess.run(["gzip", "-9c", str(path)], capture_output=True, check=True).stdout)


def main() -> int:
    budget, pages = int(sys.argv[1]), sys.argv[2:]
    over = False
    for n, arg in enumerate(pages):
        folder, _, what = arg.partition("=")
        root = pathlib.Path(folder)
        page = (root / "index.html").read_text()
        found = re.search(r"const builds = (\{.*?\});", page)
        if not found:
            print(f"transfer-size: {root}/index.html has no language loader", file=sys.stderr)
            return 1
        builds = json.loads(found.group(1))
        shared = [root / "index.html", *sorted(root.glob("*.css"))]
        totals = {}
        for lang, build in builds.items():
            files = shared + [root / build["js"].removeprefix("./"), root / build["wasm"].removeprefix("./")]
            sizes = [(gzipped(f), f) for f in files]
            totals[lang] = sum(size for size, _ in sizes)
            if n == 0 and lang == "en":
                for size, f in sizes:
                    print(f"{size:8d}  {f}")
        said = ", ".join(f"{lang} {total}" for lang, total in totals.items())
        if n == 0:
            over = max(totals.values()) > budget
            print(f"{max(totals.values()):8d}  total bytes gzipped, the larger language (budget {budget}): {said}")
        else:
            print(f"{max(totals.values()):8d}  {what or root} ({said})")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
