"""Odoo -> Cartona order changes: what to push (status, details) and what was pushed.

``mark_synced`` reads every order of the batch in two queries, plans each item in memory
and writes grouped (one write per distinct set of values, one UPDATE for the acknowledged
lines), so its number of queries does not grow with the batch. If the grouped write fails,
the items go one by one, with the same results.
"""
import json
import logging
from collections import defaultdict

from odoo import _, fields
from odoo.exceptions import ValidationError

from ...cartona_rules import (
    MAX_ELEMENTS, STATE_CODES, error_result, key_or_none, parse_key, parse_record_id,
)
from ...exceptions import ElementError
from .lease import lease_pending_orders, release_vals
from .runner import BatchRunner, unexpected_message

_logger = logging.getLogger(__name__)


def _sale_id(value):
    """``sale_order_id`` as an int (an integer, or its digits as a string; never 18.9)."""
    return parse_record_id(value, "sale_order_id")


class OrderOutbound:
    def __init__(self, config):
        self.config = config
        self.Sale = config.env["sale.order"].sudo().with_context(marketplace_no_outbox=True)
        self.now = fields.Datetime.now()

    # ------------------------------------------------------------ what to push
    def pending_orders(self, flag, limit, sale_order_ids):
        if sale_order_ids is not None:
            try:
                sale_order_ids = [parse_record_id(i, "sale_order_ids") for i in sale_order_ids]
            except ElementError as exc:
                raise ValidationError(exc.message) from None
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise ValidationError(_("limit must be a positive integer"))
        # leased to this run: a concurrent call does not get them (lease.py)
        return lease_pending_orders(self.config, flag, min(limit, MAX_ELEMENTS), sale_order_ids)

    def status_changes(self, limit, sale_order_ids):
        orders = self.pending_orders("marketplace_status_pending", limit, sale_order_ids)
        items = [o._marketplace_status_item() for o in orders]
        nothing = [i["sale_order_id"] for i in items if not i["status"]]
        if nothing:  # nothing to send: not held by this run either
            self.Sale.browse(nothing).write(release_vals("marketplace_status_pending"))
        return [item for item in items if item["status"]]

    def details_changes(self, limit, sale_order_ids):
        orders = self.pending_orders("marketplace_details_pending", limit, sale_order_ids)
        items = [o._marketplace_details_item() for o in orders]
        if items:
            # what this run will send, so that its acknowledgement can tell a newer change
            # (the user edited the lines again meanwhile) from the one it acknowledges
            Sale = self.config.env["sale.order"]
            Sale.flush_model(["marketplace_details_sent"])
            self.config.env.cr.execute(
                """
                UPDATE sale_order s SET marketplace_details_sent = v.sent
                  FROM (SELECT unnest(%s::int[]) AS id, unnest(%s::text[]) AS sent) v
                 WHERE s.id = v.id
                """,
                ([i["sale_order_id"] for i in items],
                 [json.dumps(i["order_details"]) for i in items]),
            )
            Sale.invalidate_model(["marketplace_details_sent"])
        return items

    # ------------------------------------------------------------ what was pushed
    def _read_orders(self, items):
        ids, hashed_ids = set(), set()
        for item in items:
            if not isinstance(item, dict):
                continue
            if item.get("sale_order_id"):
                try:
                    ids.add(_sale_id(item["sale_order_id"]))
                except ElementError:
                    pass
            elif key_or_none(item.get("hashed_id")):
                hashed_ids.add(key_or_none(item["hashed_id"]))
        by_id = {s.id: s for s in self.Sale.browse(sorted(ids)).exists()}
        by_hashed_id = {s.marketplace_order_id: s for s in self.Sale.search(
            [("company_id", "=", self.config.company_id.id),
             ("marketplace_order_id", "in", sorted(hashed_ids))])} if hashed_ids else {}
        return by_id, by_hashed_id

    def _plan(self, item, by_id, by_hashed_id):
        """``(sale, vals, log, answer)`` for one item; ElementError names the bad field."""
        kind = item.get("kind")
        if kind not in ("status", "details"):
            raise ElementError("kind", '"kind" must be "status" or "details"')
        if item.get("sale_order_id"):
            sale = by_id.get(_sale_id(item["sale_order_id"]))
        else:
            sale = by_hashed_id.get(parse_key(item.get("hashed_id"), "hashed_id"))
        if not sale or sale.marketplace_config_id != self.config:
            raise ElementError("sale_order_id", "order not found for this configuration")
        ok = item.get("ok")
        if not isinstance(ok, bool):
            raise ElementError("ok", '"ok" must be true or false')
        log = None
        # the acknowledgement (ok or error) ends the run's lease: the order is handed out
        # again if it is still (or again) pending
        release = release_vals("marketplace_%s_pending" % kind)
        if ok:
            vals = dict(release, marketplace_sync_date=self.now, marketplace_sync_error=False)
            if kind == "status":
                current = sale.marketplace_push_status or sale._marketplace_default_push_status()
                pushed = item.get("status") or current
                # An acknowledgement of an older status (its run planned it before a newer one
                # was queued: confirm, then deliver while the approval is in flight) leaves the
                # newer one pending; clearing it would lose that push and its alert.
                if pushed == current:
                    vals["marketplace_status_pending"] = False
                if isinstance(pushed, str) and pushed in STATE_CODES:
                    vals["marketplace_status"] = pushed
            else:
                vals.update(self._plan_details_ack(sale))
        else:
            error = str(item.get("error") or "unknown error")[:500]
            vals = dict(release, marketplace_sync_error=error)
            log = {"config_id": self.config.id, "kind": "order_" + kind,
                   "direction": "outbound", "state": "error",
                   "record_ref": sale.marketplace_order_id,
                   "message": "%s: %s" % (sale.name, error)}
        answer = {"sale_order_id": sale.id, "hashed_id": sale.marketplace_order_id,
                  "status": "synced" if ok else "kept_pending"}
        return sale, vals, log, answer

    @staticmethod
    def _plan_details_ack(sale):
        """Values of an ok details acknowledgement. When the lines changed again after the
        push was planned (``marketplace_details_sent`` differs from what Odoo would send now),
        the newer change stays pending and only what was sent is acknowledged (the lines'
        ``marketplace_amount``/``marketplace_price``, the cancelled line ids): clearing it
        would lose the newer change, as 2b23b17 found for statuses."""
        vals = {"marketplace_details_sent": False}
        sent = json.loads(sale.marketplace_details_sent) if sale.marketplace_details_sent else None
        if sent is None or sent == sale._marketplace_details_item()["order_details"]:
            vals.update(marketplace_details_pending=False, marketplace_cancelled_line_ids=False)
            return vals
        sent_cancelled = {str(d["id"]) for d in sent if d.get("cancelled") and "id" in d}
        removed = [i for i in json.loads(sale.marketplace_cancelled_line_ids or "[]")
                   if str(i) not in sent_cancelled]
        vals["marketplace_cancelled_line_ids"] = json.dumps(removed) if removed else False
        # (line id, acknowledged amount or None, acknowledged price or None), hashable
        vals["_sent_lines"] = tuple(
            (str(d["id"]), 0.0 if d.get("cancelled") else d.get("amount"), d.get("price"))
            for d in sent if "id" in d)
        return vals

    def _acknowledge_sent_lines(self, sale_id, sent_lines):
        """A late acknowledgement: the lines are acknowledged with the values that were sent."""
        lines = self.config.env["sale.order.line"].sudo().search(
            [("order_id", "=", sale_id), ("marketplace_line_id", "in", [s[0] for s in sent_lines])])
        by_id = {l.marketplace_line_id: l for l in lines}
        for line_id, amount, price in sent_lines:
            vals = {}
            if amount is not None:
                vals["marketplace_amount"] = amount
            if price is not None:
                vals["marketplace_price"] = price
            if vals and line_id in by_id:
                by_id[line_id].with_context(marketplace_no_outbox=True).write(vals)

    def _write(self, plans):
        """Grouped writes of planned items ``(sale, vals)``, in item order: the values of
        one order are merged (a later item wins, as it would written one by one)."""
        merged = {}
        for sale, vals in plans:
            merged.setdefault(sale.id, {}).update(vals)
        groups = defaultdict(list)
        sent_lines = {}
        for sale_id, vals in merged.items():
            if "_sent_lines" in vals:
                sent_lines[sale_id] = vals.pop("_sent_lines")
            groups[tuple(sorted(vals.items()))].append(sale_id)
        for vals, ids in groups.items():
            self.Sale.browse(ids).write(dict(vals))
        acknowledged = sorted({s.id for s, v in plans
                               if v.get("marketplace_details_pending") is False})
        if acknowledged:
            self._acknowledge_lines(acknowledged)
        for sale_id, lines in sent_lines.items():
            self._acknowledge_sent_lines(sale_id, lines)

    def _ping_newer_details(self, sales):
        """Orders whose ok details acknowledgement left a newer line change pending: the run
        that change's ping started found them leased (lease.py), so they are queued again (an
        outbox entry and a ping) instead of waiting for the sweep. (A late status ack changes
        ``marketplace_status``, which queues the order again by itself: sale_order.py.)"""
        sales = self.Sale.browse([s.id for s in sales]).filtered("marketplace_details_pending")
        if sales:
            sales._marketplace_enqueue("order_details")

    def _acknowledge_lines(self, sale_ids):
        """Cartona now has the lines: their quantity and price are the acknowledged ones."""
        Line = self.config.env["sale.order.line"]
        Line.flush_model(["product_uom_qty", "price_unit", "marketplace_line_id"])
        self.config.env.cr.execute(
            """
            UPDATE sale_order_line
               SET marketplace_amount = product_uom_qty, marketplace_price = price_unit,
                   write_uid = %s, write_date = now() AT TIME ZONE 'UTC'
             WHERE order_id = ANY(%s) AND marketplace_line_id IS NOT NULL
            """,
            (self.config.env.uid, sale_ids),
        )
        Line.invalidate_model(["marketplace_amount", "marketplace_price", "write_uid",
                               "write_date"])

    def mark_synced(self, items):
        by_id, by_hashed_id = self._read_orders(items)
        runner = BatchRunner(self.config.env)
        results, plans, logs = {}, [], []
        for index, item in enumerate(items):
            key = item.get("hashed_id") if isinstance(item, dict) else None
            try:
                if not isinstance(item, dict):
                    raise ElementError("element", '"element" must be an object')
                sale, vals, log, answer = self._plan(item, by_id, by_hashed_id)
            except ElementError as exc:
                results[index] = error_result(index, "Item", "hashed_id", key, exc.field,
                                              exc.message, exc.retryable)
                continue
            except Exception as exc:  # pylint: disable=broad-except
                # an input no rule foresaw costs its element, not the batch (issue 10)
                _logger.exception("Item %s: unexpected error", index)
                results[index] = error_result(index, "Item", "hashed_id", key, "element",
                                              unexpected_message(exc), False)
                continue
            plans.append((index, sale, vals, log, answer))
        if runner.grouped("mark synced", lambda: self._write([(p[1], p[2]) for p in plans])):
            for index, _sale, _vals, log, answer in plans:
                results[index] = dict(answer, index=index, ok=True)
                if log:
                    logs.append(log)
            self._ping_newer_details([p[1] for p in plans if "_sent_lines" in p[2]])
        else:
            indices = [p[0] for p in plans]

            def handler(item, index):
                sale, vals, log, answer = self._plan(item, by_id, by_hashed_id)
                self._write([(sale, vals)])
                if log:
                    logs.append(log)
                return answer

            for result in runner.run([items[i] for i in indices], "Item", "hashed_id", handler,
                                     indices=indices):
                results[result["index"]] = result
        if logs:
            self.config.env["marketplace.sync.log"].sudo().create(logs)
        return [results[i] for i in range(len(items))]
