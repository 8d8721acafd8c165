#!/usr/bin/env python3
"""Apply the package restructure (tools/package-moves.tsv) to Java sources written against the old packages.

Usage: python3 tools/apply-package-moves.py [FILE.java ...]   (default: every .java file under src/)

Rewrites every fully qualified name of a moved class (imports, static imports, FQN uses, Javadoc) to its new
name, and the one renamed class (ApiInputException -> InvalidInputException). A file still declared in a
package that no longer exists (enrolment, engraftment, islet) is listed: move it by hand to the package of its
process family (docs/architecture.md#packages), then run this again; its former same-package references then
need imports, which the compiler names.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
moves = {}
for line in (ROOT / "tools" / "package-moves.tsv").read_text().splitlines():
    if line and not line.startswith("#"):
        old, new = line.split("\t")
        moves[old] = new
renamed = {o.rsplit(".", 1)[1]: n.rsplit(".", 1)[1] for o, n in moves.items()
           if o.rsplit(".", 1)[1] != n.rsplit(".", 1)[1]}
gone = {o.rsplit(".", 1)[0] for o in moves
        if not (ROOT / "src" / "main" / "java" / o.rsplit(".", 1)[0].replace(".", "/")).is_dir()}
fqn = re.compile(r"\borg\.ucbislet\.[a-z]+\.[A-Z][A-Za-z0-9]*\b")

files = [pathlib.Path(a) for a in sys.argv[1:]] or sorted(ROOT.glob("src/**/*.java"))
for path in files:
    text = path.read_text()
    new = fqn.sub(lambda m: moves.get(m.group(0), m.group(0)), text)
    for old_name, new_name in renamed.items():
        new = re.sub(r"\b%s\b" % old_name, new_name, new)
    if new != text:
        path.write_text(new)
        print("rewritten:", path)
    package = re.search(r"^package ([\w.]+);", new, re.M)
    if package and package.group(1) in gone:
        print("still in a removed package (move it by hand):", path, package.group(1))
