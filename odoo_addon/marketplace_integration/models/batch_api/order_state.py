"""Cartona state -> Odoo order (the state table of cartona_rules, readme/USAGE.md).

``apply`` replays one state on one order (the import uses it). ``apply_states`` serves
``cartona_apply_order_states``: one query reads every order of the batch, the plan is made
in memory, and the changes are written grouped (one confirm, one cancel, one write per
distinct set of values), so the number of queries does not grow with the batch when the
states only move ``marketplace_status``. If the grouped write fails, every planned element
is replayed in its own savepoint, which gives the same results.
"""
import logging
from collections import defaultdict

from ...cartona_rules import (
    CANCEL, CONFIRM, STATE_EFFECTS, cancellation_reason, error_result, key_or_none,
    parse_delivery_day, parse_key, parse_status, unknown_reason_warning,
)
from ...exceptions import ElementError
from .runner import BatchRunner, unexpected_message

_logger = logging.getLogger(__name__)


class StateReplay:
    def __init__(self, config):
        self.config = config

    # ------------------------------------------------------------ one order
    def plan(self, sale, status, element):
        """``(action, vals)`` for moving ``sale`` to ``status``; ElementError if refused."""
        vals = {"marketplace_status": status}
        action = None
        effect = STATE_EFFECTS[status]
        if effect == CANCEL:
            if sale.state != "cancel":
                if any(p.state == "done" and p.picking_type_code == "outgoing"
                       for p in sale.picking_ids):
                    raise ElementError(
                        "status", "cannot cancel %s: goods were already delivered" % sale.name)
                action = CANCEL
            if element.get("cancellation_reason"):
                vals["marketplace_cancellation_reason"] = cancellation_reason(
                    element["cancellation_reason"])
        elif effect == CONFIRM:
            if sale.state in ("draft", "sent"):
                action = CONFIRM
            elif sale.state == "cancel":
                raise ElementError(
                    "status", "%s is cancelled in Odoo and cannot become %s" % (sale.name, status))
        delivery_day = parse_delivery_day(element.get("delivery_day"))
        if delivery_day:
            vals["marketplace_delivery_day"] = delivery_day
        return action, vals

    def apply(self, sale, status, element):
        if not status:
            return False
        sale = sale.with_context(marketplace_no_outbox=True)
        action, vals = self.plan(sale, status, element)
        self._act(sale, action)
        sale.write(vals)
        return True

    @staticmethod
    def _act(sales, action):
        if action == CANCEL:
            sales.with_context(disable_cancel_warning=True).action_cancel()
        elif action == CONFIRM:
            sales.action_confirm()

    # ------------------------------------------------------------ a batch
    def _orders_by_hashed_id(self, states):
        hashed_ids = {key_or_none(s.get("hashed_id")) for s in states if isinstance(s, dict)}
        hashed_ids.discard(None)
        sales = self.config.env["sale.order"].sudo().with_context(
            marketplace_no_outbox=True).search(
            [("company_id", "=", self.config.company_id.id),
             ("marketplace_order_id", "in", list(hashed_ids))])
        return {s.marketplace_order_id: s for s in sales}

    def _handler(self, by_hashed_id):
        def handler(element, index):
            hashed_id = parse_key(element.get("hashed_id"), "hashed_id")
            status = parse_status(element.get("status"))
            cancellation_reason(element.get("cancellation_reason"))  # refused even if unused
            sale = by_hashed_id.get(hashed_id)
            if not sale:
                return self._answer(index, hashed_id, "not_found", None, None)
            if sale.marketplace_status == status:
                return self._answer(index, hashed_id, "unchanged", sale, status)
            self.apply(sale, status, element)
            return self._answer(index, hashed_id, "applied", sale, sale.marketplace_status)
        return handler

    def apply_states(self, states):
        by_hashed_id = self._orders_by_hashed_id(states)
        runner = BatchRunner(self.config.env)
        results, planned, replay, seen = {}, [], [], set()
        for index, element in enumerate(states):
            key = element.get("hashed_id") if isinstance(element, dict) else None
            try:
                if not isinstance(element, dict):
                    raise ElementError("element", '"element" must be an object')
                hashed_id = parse_key(key, "hashed_id")
                status = parse_status(element.get("status"))
                # a list or an object is refused even when the state does not use the reason
                cancellation_reason(element.get("cancellation_reason"))
                if hashed_id in seen:
                    replay.append(index)  # a second state for one order: after the first
                    continue
                sale = by_hashed_id.get(hashed_id)
                if not sale:
                    results[index] = self._answer(index, hashed_id, "not_found", None, None)
                    continue
                if sale.marketplace_status == status:
                    results[index] = self._answer(index, hashed_id, "unchanged", sale, status)
                    continue
                action, vals = self.plan(sale, status, element)
            except ElementError as exc:
                results[index] = error_result(index, "State", "hashed_id", key, exc.field,
                                              exc.message, exc.retryable)
                continue
            except Exception as exc:  # pylint: disable=broad-except
                # an input no rule foresaw costs its element, not the batch (issue 10)
                _logger.exception("State %s: unexpected error", index)
                results[index] = error_result(index, "State", "hashed_id", key, "element",
                                              unexpected_message(exc), False)
                continue
            seen.add(hashed_id)
            planned.append((index, sale, action, vals))
        if planned and not runner.grouped("states", lambda: self._write_planned(planned)):
            replay = sorted(replay + [p[0] for p in planned])
            planned = []
        for index, sale, _action, _vals in planned:
            results[index] = self._answer(index, sale.marketplace_order_id, "applied", sale,
                                          sale.marketplace_status)
        for result in runner.run([states[i] for i in replay], "State", "hashed_id",
                                 self._handler(by_hashed_id), indices=replay):
            results[result["index"]] = result
        for index, result in results.items():  # applied, but not silently without its reason
            warning = result["ok"] and unknown_reason_warning(states[index].get(
                "cancellation_reason"))
            if warning:
                result["warnings"] = [warning]
        return [results[i] for i in range(len(states))]

    @staticmethod
    def _answer(index, hashed_id, status, sale, marketplace_status):
        return {"index": index, "ok": True, "hashed_id": hashed_id, "status": status,
                "sale_order_id": sale.id if sale else None,
                "marketplace_status": marketplace_status}

    def _write_planned(self, planned):
        Sale = self.config.env["sale.order"].sudo().with_context(marketplace_no_outbox=True)
        for action in (CANCEL, CONFIRM):
            self._act(Sale.browse([s.id for _i, s, a, _v in planned if a == action]), action)
        groups = defaultdict(list)
        for _index, sale, _action, vals in planned:
            groups[tuple(sorted(vals.items()))].append(sale.id)
        for vals, ids in groups.items():
            Sale.browse(ids).write(dict(vals))
