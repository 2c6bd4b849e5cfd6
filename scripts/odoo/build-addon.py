#!/usr/bin/env python3
"""Build the addon for one Odoo series from the single source tree.

    python3 scripts/odoo/build-addon.py <series> <out_dir>

writes <out_dir>/marketplace_integration. The source (odoo_addon/marketplace_integration)
is written for 18.0/19.0 XML (<list>, view_mode list). For 16.0/17.0 list views become
<tree>; for 16.0 conditional invisible="..." becomes attrs; files under odoo_addon/series/<series>/marketplace_integration replace their
source counterparts (16.0: attrs views; 19.0: security groups with privileges).
"""
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "odoo_addon" / "marketplace_integration"
OVERRIDES = ROOT / "odoo_addon" / "series"
SERIES = ("16.0", "17.0", "18.0", "19.0")


def to_tree(text):
    text = re.sub(r"<list(?=[\s>])", "<tree", text)
    text = text.replace("</list>", "</tree>")
    text = re.sub(r'(<field name="view_mode">)list\b', r"\1tree", text)
    return text


STATIC = {"1", "0", "True", "False", "true", "false"}


def to_attrs(text, path):
    """16.0: conditional ``invisible="<expr>"`` becomes ``attrs``. Only the two shapes the
    source uses are translated (``not field`` and ``field``); anything else fails the build
    so that no view silently loses its condition."""

    def repl(match):
        expr = match.group(1).strip()
        if expr in STATIC:
            return match.group(0)
        m = re.fullmatch(r"not\s+([a-z_][a-z0-9_]*)", expr)
        if m:
            return "attrs=\"{'invisible': [('%s', '=', False)]}\"" % m.group(1)
        if re.fullmatch(r"[a-z_][a-z0-9_]*", expr):
            return "attrs=\"{'invisible': [('%s', '!=', False)]}\"" % expr
        raise SystemExit("%s: cannot translate invisible=%r for 16.0; add an override file under "
                         "odoo_addon/series/16.0/" % (path, expr))

    return re.sub(r'(?<![\w-])invisible="([^"]*)"', repl, text)


def build(series, out_dir):
    if series not in SERIES:
        raise SystemExit("unknown series %s (one of %s)" % (series, ", ".join(SERIES)))
    target = Path(out_dir) / "marketplace_integration"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(SOURCE, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    override = OVERRIDES / series / "marketplace_integration"
    if override.is_dir():
        for path in override.rglob("*"):
            if path.is_file():
                dest = target / path.relative_to(override)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, dest)
    if series in ("16.0", "17.0"):
        for path in target.rglob("*.xml"):
            text = path.read_text()
            new = to_tree(text)
            if series == "16.0" and "/views/" in str(path):
                new = to_attrs(new, path)
            if new != text:
                path.write_text(new)
    return target


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    print(build(sys.argv[1], sys.argv[2]))
