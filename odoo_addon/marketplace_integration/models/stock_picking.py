from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _action_done(self):
        res = super()._action_done()
        orders = self.filtered(lambda p: p.picking_type_code == "outgoing").sale_id
        delivered = orders.filtered(
            lambda o: o.marketplace_order_id
            and o._marketplace_default_push_status() == "delivered"
        )
        delivered._marketplace_queue("order_status", "delivered")
        return res
