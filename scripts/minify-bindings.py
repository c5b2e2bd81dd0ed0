#!/usr/bin/env python3
"""Trunk post-build hook: minify wasm-bindgen's JavaScript in a release build.

Trunk minifies the HTML and CSS but leaves wasm-bindgen's generated module as written (42 KB,
7.6 KB gzipped). terser (installed by `./x setup`) brings it to about 5.8 KB gzipped. Trunk has
already written the page with a sha384 integrity digest of the file, so the digest in the page is
replaced by the minified file's own; the browser would refuse the file otherwise.

Runs in Trunk's staging directory (TRUNK_STAGING_DIR) before it becomes dist/; debug builds are
left alone.
"""

import base64
import hashlib
import os
import pathlib
import subprocess
import sys


def digest(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def main() -> int:
    if os.environ.get("TRUNK_PROFILE") != "release":
        return 0
    staging = pathlib.Path(os.environ["TRUNK_STAGING_DIR"])
    terser = pathlib.Path(__file__).resolve().parent.parent / "node_modules/.bin/terser"
    page = staging / "index.html"
    html = page.read_text()
    for js in sorted(staging.glob("*.js")):
        before = js.read_bytes()
        subprocess.run(
            [str(terser), str(js), "--module", "--compress", "--mangle", "--output", str(js)],
            check=True,
        )
        after = js.read_bytes()
        old, new = digest(before), digest(after)
        if old not in html:
            print(f"minify-bindings: {js.name}'s digest is not in index.html", file=sys.stderr)
            return 1
        html = html.replace(old, new)
        print(f"minify-bindings: {js.name} {len(before)} -> {len(after)} bytes")
    page.write_text(html)
    return 0


if __name__ == "__main__":
    sys.exit(main())
