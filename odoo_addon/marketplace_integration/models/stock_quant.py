from odoo import api, fields, models


class StockQuant(models.Model):
    _inherit = "stock.quant"

    marketplace_sync_status = fields.Selection(
        related="product_id.marketplace_sync_status", string="Sync Status"
    )

    def _marketplace_enqueue(self):
        if self.env.context.get("marketplace_no_outbox"):
            return
        products = self.sudo().product_id.filtered("cartona_id")
        if products:
            self.env["marketplace.outbox"].sudo()._enqueue_products(
                products, ["stock"], mark_pending=False
            )

    @api.model_create_multi
    def create(self, vals_list):
        quants = super().create(vals_list)
        quants._marketplace_enqueue()
        return quants

    def write(self, vals):
        res = super().write(vals)
        if "quantity" in vals or "reserved_quantity" in vals:
            self._marketplace_enqueue()
        return res
