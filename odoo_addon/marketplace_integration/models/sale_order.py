import json

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from . import unique_key
from ..cartona_rules import CANCELLATION_REASONS, MARKETPLACE_STATES, PUSH_STATES
from .batch_api.status_hold import HOLD_REFUSED, HOLDS

class SaleOrder(models.Model):
    _inherit = "sale.order"

    marketplace_order_id = fields.Char(
        string="Marketplace Order ID", copy=False, index=True, readonly=True,
        help="Cartona hashed_id of the order.",
    )
    marketplace_config_id = fields.Many2one(
        "marketplace.supplier.config", copy=False, index=True, readonly=True
    )
    marketplace_status = fields.Selection(
        MARKETPLACE_STATES, string="Marketplace Status", copy=False, readonly=True
    )
    marketplace_sync_date = fields.Datetime(
        string="Marketplace Sync Date", copy=False, readonly=True
    )
    marketplace_push_status = fields.Selection(
        PUSH_STATES,
        string="Status to Send",
        copy=False,
        help="Status Odoo sends to Cartona with Update Status (set automatically on "
        "confirmation, delivery and cancellation).",
    )
    marketplace_status_pending = fields.Boolean(copy=False, readonly=True)
    marketplace_push_hold = fields.Selection(
        HOLDS,
        string="Status Push Held",
        copy=False,
        readonly=True,
        help="The status to send waits: Cartona's status of the order does not allow it yet "
        "(sent by itself when Cartona's status changes), or Cartona refused the delivery (sent "
        "again when the OTP changes or on Update Status). The reason is in the sync error.",
    )
    marketplace_details_pending = fields.Boolean(copy=False, readonly=True)
    # the line changes the last details run planned (JSON), so that its late
    # acknowledgement leaves a newer change pending (batch_api/order_outbound.py)
    marketplace_details_sent = fields.Text(copy=False, readonly=True)
    # the push run holding the order's pending status / details change, until its
    # acknowledgement or this time (batch_api/lease.py): a concurrent run does not get it
    marketplace_status_lease_until = fields.Datetime(copy=False, readonly=True)
    marketplace_details_lease_until = fields.Datetime(copy=False, readonly=True)
    marketplace_requires_otp = fields.Boolean(
        string="Requires Retailer OTP", copy=False, readonly=True
    )
    marketplace_retailer_otp = fields.Char(
        string="Retailer OTP", copy=False, help="Delivery code given by the retailer."
    )
    marketplace_cancellation_reason = fields.Selection(CANCELLATION_REASONS, copy=False)
    marketplace_delivery_day = fields.Date(copy=False)
    marketplace_sync_error = fields.Char(copy=False, readonly=True)
    marketplace_cancelled_line_ids = fields.Char(
        copy=False, readonly=True, help="Cartona line ids removed in Odoo (JSON list)."
    )

    def init(self):
        unique_key.ensure_unique_index(
            self.env.cr,
            "sale_order_marketplace_order_id_company_uniq",
            "sale_order",
            "company_id, marketplace_order_id",
            "marketplace_order_id IS NOT NULL",
        )

    def write(self, vals):
        watched = self.browse()
        if "marketplace_status" in vals or "marketplace_retailer_otp" in vals:
            watched = self.filtered(lambda o: o.marketplace_order_id and (
                o.marketplace_push_hold or o.marketplace_status_pending))
            before = {o.id: (o.marketplace_status, o.marketplace_retailer_otp) for o in watched}
        res = super().write(vals)
        if watched:
            # A held or waiting status push is planned again when what it waits for changes:
            # Cartona's status of the order, or (a refused delivery) the retailer's OTP.
            watched.filtered(lambda o: (o.marketplace_push_hold or o.marketplace_status_pending)
                             and (o.marketplace_status != before[o.id][0]
                                  or (o.marketplace_push_hold == HOLD_REFUSED
                                      and o.marketplace_retailer_otp != before[o.id][1]))
                             )._marketplace_requeue_status()
        return res

    # --------------------------------------------------------------- outbound
    def _marketplace_queue(self, kind, push_status=None):
        orders = self.filtered(lambda o: o.marketplace_order_id and o.marketplace_config_id)
        if not orders or self.env.context.get("marketplace_no_outbox"):
            return
        field = "marketplace_status_pending" if kind == "order_status" else "marketplace_details_pending"
        vals = {field: True}
        if kind == "order_status":
            vals["marketplace_push_hold"] = False  # a new status to send is planned anew
        if push_status:
            vals["marketplace_push_status"] = push_status
        orders.sudo().with_context(marketplace_no_outbox=True).write(vals)
        orders._marketplace_enqueue(kind)

    def _marketplace_enqueue(self, kind):
        Outbox = self.env["marketplace.outbox"].sudo()
        for config in self.marketplace_config_id:
            Outbox._enqueue(
                config, kind, self.filtered(lambda o, c=config: o.marketplace_config_id == c)
            )

    def _marketplace_requeue_status(self):
        """Release the status push hold of these orders and queue them (even from Cartona's
        own changes, which queue nothing else): n8n is pinged and plans the push again."""
        orders = self.filtered("marketplace_config_id")
        if not orders:
            return
        orders.sudo().with_context(marketplace_no_outbox=True).write(
            {"marketplace_push_hold": False, "marketplace_status_pending": True})
        orders._marketplace_enqueue("order_status")

    def action_confirm(self):
        res = super().action_confirm()
        self._marketplace_queue("order_status", "approved")
        return res

    def _action_cancel(self):
        res = super()._action_cancel()
        self._marketplace_queue("order_status", "cancelled_by_supplier")
        return res

    def update_marketplace_status(self):
        """Button: send this order's Odoo-side status to Cartona (through n8n)."""
        for order in self:
            if not order.marketplace_order_id:
                raise UserError(_("%s is not a Cartona order.", order.name))
            status = order.marketplace_push_status or order._marketplace_default_push_status()
            if not status:
                raise UserError(
                    _("Nothing to send for %s: confirm, deliver or cancel it first.", order.name)
                )
            if status == "delivered" and order.marketplace_requires_otp and not (
                order.marketplace_retailer_otp
            ):
                raise UserError(_("Enter the retailer's OTP of %s first.", order.name))
            order.with_context(marketplace_ping_now=True)._marketplace_queue("order_status", status)
        return True

    def _marketplace_default_push_status(self):
        self.ensure_one()
        if self.state == "cancel":
            return "cancelled_by_supplier"
        if self.state in ("sale", "done"):
            outgoing = [p for p in self.picking_ids if p.picking_type_code == "outgoing"]
            if outgoing and all(p.state in ("done", "cancel") for p in outgoing) and any(
                p.state == "done" for p in outgoing
            ):
                return "delivered"
            return "approved"
        return False

    def _marketplace_status_item(self):
        self.ensure_one()
        status = self.marketplace_push_status or self._marketplace_default_push_status()
        item = {
            "sale_order_id": self.id,
            "hashed_id": self.marketplace_order_id,
            "status": status,
            "requires_otp": bool(self.marketplace_requires_otp),
        }
        if status == "delivered":
            if self.marketplace_retailer_otp:
                item["retailer_otp"] = self.marketplace_retailer_otp
            item["delivery_day"] = fields.Date.to_string(
                self.marketplace_delivery_day or fields.Date.context_today(self)
            )
        if status == "cancelled_by_supplier":
            item["cancellation_reason"] = self.marketplace_cancellation_reason or "out_of_stock"
        if status == "assigned_to_salesman" and self.commitment_date:
            item["estimated_delivery_day"] = fields.Date.to_string(self.commitment_date.date())
        return item

    def _marketplace_details_item(self):
        self.ensure_one()
        details = []
        for line in self.order_line:
            if line.display_type or line.marketplace_line_kind in ("placeholder", "adjustment"):
                continue
            qty = line.product_uom_qty
            if line.marketplace_line_id:
                if float(qty) == 0.0:
                    if line.marketplace_amount:
                        details.append({"id": int(line.marketplace_line_id), "cancelled": True})
                    continue
                change = {"id": int(line.marketplace_line_id)}
                if round(qty, 6) != round(line.marketplace_amount, 6):
                    change["amount"] = qty
                if round(line.price_unit, 6) != round(line.marketplace_price, 6):
                    change["price"] = line.price_unit
                if len(change) > 1:
                    details.append(change)
            elif line.product_id.cartona_id and qty > 0:
                details.append(
                    {
                        "internal_product_id": line.product_id.cartona_id,
                        "amount": qty,
                        "price": line.price_unit,
                    }
                )
        for line_id in json.loads(self.marketplace_cancelled_line_ids or "[]"):
            details.append({"id": int(line_id), "cancelled": True})
        return {
            "sale_order_id": self.id,
            "hashed_id": self.marketplace_order_id,
            "order_details": details,
        }
