"""Goods Cartona says came back: a ``returned`` order, or lines cancelled after delivery.

Once per order (or per Cartona line), Odoo prepares what a person then checks and
validates: a return of the delivered goods (confirmed, not validated) and, for a posted
invoice, a draft credit note. Nothing is posted or validated here, and a replayed state or
a re-pulled order never prepares a second one (``marketplace_return_done``,
``marketplace_returned_line_ids``).
"""
import json

from odoo import _, fields, models

from . import compat


class SaleOrderReturn(models.Model):
    _inherit = "sale.order"

    marketplace_return_picking_ids = fields.Many2many(
        "stock.picking", "sale_order_marketplace_return_picking_rel", "order_id", "picking_id",
        string="Cartona Returns", copy=False, readonly=True,
        help="Returns prepared because Cartona reported the goods returned.")
    marketplace_refund_ids = fields.Many2many(
        "account.move", "sale_order_marketplace_refund_rel", "order_id", "move_id",
        string="Cartona Credit Notes", copy=False, readonly=True,
        help="Draft credit notes prepared because Cartona reported the goods returned.")
    marketplace_return_done = fields.Boolean(
        string="Cartona Return Prepared", copy=False, readonly=True)
    marketplace_returned_line_ids = fields.Char(
        copy=False, readonly=True,
        help="Cartona line ids whose return was prepared (cancelled after delivery, JSON).")

    def write(self, vals):
        res = super().write(vals)
        if vals.get("marketplace_status") == "returned":
            self.filtered(
                lambda o: o.marketplace_order_id and not o.marketplace_return_done
            )._marketplace_prepare_return()
        return res

    # ------------------------------------------------------------------ whole order
    def _marketplace_prepare_return(self):
        """One grouped write for the batch: an order with nothing delivered and nothing
        posted only gets marked (so a state replay's queries do not grow with the batch)."""
        orders = self.sudo()
        for order in orders:
            if order._marketplace_delivered_pickings() or order._marketplace_posted_invoices():
                order._marketplace_return(order.order_line, whole=True)
        orders.with_context(marketplace_no_outbox=True).write({"marketplace_return_done": True})

    # ------------------------------------------------------------------ some lines
    def _marketplace_return_cancelled_lines(self, cartona_line_ids):
        """Cartona cancelled these lines of a confirmed order: the part already delivered
        comes back (once per Cartona line)."""
        self.ensure_one()
        order = self.sudo()
        if order.marketplace_return_done:
            return
        done = set(json.loads(order.marketplace_returned_line_ids or "[]"))
        wanted = {str(i) for i in cartona_line_ids} - done
        lines = order.order_line.filtered(
            lambda l: l.marketplace_line_id in wanted and l.qty_delivered > 0)
        if not lines:
            return
        order._marketplace_return(lines, whole=False)
        order.with_context(marketplace_no_outbox=True).write({
            "marketplace_returned_line_ids": json.dumps(
                sorted(done | set(lines.mapped("marketplace_line_id")))),
        })

    # ------------------------------------------------------------------ both
    def _marketplace_delivered_pickings(self):
        return self.picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.state == "done"
            and not p.move_ids.origin_returned_move_id)

    def _marketplace_return(self, lines, whole):
        self.ensure_one()
        returns = self.env["stock.picking"]
        for picking in self._marketplace_delivered_pickings():
            quantities = None
            if not whole:
                quantities = {m.id: m.product_uom_qty for m in picking.move_ids
                              if m.sale_line_id in lines}
            new = compat.create_return_picking(picking, quantities)
            if new:
                returns |= new
        refunds = self._marketplace_draft_refunds(lines, whole)
        self.with_context(marketplace_no_outbox=True).write({
            "marketplace_return_picking_ids": [(4, p.id) for p in returns],
            "marketplace_refund_ids": [(4, m.id) for m in refunds],
        })
        what = _("the order") if whole else ", ".join(lines.mapped("name"))
        self.message_post(body=_(
            "Cartona reported %(what)s returned: %(returns)s return(s) and %(refunds)s draft "
            "credit note(s) prepared, to check and validate.",
            what=what, returns=len(returns), refunds=len(refunds)))
        return returns, refunds

    def _marketplace_posted_invoices(self):
        return self.invoice_ids.filtered(
            lambda m: m.move_type == "out_invoice" and m.state == "posted")

    def _marketplace_draft_refunds(self, lines, whole):
        """Draft credit notes of the posted invoices (of ``lines`` only unless ``whole``)."""
        invoices = self._marketplace_posted_invoices()
        if not whole:
            invoices = invoices.filtered(
                lambda m: m.invoice_line_ids.sale_line_ids & lines)
        if not invoices:
            return self.env["account.move"]
        refunds = invoices._reverse_moves([{
            "ref": _("Cartona return of %s", self.marketplace_order_id),
            "marketplace_order_id": self.marketplace_order_id,
        } for _invoice in invoices], cancel=False)
        if not whole:
            for refund in refunds:
                drop = refund.invoice_line_ids.filtered(lambda l: not (l.sale_line_ids & lines))
                if drop:
                    refund.write({"invoice_line_ids": [(2, l.id) for l in drop]})
        return refunds
