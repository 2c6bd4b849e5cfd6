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

    @staticmethod
    def _check_int(name, value, allow_none=False):
        if value is None and allow_none:
            return
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValidationError(_("%s must be a non-negative integer", name))

    def _mapped_where(self):
        """The products of the full reconciliation: every mapped product but those Cartona
        refused for good (product_sync_refusal.py): re-sending unchanged values would be refused
        and alerted again every hour. Their next change (or Sync Now) queues them for the
        real-time push."""
        return (
            """cartona_id IS NOT NULL AND cartona_id <> '' AND active
               AND marketplace_sync_status IS DISTINCT FROM 'refused'
               AND (cartona_company_id IS NULL OR cartona_company_id = %s)""",
            [self.config.company_id.id],
        )

    def _flush(self):
        self.env["product.product"].flush_model(
            ["cartona_id", "active", "cartona_company_id", "marketplace_sync_status"])

    def _page(self, product_ids, offset, limit, after_id=None, until_id=None):
        """``([(product_id, cartona_id)], next_offset, next_after)`` of the requested page.

        Keyset paging: ``after_id`` keeps the variants with a greater id, ``until_id`` those up
        to it (inclusive); products are ordered by id, so a product that leaves the snapshot
        (refused, unmapped) does not move the next page as it moves an offset. ``next_after`` is
        the last id of the page when more rows follow (within ``until_id``), else None.
        """
        for name, value in (("offset", offset), ("limit", limit)):
            self._check_int(name, value)
        self._check_int("after_id", after_id, allow_none=True)
        self._check_int("until_id", until_id, allow_none=True)
        limit = max(1, min(limit, MAX_SNAPSHOT_LIMIT))
        cr = self.env.cr
        company_id = self.config.company_id.id
        self._flush()
        if product_ids is None:
            where, params = self._mapped_where()
        else:
            if any(isinstance(p, bool) or not isinstance(p, int) for p in product_ids):
                raise ValidationError(_("product_ids must be a list of integers"))
            where = "id = ANY(%s) AND (cartona_company_id IS NULL OR cartona_company_id = %s)"
            params = [product_ids, company_id]
        if after_id is not None:
            where += " AND id > %s"
            params.append(after_id)
        if until_id is not None:
            where += " AND id <= %s"
            params.append(until_id)
        # where is built from constants only; every value is a parameter
        cr.execute(
            "SELECT id, cartona_id FROM product_product WHERE "  # noqa: S608
            + where + " ORDER BY id LIMIT %s OFFSET %s",
            (*params, limit + 1, offset),
        )
        rows = cr.fetchall()
        more = len(rows) > limit
        rows = rows[:limit]
        next_offset = offset + limit if more else None
        next_after = rows[-1][0] if more else None
        return rows, next_offset, next_after

    def pages(self, limit):
        """The id ranges of the full reconciliation's pages, from one id-only query:
        ``[{"after": a, "until": u}]``, ``limit`` products each at the time of the call, in id
        order; the last range is open (``until`` None), so a product mapped meanwhile with a
        higher id is still read. A caller reconciles each range on its own and knows the next
        one even when a page fails (a refusal recorded meanwhile shifts no range)."""
        self._check_int("limit", limit)
        limit = max(1, min(limit, MAX_SNAPSHOT_LIMIT))
        self._flush()
        where, params = self._mapped_where()
        self.env.cr.execute(
            "SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n"  # noqa: S608
            " FROM product_product WHERE " + where + ") AS mapped WHERE n %% %s = 0 ORDER BY id",
            (*params, limit),
        )
        ends = [r[0] for r in self.env.cr.fetchall()]
        after = [0] + ends
        return {"pages": [{"after": a, "until": u} for a, u in zip(after, ends + [None])]}

    def stock(self, product_ids, offset, limit, after_id=None, until_id=None):
        rows, next_offset, next_after = self._page(product_ids, offset, limit, after_id, until_id)
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
        return {"items": items, "next_offset": next_offset, "next_after": next_after}

    def price(self, product_ids, offset, limit, after_id=None, until_id=None):
        rows, next_offset, next_after = self._page(product_ids, offset, limit, after_id, until_id)
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
        return {"items": items, "next_offset": next_offset, "next_after": next_after}
