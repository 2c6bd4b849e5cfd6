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


def create_return_picking(picking, quantities=None):
    """A return of the done ``picking``: ``quantities`` ``{stock.move id: qty}``, or all that
    is not returned yet. The return is confirmed and reserved, never validated; None when
    there is nothing to return. (16.0/17.0: ``_create_returns``; 18.0+: ``_create_return``;
    16.0 fills the lines in an onchange.)"""
    wizard = picking.env["stock.return.picking"].with_context(
        active_id=picking.id, active_ids=picking.ids, active_model="stock.picking"
    ).create({"picking_id": picking.id})
    if SERIES <= 16:
        wizard._onchange_picking_id()
    for line in wizard.product_return_moves:
        move = line.move_id
        returned = sum(m.product_uom_qty for m in move.returned_move_ids if m.state != "cancel")
        left = max(move.product_uom_qty - returned, 0.0)
        line.quantity = min(quantities.get(move.id, 0.0), left) if quantities is not None else left
    if not any(wizard.product_return_moves.mapped("quantity")):
        return None
    if SERIES >= 18:
        return wizard._create_return()
    picking_id, _type_id = wizard._create_returns()
    return picking.browse(picking_id)


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
