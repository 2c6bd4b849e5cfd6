from odoo import api, models


class ProductPricelistItem(models.Model):
    _inherit = "product.pricelist.item"

    def _marketplace_enqueue(self):
        if self.env.context.get("marketplace_no_outbox"):
            return
        configs = (
            self.env["marketplace.supplier.config"]
            .sudo()
            .search([("pricelist_id", "in", self.pricelist_id.ids)])
        )
        if not configs:
            return
        Product = self.env["product.product"].sudo()
        products = Product.browse()
        for item in self:
            if item.product_id:
                products |= item.product_id
            elif item.product_tmpl_id:
                products |= item.product_tmpl_id.product_variant_ids
            else:
                products |= Product.search([("cartona_id", "!=", False)])
        self.env["marketplace.outbox"].sudo()._enqueue_products(products, ["price"])

    @api.model_create_multi
    def create(self, vals_list):
        items = super().create(vals_list)
        items._marketplace_enqueue()
        return items

    def write(self, vals):
        res = super().write(vals)
        self._marketplace_enqueue()
        return res

    def unlink(self):
        self._marketplace_enqueue()
        return super().unlink()
