#!/usr/bin/env python3
"""Build the addon for one Odoo series from the single source tree.

    python3 scripts/odoo/build-addon.py <series> <out_dir>

writes <out_dir>/marketplace_integration. The source (odoo_addon/marketplace_integration)
is written for 18.0/19.0 XML (<list>, view_mode list). For 16.0/17.0 list views become
<tree> and kanban "card" templates become "kanban-box"; for 16.0 conditional invisible="..." becomes attrs; for 19.0 the security groups get
res.groups.privilege. Files under odoo_addon/series/<series>/marketplace_integration (none
today) would replace their source counterparts.
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


def to_kanban_box(text, path):
    """16.0/17.0: a kanban ``card`` template (18.0+) becomes a ``kanban-box`` with the root
    element 18.0 draws itself. The source marks the card's end with ``</t><!-- /card -->``;
    a card without the marker stops the build."""
    opened = text.count('<t t-name="card">')
    if not opened:
        return text
    if text.count("</t><!-- /card -->") != opened:
        raise SystemExit("%s: every <t t-name=\"card\"> must end with </t><!-- /card -->" % path)
    text = text.replace('<t t-name="card">',
                        '<t t-name="kanban-box"><div class="oe_kanban_global_click o_kanban_record_card p-3">')
    return text.replace("</t><!-- /card -->", "</div></t>")


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

    text = re.sub(r'(?<![\w-])invisible="([^"]*)"', repl, text)
    # 17.0+ hides a list column with column_invisible; 16.0 with a static invisible
    return text.replace('column_invisible="1"', 'invisible="1"')


def to_19_security(text):
    """19.0: res.groups has privilege_id (-> res.groups.privilege) instead of category_id and
    user_ids instead of users."""
    text = re.sub(r'(<record id="group_[a-z_]+" model="res.groups">\s*<field name="name">[^<]*</field>\s*)'
                  r'<field name="category_id" ref="module_category_marketplace"/>',
                  r'\1<field name="privilege_id" ref="res_groups_privilege_marketplace"/>', text)
    text = re.sub(r'\s*<field name="category_id" ref="base.module_category_hidden"/>', "", text)
    text = text.replace('<field name="users" ', '<field name="user_ids" ')
    anchor = '    <record id="group_marketplace_user" model="res.groups">'
    if anchor not in text or "category_id" in text.split("res.groups", 1)[1]:
        raise SystemExit("security.xml changed shape: update to_19_security in build-addon.py")
    privilege = (
        '    <record id="res_groups_privilege_marketplace" model="res.groups.privilege">\n'
        '        <field name="name">Marketplace</field>\n'
        '        <field name="sequence">50</field>\n'
        '        <field name="category_id" ref="module_category_marketplace"/>\n'
        '    </record>\n\n'
    )
    return text.replace(anchor, privilege + anchor, 1)


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
    if series == "19.0":
        path = target / "security" / "security.xml"
        path.write_text(to_19_security(path.read_text()))
    if series in ("16.0", "17.0"):
        for path in target.rglob("*.xml"):
            text = path.read_text()
            new = to_kanban_box(to_tree(text), path)
            if series == "16.0" and "/views/" in str(path):
                new = to_attrs(new, path)
            if new != text:
                path.write_text(new)
    return target


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    print(build(sys.argv[1], sys.argv[2]))
