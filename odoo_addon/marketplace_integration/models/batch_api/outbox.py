"""The outbox seen from n8n: lease pending entries (``FOR UPDATE SKIP LOCKED``), acknowledge
them, and put the products' sync status in one write per outcome.

An entry Cartona refused itself (``refused: true``: it looked at the change and said no, so
the same change would be refused again) is not retried: it is ``failed`` at once, answered
``refused`` (with the product and Cartona's reason, so n8n alerts once), and its product shows
"Refused by Cartona" with the reason. The product's next change queues a new entry. Other
failures go back to pending with the attempt counted, as before (``failed`` after 10).
"""
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


ACK_REFUSED = """
    UPDATE marketplace_outbox
       SET state = CASE WHEN seq = claimed_seq THEN 'failed' ELSE 'pending' END,
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
        synced, failed, refused = [], [], {}

        def handler(entry, index):
            entry_id = entry.get("entry_id")
            if isinstance(entry_id, bool) or not isinstance(entry_id, int):
                raise ElementError("entry_id", '"entry_id" must be an integer')
            ok = entry.get("ok")
            if not isinstance(ok, bool):
                raise ElementError("ok", '"ok" must be true or false')
            is_refused = entry.get("refused", False)
            if not isinstance(is_refused, bool):
                raise ElementError("refused", '"refused" must be true or false')
            error = str(entry.get("error") or "unknown error")[:2000]
            if ok:
                cr.execute(ACK_OK, (entry_id, self.config.id))
            elif is_refused:
                cr.execute(ACK_REFUSED, (error, entry_id, self.config.id))
            else:
                cr.execute(ACK_FAILED, (MAX_ATTEMPTS, error, entry_id, self.config.id))
            row = cr.fetchone()
            if not row:
                raise ElementError("entry_id", "entry %s is not leased by this configuration "
                                   "(unknown, already acknowledged, or its lease expired)" % entry_id)
            state, product_id = row
            if not ok and is_refused and state == "failed":
                if product_id:
                    refused.setdefault(error, []).append(product_id)
                return {"entry_id": entry_id, "status": "refused", "product_id": product_id,
                        "reason": error[:500]}
            if product_id and ok and state == "done":
                synced.append(product_id)
            elif product_id and not ok and (state == "failed" or not is_refused):
                failed.append(product_id)
            # ok but "pending": the product changed again while leased; it stays "pending"
            # (as that change marked it) until the newer values are acknowledged
            return {"entry_id": entry_id, "status": state}

        results = BatchRunner(self.env).run(entries, "Entry", "entry_id", handler)
        self.env["marketplace.outbox"].invalidate_model()
        now = fields.Datetime.now()
        self._set_status(synced, {"marketplace_sync_status": "synced", "last_sync_date": now,
                                  "marketplace_sync_error": False})
        self._set_status(failed, {"marketplace_sync_status": "error"})
        self.mark_refused(refused, results)
        return results

    def mark_refused(self, refused, results):
        """Show Cartona's refusals on the products and log each once.

        ``refused``: ``{reason: [product_id]}``; ``results``: the batch's answers, those with
        status ``refused`` (and a ``product_id`` and ``reason``) get the product's
        ``cartona_id``. Shared by the acknowledgement and the reconciliation's refusals
        (``refusal.py``)."""
        for reason, product_ids in refused.items():
            self._set_status(product_ids, {"marketplace_sync_status": "refused",
                                           "marketplace_sync_error": reason[:500]})
        if refused:
            self._log_refusals(results)

    def _log_refusals(self, results):
        products = {p.id: p for p in self.env["product.product"].sudo().browse(
            [r["product_id"] for r in results if r.get("status") == "refused" and r.get("product_id")])}
        self.env["marketplace.sync.log"].sudo().create([
            {"config_id": self.config.id, "kind": "product", "direction": "outbound",
             "state": "error", "record_ref": products[r["product_id"]].cartona_id or False,
             "message": "%s: refused by Cartona, not retried until it changes again: %s" % (
                 products[r["product_id"]].display_name, r["reason"])}
            for r in results if r.get("status") == "refused" and r.get("product_id")])
        for r in results:
            if r.get("status") == "refused" and r.get("product_id"):
                r["cartona_id"] = products[r["product_id"]].cartona_id or None

    def _set_status(self, product_ids, vals):
        if not product_ids:
            return
        Product = self.env["product.product"].sudo().with_context(marketplace_no_outbox=True)
        products = Product.browse(sorted(set(product_ids)))
        products.write(vals)
        products.product_tmpl_id.with_context(marketplace_no_outbox=True).write(vals)
