"""Asks for the retailer's OTP where it is needed: at the delivery's validation (before
Odoo marks the goods delivered and Cartona is told) and after Cartona refused one."""
import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# [assumed] Cartona's retailer OTP is a short code of digits ("123456" in the contract);
# nothing public gives its length, so 4 to 8 digits are accepted.
OTP_PATTERN = re.compile(r"\d{4,8}")


def clean_otp(value):
    """The OTP without spaces, or UserError when it cannot be one."""
    otp = re.sub(r"\s", "", value or "")
    if not OTP_PATTERN.fullmatch(otp):
        raise UserError(_("The retailer's OTP is 4 to 8 digits (got %r).", value or ""))
    return otp


class MarketplaceOtpWizard(models.TransientModel):
    _name = "marketplace.otp.wizard"
    _description = "Retailer OTP for a Cartona delivery"

    sale_order_id = fields.Many2one("sale.order", required=True, readonly=True)
    picking_ids = fields.Many2many("stock.picking", readonly=True)
    marketplace_order_id = fields.Char(related="sale_order_id.marketplace_order_id")
    retry = fields.Boolean(readonly=True, help="Cartona refused the OTP sent before.")
    refusal = fields.Char(related="sale_order_id.marketplace_sync_error")
    retailer_otp = fields.Char(
        string="Retailer OTP",
        help="The code the retailer received from Cartona for this order (installment or "
        "wallet top-up orders cannot be marked delivered without it).")

    @api.model
    def _action_for(self, sale, pickings=None, retry=False):
        """The window action asking for ``sale``'s OTP (then validating ``pickings``)."""
        return {
            "type": "ir.actions.act_window",
            "name": _("Retailer OTP"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_sale_order_id": sale.id,
                "default_picking_ids": [(6, 0, pickings.ids if pickings else [])],
                "default_retry": retry,
            },
        }

    def action_confirm(self):
        """Store the OTP on the order, then go on: validate the delivery, or (after a
        refusal) send the delivered status again."""
        self.ensure_one()
        otp = clean_otp(self.retailer_otp)
        sale = self.sale_order_id
        # a warehouse user validating the delivery may not write sales orders
        sale.sudo().write({"marketplace_retailer_otp": otp})
        if self.picking_ids:
            return self.picking_ids.with_context(marketplace_otp_checked=True).button_validate()
        sale.sudo().update_marketplace_status()
        return {"type": "ir.actions.act_window_close"}
