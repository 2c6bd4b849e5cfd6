from odoo import _, api, fields, models
from odoo.exceptions import UserError

from . import unique_key

SYNC_STATUS = [("pending", "Pending Sync"), ("synced", "Synced"), ("error", "Sync Error")]


class ProductTemplate(models.Model):
    _inherit = "product.template"

    cartona_id = fields.Char(
        string="Cartona ID",
        copy=False,
        index=True,
        help="Links this product to the Cartona marketplace (internal_product_id).",
    )
    marketplace_sync_status = fields.Selection(SYNC_STATUS, string="Sync Status", copy=False)
    last_sync_date = fields.Datetime(string="Last Sync Date", copy=False, readonly=True)
    # A template with one variant shows that variant's Cartona values (as Odoo does for
    # single-variant fields such as the barcode) when the mapping is on the variant.
    marketplace_variant_mapped = fields.Boolean(compute="_compute_marketplace_variant")
    marketplace_variant_cartona_id = fields.Char(
        string="Cartona ID (variant)", compute="_compute_marketplace_variant")
    marketplace_variant_sync_status = fields.Selection(
        SYNC_STATUS, string="Sync Status (variant)", compute="_compute_marketplace_variant")
    marketplace_variant_last_sync_date = fields.Datetime(
        string="Last Sync Date (variant)", compute="_compute_marketplace_variant")
    marketplace_can_sync = fields.Boolean(compute="_compute_marketplace_variant")

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

    @api.depends("cartona_id", "product_variant_ids.cartona_id",
                 "product_variant_ids.marketplace_sync_status",
                 "product_variant_ids.last_sync_date")
    def _compute_marketplace_variant(self):
        for template in self:
            variants = template.product_variant_ids
            single = variants[:1] if len(variants) == 1 else variants.browse()
            mapped = bool(single.cartona_id) and not template.cartona_id
            template.marketplace_variant_mapped = mapped
            template.marketplace_variant_cartona_id = single.cartona_id if mapped else False
            template.marketplace_variant_sync_status = (
                single.marketplace_sync_status if mapped else False)
            template.marketplace_variant_last_sync_date = (
                single.last_sync_date if mapped else False)
            template.marketplace_can_sync = bool(
                template.cartona_id or any(variants.mapped("cartona_id")))

    def sync_to_marketplace(self):
        """Queue stock and price of these products for Cartona and ping n8n."""
        variants = self.product_variant_ids.filtered("cartona_id")
        if not variants and self.filtered("cartona_id"):
            variants = self.product_variant_ids
        return variants.sync_to_marketplace()
