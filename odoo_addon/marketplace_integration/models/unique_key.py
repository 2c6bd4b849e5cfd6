"""Cartona keys unique per company, with a human answer.

The database guarantees uniqueness (partial unique indexes, also under concurrency); before
a create or write reaches them, ``check_unique`` answers with a sentence naming the record
that already holds the key. ``ensure_unique_index`` creates an index at install/update: it
lists the rows that already share a key instead of failing on a raw IntegrityError, and it
recreates the index when its definition (expression, condition) changed.
"""
import hashlib

from odoo import _
from odoo.exceptions import UserError, ValidationError

MAX_LISTED = 20


def _signature(expression, where):
    digest = hashlib.sha1(("%s|%s" % (expression, where or "")).encode()).hexdigest()[:16]
    return "marketplace_integration %s" % digest


def ensure_unique_index(cr, name, table, expression, where=None):
    """Create (or recreate, if its definition changed) a (partial) unique index.

    ``name``/``table``/``expression``/``where`` are constants of the addon, never user input.
    Works the same on 16.0-19.0 (``_sql_constraints`` is ignored from 19.0 and cannot
    express partial indexes anyway)."""
    signature = _signature(expression, where)
    cr.execute("SELECT obj_description(to_regclass(%s), 'pg_class'), to_regclass(%s)",
               (name, name))
    comment, exists = cr.fetchone()
    if exists and comment == signature:
        return
    condition = " WHERE %s" % where if where else ""
    cr.execute("SELECT %s, array_agg(id ORDER BY id) FROM %s%s GROUP BY %s HAVING count(*) > 1 "
               "ORDER BY 2 LIMIT %s" % (expression, table, condition, expression, MAX_LISTED))
    duplicates = cr.fetchall()
    if duplicates:
        raise UserError(_(
            "Cannot make %(table)s (%(key)s) unique: these rows share a key. Give each its own "
            "value (or clear it), then update the module again.\n%(rows)s",
            table=table, key=expression,
            rows="\n".join("%s: ids %s" % (", ".join(map(str, row[:-1])),
                                          ", ".join(map(str, row[-1])))
                           for row in duplicates),
        ))
    if exists:
        cr.execute('DROP INDEX "%s"' % name)
    cr.execute('CREATE UNIQUE INDEX "%s" ON %s (%s)%s' % (name, table, expression, condition))
    cr.execute("COMMENT ON INDEX \"%s\" IS %%s" % name, (signature,))


def check_unique(env, model, field, company_column, items, shared_is_global=False):
    """Refuse keys another record holds, with a sentence naming it.

    ``items``: ``[(record_id or None, company_id or False, value)]`` about to be stored.
    Reads the database without flushing (one query), so it sees what is committed or
    already flushed; what a concurrent transaction writes is left to the unique index.
    ``shared_is_global``: a record without company clashes with the key in any company,
    and a company record with a shared one (partners)."""
    items = [(rid or ("new", i), company or 0, value)
             for i, (rid, company, value) in enumerate(items) if value]
    if not items:
        return
    Model = env[model]
    seen = {}
    for rid, company, value in items:
        other = seen.get((company, value))
        if other and other != rid:
            raise ValidationError(_(
                "%(label)s %(value)s is given to two records at once.",
                label=Model._fields[field].string, value=value))
        seen[(company, value)] = rid
    env.cr.execute(
        "SELECT id, COALESCE(%s, 0), %s FROM %s WHERE %s = ANY(%%s)"
        % (company_column, field, Model._table, field),
        ([value for _r, _c, value in items],),
    )
    holders = env.cr.fetchall()
    for rid, company, value in items:
        for hid, hcompany, hvalue in holders:
            if hvalue != value or hid == rid:
                continue
            if hcompany == company or (shared_is_global and 0 in (hcompany, company)):
                holder = Model.browse(hid).sudo()
                raise ValidationError(_(
                    "%(label)s %(value)s is already used by %(holder)s (id %(id)s, %(company)s). "
                    "Each Cartona key belongs to one record per company.",
                    label=Model._fields[field].string, value=value,
                    holder=holder.display_name, id=hid,
                    company=env["res.company"].sudo().browse(hcompany).name if hcompany
                    else _("shared by all companies"),
                ))
