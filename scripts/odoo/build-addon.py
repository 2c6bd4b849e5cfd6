#!/usr/bin/env python3
"""Build the addon for one Odoo series from the single source tree.

    python3 scripts/odoo/build-addon.py <series> <out_dir>

writes <out_dir>/marketplace_integration. The source (odoo_addon/marketplace_integration)
is written for 18.0/19.0 XML (<list>, view_mode list). For 16.0/17.0 list views become
<tree>; files under odoo_addon/series/<series>/marketplace_integration replace their
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
            if new != text:
                path.write_text(new)
    return target


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    print(build(sys.argv[1], sys.argv[2]))
