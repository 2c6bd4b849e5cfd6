from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _marketplace_missing_otp(self):
        """Outgoing pickings of Cartona orders that need the retailer's OTP and have none."""
        return self.filtered(
            lambda p: p.picking_type_code == "outgoing"
            and p.sale_id.marketplace_order_id
            and p.sale_id.marketplace_requires_otp
            and not p.sale_id.marketplace_retailer_otp
        )

    def button_validate(self):
        """A delivery Cartona would refuse without the retailer's OTP asks for it first
        (a small wizard), instead of failing later at Cartona."""
        if not self.env.context.get("marketplace_otp_checked"):
            missing = self._marketplace_missing_otp()
            if missing:
                sale = missing.sale_id[:1]
                return self.env["marketplace.otp.wizard"]._action_for(sale, self)
        return super().button_validate()

    def _action_done(self):
        res = super()._action_done()
        orders = self.filtered(lambda p: p.picking_type_code == "outgoing").sale_id
        delivered = orders.filtered(
            lambda o: o.marketplace_order_id
            and o._marketplace_default_push_status() == "delivered"
        )
        delivered._marketplace_queue("order_status", "delivered")
        delivered._marketplace_invoice_delivered()
        return res
