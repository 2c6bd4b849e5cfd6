"""The outbox seen from n8n: lease pending entries (``FOR UPDATE SKIP LOCKED``), acknowledge
them, and put the products' sync status in one write per outcome."""
from odoo import _, fields
from odoo.exceptions import ValidationError

from ...cartona_rules import MAX_ELEMENTS
from ...exceptions import ElementError
from ..marketplace_outbox import KINDS, MAX_ATTEMPTS
from .runner import BatchRunner

ACK_OK = """
    UPDATE marketplace_outbox
       SET state = CASE WHEN seq = claimed_seq THEN 'done' ELSE 'pending' END,
           done_date = CASE WHEN seq = claimed_seq THEN now() AT TIME ZONE 'UTC' END,
           lease_until = NULL, last_error = NULL, write_date = now() AT TIME ZONE 'UTC'
     WHERE id = %s AND config_id = %s AND state = 'leased'
    RETURNING state, product_id
"""
ACK_FAILED = """
    UPDATE marketplace_outbox
       SET state = CASE WHEN attempts + 1 >= %s THEN 'failed' ELSE 'pending' END,
           attempts = attempts + 1, last_error = %s, lease_until = NULL,
           write_date = now() AT TIME ZONE 'UTC'
     WHERE id = %s AND config_id = %s AND state = 'leased'
    RETURNING state, product_id
"""


class OutboxApi:
    def __init__(self, config):
        self.config = config
        self.env = config.env

    def claim(self, kinds, limit, lease_seconds):
        valid = [k for k, _label in KINDS]
        if kinds is None:
            kinds = valid
        if any(k not in valid for k in kinds):
            raise ValidationError(_("kinds must be among %s", ", ".join(valid)))
        for name, value in (("limit", limit), ("lease_seconds", lease_seconds)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValidationError(_("%s must be a positive integer", name))
        self.env["marketplace.outbox"].flush_model()
        # The pick is a MATERIALIZED CTE: as ``WHERE id IN (SELECT ... LIMIT n FOR UPDATE
        # SKIP LOCKED)`` the planner may run the subquery more than once and lease more than
        # ``limit`` entries (seen: a claim with limit 1 answered 2 entries).
        self.env.cr.execute(
            """
            WITH picked AS MATERIALIZED (
                   SELECT id FROM marketplace_outbox
                    WHERE config_id = %s AND kind = ANY(%s)
                      AND (state = 'pending'
                           OR (state = 'leased' AND lease_until < (clock_timestamp() AT TIME ZONE 'UTC')))
                    ORDER BY id LIMIT %s
                    FOR UPDATE SKIP LOCKED)
            UPDATE marketplace_outbox o
               SET state = 'leased', claimed_seq = o.seq,
                   lease_until = (clock_timestamp() AT TIME ZONE 'UTC') + make_interval(secs => %s),
                   write_date = clock_timestamp() AT TIME ZONE 'UTC'
              FROM picked
             WHERE o.id = picked.id
            RETURNING o.id, o.kind, o.res_model, o.res_id, o.product_id, o.sale_order_id,
                      o.attempts, o.lease_until
            """,
            (self.config.id, kinds, min(limit, MAX_ELEMENTS), min(lease_seconds, 3600)),
        )
        rows = sorted(self.env.cr.fetchall())
        self.env["marketplace.outbox"].invalidate_model()
        products = {p.id: p.cartona_id for p in self.env["product.product"].sudo().browse(
            [r[4] for r in rows if r[4]])}
        orders = {o.id: o.marketplace_order_id for o in self.env["sale.order"].sudo().browse(
            [r[5] for r in rows if r[5]])}
        items = []
        for entry_id, kind, res_model, res_id, product_id, order_id, attempts, lease in rows:
            item = {"entry_id": entry_id, "kind": kind, "res_model": res_model, "res_id": res_id,
                    "attempts": attempts, "lease_until": fields.Datetime.to_string(lease)}
            if product_id:
                item["product_id"] = product_id
                item["cartona_id"] = products.get(product_id) or None
            if order_id:
                item["sale_order_id"] = order_id
                item["cartona_id"] = orders.get(order_id) or None
            items.append(item)
        return items

    def ack(self, entries):
        cr = self.env.cr
        self.env["marketplace.outbox"].flush_model()
        synced, failed = [], []

        def handler(entry, index):
            entry_id = entry.get("entry_id")
            if isinstance(entry_id, bool) or not isinstance(entry_id, int):
                raise ElementError("entry_id", '"entry_id" must be an integer')
            ok = entry.get("ok")
            if not isinstance(ok, bool):
                raise ElementError("ok", '"ok" must be true or false')
            if ok:
                cr.execute(ACK_OK, (entry_id, self.config.id))
            else:
                cr.execute(ACK_FAILED, (MAX_ATTEMPTS, str(entry.get("error") or "unknown error")[:2000],
                                        entry_id, self.config.id))
            row = cr.fetchone()
            if not row:
                raise ElementError("entry_id", "entry %s is not leased by this configuration "
                                   "(unknown, already acknowledged, or its lease expired)" % entry_id)
            if row[1]:
                (synced if ok else failed).append(row[1])
            return {"entry_id": entry_id, "status": row[0]}

        results = BatchRunner(self.env).run(entries, "Entry", "entry_id", handler)
        self.env["marketplace.outbox"].invalidate_model()
        now = fields.Datetime.now()
        self._set_status(synced, {"marketplace_sync_status": "synced", "last_sync_date": now})
        self._set_status(failed, {"marketplace_sync_status": "error"})
        return results

    def _set_status(self, product_ids, vals):
        if not product_ids:
            return
        Product = self.env["product.product"].sudo().with_context(marketplace_no_outbox=True)
        products = Product.browse(sorted(set(product_ids)))
        products.write(vals)
        products.product_tmpl_id.with_context(marketplace_no_outbox=True).write(vals)
