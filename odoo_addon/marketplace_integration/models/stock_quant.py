from odoo import api, fields, models


class StockQuant(models.Model):
    _inherit = "stock.quant"

    marketplace_sync_status = fields.Selection(
        related="product_id.marketplace_sync_status", string="Sync Status"
    )
    marketplace_last_sync_date = fields.Datetime(
        related="product_id.last_sync_date", string="Last Sync Date"
    )

    def _marketplace_enqueue(self):
        """Queue the stock of these quants' mapped products for the configurations whose
        warehouses hold the quants (a configuration publishes only its own warehouses)."""
        if self.env.context.get("marketplace_no_outbox"):
            return
        quants = self.sudo().filtered(lambda q: q.product_id.cartona_id)
        if not quants:
            return
        Outbox = self.env["marketplace.outbox"].sudo()
        for config, products in Outbox._configs_for_products(quants.product_id).items():
            if not config.auto_sync_products:
                continue
            paths = [w.view_location_id.parent_path for w in config._get_warehouses()]
            mine = quants.filtered(
                lambda q, p=paths: q.product_id in products
                and any((q.location_id.parent_path or "").startswith(path) for path in p)
            ).product_id
            if mine:
                Outbox._enqueue(config, "stock", mine)

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
