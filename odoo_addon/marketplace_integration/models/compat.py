"""The only place that knows about Odoo series differences (16.0 - 19.0).

Models import helpers from here; nothing else branches on the series.
"""
from odoo import release

SERIES = release.version_info[0]
SERIES_STR = "%s.0" % SERIES


def storable_product_vals():
    """Vals that make a product storable (tracked in stock)."""
    if SERIES >= 18:
        return {"type": "consu", "is_storable": True}
    return {"detailed_type": "product"}


def service_product_vals():
    if SERIES >= 18:
        return {"type": "service"}
    return {"detailed_type": "service"}


def order_line_tax_field():
    """Name of the taxes Many2many on sale.order.line."""
    return "tax_ids" if SERIES >= 19 else "tax_id"


def partner_phone_vals(phone, phone2):
    """Phone fields of res.partner (19.0 dropped ``mobile``)."""
    vals = {"phone": phone or False}
    if SERIES >= 19:
        return vals
    vals["mobile"] = phone2 or False
    return vals


def user_groups_field():
    """Groups Many2many on res.users (``group_ids`` from 19.0)."""
    return "group_ids" if SERIES >= 19 else "groups_id"


def pricelist_prices(pricelist, products):
    """Unit prices for quantity 1: ``{product_id: price}``."""
    return pricelist._get_products_price(products, 1.0)


def ensure_index(cr, name, table, expression, where=None):
    cr.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", (name,))
    if cr.fetchone():
        return
    query = "CREATE INDEX %s ON %s (%s)" % (name, table, expression)
    if where:
        query += " WHERE %s" % where
    cr.execute(query)


def is_unique_violation(exc):
    import psycopg2.errors

    return isinstance(exc, psycopg2.errors.UniqueViolation)
