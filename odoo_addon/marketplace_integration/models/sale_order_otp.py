"""A refused retailer OTP on a Cartona order: shown on the order, with the way to retry."""
from odoo import api, fields, models


class SaleOrderOtp(models.Model):
    _inherit = "sale.order"

    marketplace_otp_refused = fields.Boolean(
        string="OTP Refused by Cartona",
        compute="_compute_marketplace_otp_refused",
        help="Cartona did not accept the delivered status of this OTP order (the reason is "
        "in the sync error): enter the retailer's OTP again to send it once more.",
    )

    @api.depends("marketplace_requires_otp", "marketplace_push_status", "marketplace_status",
                 "marketplace_sync_error")
    def _compute_marketplace_otp_refused(self):
        for order in self:
            order.marketplace_otp_refused = bool(
                order.marketplace_requires_otp
                and order.marketplace_push_status == "delivered"
                and order.marketplace_status != "delivered"
                and order.marketplace_sync_error
            )

    def action_marketplace_enter_otp(self):
        """Button: ask for the retailer's OTP and send the delivered status again."""
        self.ensure_one()
        return self.env["marketplace.otp.wizard"]._action_for(self, retry=True)
