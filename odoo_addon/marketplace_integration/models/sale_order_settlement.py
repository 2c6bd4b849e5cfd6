"""The money of a Cartona order beyond its lines (rebate, Cartona credit, installment, wallet
top-up), carried to its invoice so the invoice says what the supplier collects
(``cartona_settlement.py`` holds the [assumed] rules)."""
from odoo import _, fields, models
from odoo.exceptions import UserError

from ..cartona_settlement import order_parts

MONEY_FIELDS = {
    "applied_supplier_rebate": "marketplace_supplier_rebate",
    "cartona_credit": "marketplace_cartona_credit",
    "installment_cost": "marketplace_installment_cost",
    "wallet_top_up": "marketplace_wallet_top_up",
}


def marketplace_money_vals(raw):
    """sale.order values of a pulled order's money parts (ElementError names a bad one)."""
    return {MONEY_FIELDS[part]: value for part, value in order_parts(raw).items()}


class SaleOrderSettlement(models.Model):
    _inherit = "sale.order"

    marketplace_supplier_rebate = fields.Monetary(
        string="Cartona Supplier Rebate", copy=False, readonly=True,
        help="applied_supplier_rebate: the supplier's rebate, already inside Cartona's total.")
    marketplace_cartona_credit = fields.Monetary(
        string="Cartona Credit", copy=False, readonly=True,
        help="cartona_credit: paid by Cartona for the retailer; collected from Cartona.")
    marketplace_installment_cost = fields.Monetary(
        string="Cartona Installment Cost", copy=False, readonly=True,
        help="installment_cost: the retailer's financing fee (not the supplier's revenue).")
    marketplace_wallet_top_up = fields.Monetary(
        string="Cartona Wallet Top-up", copy=False, readonly=True,
        help="wallet_top_up: cash collected at the door for the retailer's Cartona wallet, "
        "owed to Cartona.")

    def _prepare_invoice(self):
        vals = super()._prepare_invoice()
        if self.marketplace_order_id:
            vals.update({
                "marketplace_order_id": self.marketplace_order_id,
                "marketplace_supplier_rebate": self.marketplace_supplier_rebate,
                "marketplace_cartona_credit": self.marketplace_cartona_credit,
                "marketplace_installment_cost": self.marketplace_installment_cost,
                "marketplace_wallet_top_up": self.marketplace_wallet_top_up,
            })
        return vals

    def _marketplace_invoice_delivered(self):
        """Draft invoices of delivered Cartona orders whose configuration invoices on
        delivery (never posted here); orders with nothing to invoice are left alone."""
        orders = self.filtered(
            lambda o: o.marketplace_config_id.auto_invoice_delivered
            and o.invoice_status == "to invoice"
        )
        invoices = self.env["account.move"]
        for order in orders.sudo():
            # the delivery is done whatever happens to its invoice: a refusal is told on the
            # order, never raised into the validation
            if not self.env["account.journal"].sudo().search(
                    [("type", "=", "sale"), ("company_id", "=", order.company_id.id)], limit=1):
                order.message_post(body=_(
                    "Cartona: not invoiced on delivery, the company has no sales journal."))
                continue
            try:
                with self.env.cr.savepoint():
                    invoices |= order._create_invoices()
            except UserError as exc:
                order.message_post(body=_("Cartona: not invoiced on delivery: %s", exc))
        return invoices
