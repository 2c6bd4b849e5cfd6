"""Status pushes Cartona would refuse: held, shown on the order, alerted once, released.

Cartona's bulk ``order/update-order-status`` says nothing per order, and it refuses moves its
order's state does not allow (the supplier must wait while the retailer edits: ``editing``; a
final state takes no move). So Odoo does not send such a push. ``StatusHold.plan`` runs on the
orders ``cartona_get_status_changes`` found: a push that Cartona's last known status
(``marketplace_status``) does not allow is *held* (``marketplace_push_hold``, a sentence in
``marketplace_sync_error``, not pending any more, one sync-log warning) and answered **once**
with ``"held": true`` so n8n alerts once; a push Cartona already has is settled. A delivery
Cartona refused (``cartona_mark_synced`` with ``ok: false``, e.g. a wrong OTP) is held the same
way by ``hold_refused_deliveries``. ``sale.order.write`` releases a hold when what it waits for
changes (Cartona's status; for a refused delivery, the OTP too) and *Update Status* releases it
by hand: the order is queued again and pinged, and the push is planned anew.
"""
from ...cartona_rules import CANCEL, STATE_EFFECTS
from .lease import release_vals

# [assumed] The moves Cartona accepts from each of its states: the sandbox's TRANSITIONS
# (sandbox/contract.js); sending Cartona's current status again is a no-op. States not listed
# accept no move.
ALLOWED_PUSHES = {
    "pending": frozenset({"approved", "cancelled_by_supplier"}),
    "approved": frozenset({"assigned_to_salesman", "delivered", "cancelled_by_supplier"}),
    "assigned_to_salesman": frozenset({"delivered", "cancelled_by_supplier"}),
}
# States Cartona leaves by itself (the retailer is editing); the others are final.
WAIT_STATES = frozenset({"editing"})

HOLD_CARTONA_STATUS = "cartona_status"
HOLD_REFUSED = "refused"
HOLDS = [
    (HOLD_CARTONA_STATUS, "Held: Cartona's status does not allow it"),
    (HOLD_REFUSED, "Held: refused by Cartona"),
]
SEND, SETTLED, HOLD = "send", "settled", "hold"


def push_verdict(sale, status):
    """``SEND``, ``SETTLED`` (Cartona already has it: nothing to send) or ``HOLD`` for pushing
    ``status`` on ``sale`` given Cartona's last known status of the order."""
    cartona = sale.marketplace_status
    if not cartona:
        return SEND
    if cartona == status or (STATE_EFFECTS.get(cartona) == CANCEL and (
            status == "cancelled_by_supplier" or sale.state == "cancel")):
        return SETTLED
    if status in ALLOWED_PUSHES.get(cartona, ()):
        return SEND
    return HOLD


def hold_reason(sale, status):
    """The sentence shown on the order and in the alert for a push held by Cartona's status."""
    cartona = sale.marketplace_status
    names = {"order": sale.name, "hashed_id": sale.marketplace_order_id, "status": status,
             "cartona": cartona}
    if cartona in WAIT_STATES:
        return ("%(order)s (Cartona %(hashed_id)s): status %(status)s not sent, Cartona has the "
                "order in %(cartona)s (the retailer is changing it). Odoo sends it by itself "
                "once Cartona's status allows it." % names)
    if cartona in ALLOWED_PUSHES:
        return ("%(order)s (Cartona %(hashed_id)s): status %(status)s not sent, Cartona does "
                "not accept it while the order is %(cartona)s. Send the step before it first "
                "(Status to Send, Update Status), or settle it with Cartona." % names)
    return ("%(order)s (Cartona %(hashed_id)s): status %(status)s not sent, the order is "
            "%(cartona)s in Cartona, a final state. Settle the order with Cartona; Odoo sends "
            "it by itself if Cartona's status changes." % names)


class StatusHold:
    def __init__(self, config):
        self.config = config
        self.Sale = config.env["sale.order"].sudo().with_context(marketplace_no_outbox=True)

    def plan(self, items):
        """The status changes to send: items Cartona's status allows as they are, newly held
        ones as ``{"sale_order_id", "hashed_id", "status", "held": true, "reason"}`` (answered
        this once), settled ones left out."""
        sales = {s.id: s for s in self.Sale.browse([i["sale_order_id"] for i in items])}
        answer, held, settled = [], [], []
        for item in items:
            sale = sales[item["sale_order_id"]]
            verdict = push_verdict(sale, item["status"])
            if verdict == SEND:
                answer.append(item)
            elif verdict == SETTLED:
                settled.append(sale.id)
            else:
                reason = hold_reason(sale, item["status"])
                held.append((sale, HOLD_CARTONA_STATUS, reason))
                answer.append({"sale_order_id": sale.id, "hashed_id": sale.marketplace_order_id,
                               "status": item["status"], "held": True, "reason": reason})
        if settled:
            self.Sale.browse(settled).write(dict(
                release_vals("marketplace_status_pending"), marketplace_status_pending=False,
                marketplace_push_hold=False, marketplace_sync_error=False))
        self._hold(held)
        return answer

    def hold_refused_deliveries(self, items, results):
        """``cartona_mark_synced`` results: a ``delivered`` push Cartona refused (``ok: false``)
        is held until the OTP changes, Cartona's status changes or Update Status; its result
        says ``held``. Other refused pushes stay pending (retried), as before."""
        held = []
        for item, result in zip(items, results):
            if not (result.get("ok") and result.get("status") == "kept_pending"
                    and isinstance(item, dict) and item.get("kind") == "status"):
                continue
            sale = self.Sale.browse(result["sale_order_id"])
            if (item.get("status") or sale.marketplace_push_status) != "delivered":
                continue
            reason = ("%s (Cartona %s): Cartona refused the delivery: %s. Change the retailer "
                      "OTP or press Update Status to send it again." % (
                          sale.name, sale.marketplace_order_id, sale.marketplace_sync_error))
            held.append((sale, HOLD_REFUSED, reason[:500]))
            result.update(status="held", reason=reason[:500])
        self._hold(held)
        return results

    def _hold(self, held):
        if not held:
            return
        for sale, kind, reason in held:
            # not sent, so not held by a run: released when what it waits for changes
            sale.write(dict(release_vals("marketplace_status_pending"),
                            marketplace_status_pending=False, marketplace_push_hold=kind,
                            marketplace_sync_error=reason[:500]))
        self.config.env["marketplace.sync.log"].sudo().create([
            {"config_id": self.config.id, "kind": "order_status", "direction": "outbound",
             "state": "warning", "record_ref": sale.marketplace_order_id, "message": reason}
            for sale, _kind, reason in held])
