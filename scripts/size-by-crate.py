"""Sums `twiggy top --format csv` rows by crate: reads the CSV on stdin and prints the crates
whose code is largest. A function's crate is the first path segment of its name; for
`<A as B>::f` it is A's (the type whose code it is), so `<groupsim::sim::Sim as Clone>::clone`
counts for groupsim. Sections and data are listed under their own names."""
import csv
import re
import sys

rows = list(csv.DictReader(sys.stdin))
total = sum(int(r["ShallowSize"]) for r in rows)
by_crate = {}
for row in rows:
    name, size = row["Name"], int(row["ShallowSize"])
    if name.startswith(("custom section", "export ")) or "subsection" in name or "__wbindgen_describe" in name:
        continue  # names and wasm-bindgen's descriptions: gone after wasm-bindgen and wasm-opt
    if name.startswith("data[") or not re.search(r"[A-Za-z_]", name):
        crate = "(data)"
    else:
        match = re.match(r"<?&?(?:mut )?(?:dyn )?([A-Za-z_][A-Za-z0-9_]*)", name)
        crate = match.group(1) if match else "(other)"
        generic = re.match(r"<[A-Z][A-Za-z0-9_]* as (?:&?(?:dyn )?)([A-Za-z_][A-Za-z0-9_]*)", name)
        if generic and "::" not in name.split(" as ")[0]:
            crate = generic.group(1)  # `<T as core::fmt::Display>` is core's code for some T
    by_crate[crate] = by_crate.get(crate, 0) + size
code = sum(by_crate.values())
print(f"{'bytes':>9}  {'share':>6}  crate (code and data before wasm-opt; {code} bytes in all)")
for crate, size in sorted(by_crate.items(), key=lambda kv: -kv[1])[:15]:
    print(f"{size:>9}  {100 * size / code:5.1f}%  {crate}")
