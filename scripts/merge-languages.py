#!/usr/bin/env python3
"""Makes one page of a site's two one-language builds (docs/decisions.md, "One language per
download").

Usage: merge-languages.py EN_DIST ZH_DIST

Trunk built the page twice, with the `lang-en` and the `lang-zh` feature, into EN_DIST and
ZH_DIST. This copies the Chinese build's JavaScript and wasm into EN_DIST beside the English
ones and replaces the page's loader (Trunk's module script and its two preload links) with one
that chooses which build to load. It chooses as the page itself would
(`web/src/services/language.rs`): `?lang=`, else the visitor's last choice (local storage), else
the first of the browser's languages that is English or Chinese, else English. A visitor
downloads one language's words; the language switch opens the page again with `?lang=`.
"""

import json
import pathlib
import re
import shutil
import sys

LOADER = re.compile(
    r"<script type=module>import init, \* as bindings from '(?P<js>[^']+)';.*?</script>"
    r"<link crossorigin href=(?P=js) integrity=(?P<js_sri>\S+) rel=modulepreload>"
    r"<link as=fetch crossorigin href=(?P<wasm>\S+) integrity=(?P<wasm_sri>\S+) rel=preload type=application/wasm>",
    re.S,
)

# The same rules as services::language::initial, in the page before any of it loads. The wasm is
# fetched while the JavaScript loads. Trunk's integrity digests are left out: the files are the
# page's own, from its own origin, and the four digests were a fifth of the page's bytes.
CHOOSER = """<script type=module>
const builds = BUILDS;
const code = (c) => (/^(en|zh)(?:[-_]|$)/i.exec(c || "") || [])[1]?.toLowerCase();
let lang = code(new URLSearchParams(location.search).get("lang"));
try { lang ||= code(localStorage.getItem("kafka-playground-lang")); } catch {}
lang ||= navigator.languages.map(code).find(Boolean) || "en";
const build = builds[lang];
const wasm = fetch(build.wasm);
const bindings = await import(build.js);
const instance = await bindings.default({ module_or_path: wasm });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm: instance } }));
</script>"""


def loader(page: str, name: str) -> re.Match:
    found = LOADER.search(page)
    if not found:
        sys.exit(f"merge-languages: {name} has no Trunk loader this script knows")
    return found


def main() -> int:
    en_dir, zh_dir = (pathlib.Path(d) for d in sys.argv[1:3])
    en_page = (en_dir / "index.html").read_text()
    en, zh = loader(en_page, en_dir / "index.html"), loader((zh_dir / "index.html").read_text(), zh_dir)
    for path in (zh["js"], zh["wasm"]):
        name = pathlib.PurePosixPath(path).name
        shutil.copyfile(zh_dir / name, en_dir / name)
    builds = {lang: {k: m[k] for k in ("js", "wasm")} for lang, m in (("en", en), ("zh", zh))}
    chooser = CHOOSER.replace("BUILDS", json.dumps(builds, separators=(",", ":")))
    chooser = "\n".join(line.strip() for line in chooser.splitlines())
    (en_dir / "index.html").write_text(en_page[: en.start()] + chooser + en_page[en.end() :])
    print(f"merge-languages: {en_dir}/index.html loads {en['wasm']} or {zh['wasm']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
