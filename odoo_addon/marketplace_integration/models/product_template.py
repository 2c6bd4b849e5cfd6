from odoo import _, api, fields, models
from odoo.exceptions import UserError

from . import unique_key

SYNC_STATUS = [("pending", "Pending Sync"), ("synced", "Synced"), ("error", "Sync Error")]


class ProductTemplate(models.Model):
    _inherit = "product.template"

    cartona_id = fields.Char(
        string="External Product ID",
        copy=False,
        index=True,
        help="Links this product to the Cartona marketplace (internal_product_id).",
    )
    marketplace_sync_status = fields.Selection(SYNC_STATUS, string="Sync Status", copy=False)
    last_sync_date = fields.Datetime(string="Last Sync Date", copy=False, readonly=True)

    def init(self):
        unique_key.ensure_unique_index(
            self.env.cr,
            "product_template_cartona_id_company_uniq",
            "product_template",
            "COALESCE(company_id, 0), cartona_id",
            "cartona_id IS NOT NULL AND cartona_id <> ''",
        )

    @api.model_create_multi
    def create(self, vals_list):
        unique_key.check_unique(self.env, "product.template", "cartona_id", "company_id", [
            (None, vals.get("company_id"), vals.get("cartona_id")) for vals in vals_list])
        return super().create(vals_list)

    def write(self, vals):
        if "cartona_id" in vals or ("company_id" in vals and any(self.mapped("cartona_id"))):
            unique_key.check_unique(self.env, "product.template", "cartona_id", "company_id", [
                (t.id, vals["company_id"] if "company_id" in vals else t.company_id.id,
                 vals["cartona_id"] if "cartona_id" in vals else t.cartona_id) for t in self])
        res = super().write(vals)
        if not self.env.context.get("marketplace_no_outbox") and (
            "list_price" in vals or "cartona_id" in vals
        ):
            self.env["marketplace.outbox"].sudo()._enqueue_products(
                self.product_variant_ids, ["price"]
            )
        return res

    def sync_to_marketplace(self):
        """Queue stock and price of these products for Cartona and ping n8n."""
        variants = self.product_variant_ids.filtered("cartona_id")
        if not variants and self.filtered("cartona_id"):
            variants = self.product_variant_ids
        return variants.sync_to_marketplace()
