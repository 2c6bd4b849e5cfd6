"""Stock and price snapshots: one page of mapped variants, a constant number of queries."""
from odoo import _
from odoo.exceptions import ValidationError

from .. import compat
from ...cartona_rules import MAX_SNAPSHOT_LIMIT, round_money
from ...stock_rules import published_stock


class Snapshot:
    def __init__(self, config):
        self.config = config
        self.env = config.env

    def _page(self, product_ids, offset, limit):
        """``([(product_id, cartona_id)], next_offset)`` of the requested page."""
        for name, value in (("offset", offset), ("limit", limit)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValidationError(_("%s must be a non-negative integer", name))
        limit = max(1, min(limit, MAX_SNAPSHOT_LIMIT))
        cr = self.env.cr
        company_id = self.config.company_id.id
        self.env["product.product"].flush_model(
            ["cartona_id", "active", "cartona_company_id", "marketplace_sync_status"])
        if product_ids is None:
            # Every mapped product but those Cartona refused for good (product_sync_refusal.py):
            # re-sending unchanged values would be refused and alerted again every hour. Their
            # next change (or Sync Now) queues them for the real-time push.
            cr.execute(
                """
                SELECT id, cartona_id FROM product_product
                 WHERE cartona_id IS NOT NULL AND cartona_id <> '' AND active
                   AND marketplace_sync_status IS DISTINCT FROM 'refused'
                   AND (cartona_company_id IS NULL OR cartona_company_id = %s)
                 ORDER BY id LIMIT %s OFFSET %s
                """,
                (company_id, limit + 1, offset),
            )
        else:
            if any(isinstance(p, bool) or not isinstance(p, int) for p in product_ids):
                raise ValidationError(_("product_ids must be a list of integers"))
            cr.execute(
                """
                SELECT id, cartona_id FROM product_product
                 WHERE id = ANY(%s) AND (cartona_company_id IS NULL OR cartona_company_id = %s)
                 ORDER BY id LIMIT %s OFFSET %s
                """,
                (product_ids, company_id, limit + 1, offset),
            )
        rows = cr.fetchall()
        next_offset = offset + limit if len(rows) > limit else None
        return rows[:limit], next_offset

    def stock(self, product_ids, offset, limit):
        rows, next_offset = self._page(product_ids, offset, limit)
        ids = [r[0] for r in rows]
        self.env["stock.quant"].flush_model(["quantity", "reserved_quantity", "location_id"])
        paths = [w.view_location_id.parent_path + "%" for w in self.config._get_warehouses()]
        free = {}
        if ids and paths:
            self.env.cr.execute(
                """
                SELECT q.product_id,
                       SUM(COALESCE(q.quantity, 0) - COALESCE(q.reserved_quantity, 0))
                  FROM stock_quant q JOIN stock_location l ON l.id = q.location_id
                 WHERE q.product_id = ANY(%s) AND l.usage = 'internal'
                   AND l.parent_path LIKE ANY(%s)
                 GROUP BY q.product_id
                """,
                (ids, paths),
            )
            free = dict(self.env.cr.fetchall())
        # prefetched ORM reads (a constant number of queries per page; 19.0 computes
        # uom rounding, so no SQL on uom_uom). The stock rules (buffer, maximum, unlimited)
        # are applied here only, so the real-time push and the reconciliation agree.
        products = self.env["product.product"].sudo().browse(ids)
        by_id = {p.id: p for p in products}
        items = []
        for product_id, cartona_id in rows:
            product = by_id[product_id]
            qty, in_stock = published_stock(free.get(product_id, 0.0),
                                            product._cartona_stock_rule(self.config),
                                            product.uom_id.rounding or 0.01)
            items.append({
                "product_id": product_id,
                "internal_product_id": cartona_id,
                "available_stock_quantity": qty,
                "in_stock": in_stock,
            })
        return {"items": items, "next_offset": next_offset}

    def price(self, product_ids, offset, limit):
        rows, next_offset = self._page(product_ids, offset, limit)
        config = self.config
        products = self.env["product.product"].sudo().browse([r[0] for r in rows])
        currency = config.currency_id
        if config.pricelist_id:
            prices = compat.pricelist_prices(config.pricelist_id.sudo(), products)
        else:
            prices = {p.id: p.lst_price for p in products}
        items = [
            {
                "product_id": product_id,
                "internal_product_id": cartona_id,
                "selling_price": round(round_money(prices.get(product_id, 0.0),
                                                   currency.rounding), currency.decimal_places),
            }
            for product_id, cartona_id in rows
        ]
        return {"items": items, "next_offset": next_offset}
