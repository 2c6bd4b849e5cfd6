"""``cartona_import_orders``: upsert pulled Cartona orders by ``hashed_id``.

Fast path: every valid new order of the call in one savepoint and one create. Slow path:
the rest (existing orders, invalid elements, repeats, refused orders, or everything when the
fast path failed as a whole) one by one in their own savepoints (``BatchRunner.run``).
Both share one ``ImportBatch``; results are the same whichever path an order takes.
"""
import logging

from odoo import _

from ...cartona_rules import (
    MAX_TEXT, echo_key, key_or_none, parse_key, parse_order, requires_otp, retailer_key,
)
from ...exceptions import ElementError, RetryableElementError
from .import_batch import ImportBatch
from .lookup import find_products
from .order_build import OrderBuilder
from .order_state import StateReplay
from .order_update import OrderUpdater
from .runner import BatchRunner

_logger = logging.getLogger(__name__)


def _retailer_keys(orders):
    keys = []
    for o in orders:
        if isinstance(o, dict) and isinstance(o.get("retailer"), dict):
            try:
                keys.append(retailer_key(o["retailer"]))
            except ElementError:
                pass
    return keys


def _product_ids(orders):
    return {
        str(line.get("internal_product_id"))
        for o in orders if isinstance(o, dict) and isinstance(o.get("order_details"), list)
        for line in o["order_details"]
        if isinstance(line, dict) and line.get("internal_product_id") not in (None, "")
    }


class OrderImport:
    def __init__(self, config, orders):
        self.config = config
        self.orders = orders
        hashed_ids = [k for k in (key_or_none(o.get("hashed_id")) for o in orders
                                  if isinstance(o, dict)) if k]
        existing = config.env["sale.order"].search(
            [("company_id", "=", config.company_id.id), ("marketplace_order_id", "in", hashed_ids)])
        self.batch = ImportBatch(
            config,
            existing={o.marketplace_order_id: o for o in existing},
            products=find_products(config, _product_ids(orders)),
            retailer_keys=_retailer_keys(orders),
        )
        self.states = StateReplay(config)
        self.builder = OrderBuilder(config, self.batch)
        self.updater = OrderUpdater(config, self.builder, self.states)
        self.runner = BatchRunner(config.env)

    def run(self):
        orders = self.orders
        fast = self.import_fast()
        rest = [i for i in range(len(orders)) if i not in fast]
        slow = self.runner.run([orders[i] for i in rest], "Order", "hashed_id", self.import_one,
                               indices=rest, on_conflict=self.conflict, scope=self.batch)
        by_index = dict(fast)
        by_index.update({r["index"]: r for r in slow})
        results = [by_index[i] for i in range(len(orders))]
        log_vals = self.batch.log
        for result in results:
            if not result["ok"]:
                log_vals.append({"state": "error", "message": result["error"], "count_failed": 1,
                                 "record_ref": result.get("hashed_id") and str(result["hashed_id"])})
            elif result.get("input_warnings"):
                # what the order-pull template alerts on: the order and the fields Odoo read
                # with a documented coercion (cartona_rules.parse_order), in one sentence
                result["input_warning"] = ("Order %s (hashed_id %s) imported with warnings: %s" % (
                    result["index"], result["hashed_id"],
                    "; ".join(result["input_warnings"])))[:MAX_TEXT]
        if results:
            log_vals.insert(0, import_summary(results))
        if log_vals:
            self.config.env["marketplace.sync.log"].sudo().create(
                [dict(v, config_id=self.config.id, kind="order", direction="inbound")
                 for v in log_vals])
        return results

    # ------------------------------------------------------------ slow path
    def import_one(self, raw, index):
        """One order in its own savepoint (see BatchRunner.run)."""
        order = parse_order(raw)
        warnings, inputs = [], list(order.notes)
        sale = self.batch.existing.get(order.hashed_id)
        if sale:
            result = self.updater.update(sale, order, warnings, inputs)
            if inputs:
                self.batch.log.append({"state": "warning", "message": "; ".join(inputs),
                                       "record_ref": sale.marketplace_order_id, "count_ok": 1})
            return dict(result, input_warnings=inputs)
        self.batch.partner(order.retailer)
        vals = self.builder.order_vals(order, warnings, inputs)
        sale = self.config.env["sale.order"].sudo().with_context(
            marketplace_no_outbox=True).create(vals)
        return self.created(sale, order, warnings, inputs)

    # ------------------------------------------------------------ fast path
    def _fast_candidates(self):
        candidates, seen = [], set()
        for index, raw in enumerate(self.orders):
            if not isinstance(raw, dict):
                continue
            try:
                order = parse_order(raw)
                self.batch.has_partner(order.retailer)  # a valid, unambiguous retailer
                requires_otp(raw)
            except ElementError:
                continue
            if order.hashed_id in self.batch.existing or order.hashed_id in seen:
                continue
            seen.add(order.hashed_id)
            if self.builder.refuses(order):
                continue
            candidates.append((index, order))
        return candidates

    def import_fast(self):
        """Every valid new order of the call in one savepoint and one create.

        Elements that fail validation, already exist, repeat a hashed_id, name an ambiguous
        retailer or fall under the refuse policy are left to the slow path; if the batch as
        a whole fails (e.g. a concurrent import), it is rolled back and every element goes
        the slow path. Returns {index: result}."""
        candidates = self._fast_candidates()
        if not candidates:
            return {}
        done = []

        def create_all():
            self.batch.create_partners([order.retailer for _i, order in candidates])
            vals_list, prepared = [], []
            for index, order in candidates:
                warnings, inputs = [], list(order.notes)
                vals_list.append(self.builder.order_vals(order, warnings, inputs))
                prepared.append((index, order, warnings, inputs))
            sales = self.config.env["sale.order"].sudo().with_context(
                marketplace_no_outbox=True).create(vals_list)
            for sale, (index, order, warnings, inputs) in zip(sales, prepared):
                done.append((index, self.created(sale, order, warnings, inputs)))

        self.batch.begin()
        if not self.runner.grouped("import", create_all):
            self.batch.rollback()
            return {}
        return {index: dict(result, index=index, ok=True) for index, result in done}

    # ------------------------------------------------------------ both paths
    def created(self, sale, order, warnings, inputs):
        self.builder.adjust_total(sale, order.total, warnings)
        if order.status and order.status != "pending":
            self.states.apply(sale, order.status, order.raw)
        if warnings:
            self.batch.log.append({"state": "warning", "message": "; ".join(warnings),
                                   "record_ref": sale.marketplace_order_id, "count_ok": 1})
        self.batch.existing[sale.marketplace_order_id] = sale
        return {
            "hashed_id": sale.marketplace_order_id, "status": "created", "sale_order_id": sale.id,
            "sale_order_name": sale.name, "partner_id": sale.partner_id.id,
            "warnings": warnings, "lines": len(order.live_lines),
            # the part of warnings a person must act on: Cartona's data read with a documented
            # coercion, a line on the placeholder product (the order-pull template alerts)
            "input_warnings": inputs,
        }

    def conflict(self, raw, index):
        """A unique violation while creating: another transaction imported this order (or
        created its retailer) at the same time. Our snapshot cannot see it: look with a
        fresh cursor."""
        hashed_id = parse_key(raw.get("hashed_id"), "hashed_id")
        with self.config.env.registry.cursor() as cr:
            cr.execute(
                "SELECT id, name, partner_id FROM sale_order "
                "WHERE company_id = %s AND marketplace_order_id = %s",
                (self.config.company_id.id, hashed_id),
            )
            row = cr.fetchone()
        if row:
            return {
                "hashed_id": hashed_id, "status": "existing", "sale_order_id": row[0],
                "sale_order_name": row[1], "partner_id": row[2],
                "warnings": ["already imported (by a concurrent call)"],
                "lines": len([l for l in raw.get("order_details") or []
                              if isinstance(l, dict) and not l.get("cancelled")]),
            }
        raise RetryableElementError(
            "retailer", "the retailer was created by a concurrent call; send the order again")


def import_summary(results):
    """One sync-log row per import call: what a user reads first (counts, not 0/0)."""
    created = sum(1 for r in results if r["ok"] and r.get("status") == "created")
    existing = sum(1 for r in results if r["ok"] and r.get("status") == "existing")
    failed = sum(1 for r in results if not r["ok"])
    return {
        "state": "ok" if not failed else ("warning" if created + existing else "error"),
        "count_ok": created + existing,
        "count_failed": failed,
        "message": _(
            "%(created)s new Cartona order(s) imported, %(existing)s already in Odoo, "
            "%(failed)s failed.", created=created, existing=existing, failed=failed,
        ),
    }


def hold_orders(config, orders):
    """Orders are off (``auto_sync_orders``): import nothing and answer ``held`` (ok, not
    acknowledged by the templates, so Cartona keeps the orders for the next pull), with
    one sync-log warning per call instead of one per order."""
    results = [
        {"index": index, "ok": True, "status": "held",
         "hashed_id": echo_key(order.get("hashed_id")) if isinstance(order, dict) else None}
        for index, order in enumerate(orders)
    ]
    if results:
        config.env["marketplace.sync.log"].sudo().create({
            "config_id": config.id,
            "kind": "order",
            "direction": "inbound",
            "state": "warning",
            "message": _(
                "Orders are off on %(config)s (Auto Sync Orders): %(count)s Cartona order(s) "
                "held, not imported and not acknowledged; Cartona sends them again once "
                "orders are turned back on.",
                config=config.name, count=len(results),
            ),
        })
    return results
