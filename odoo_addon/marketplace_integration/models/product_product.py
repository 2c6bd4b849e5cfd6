from odoo import _, api, fields, models
from odoo.exceptions import UserError

from . import unique_key
from .product_template import SYNC_STATUS


class ProductProduct(models.Model):
    _inherit = "product.product"

    cartona_id = fields.Char(
        string="Cartona ID",
        copy=False,
        index=True,
        help="Links this variant to the Cartona marketplace (internal_product_id).",
    )
    cartona_company_id = fields.Many2one(
        "res.company",
        related="product_tmpl_id.company_id",
        store=True,
        index=True,
        string="Company (Cartona key)",
    )
    marketplace_sync_status = fields.Selection(SYNC_STATUS, string="Sync Status", copy=False)
    last_sync_date = fields.Datetime(string="Last Sync Date", copy=False, readonly=True)

    def init(self):
        unique_key.ensure_unique_index(
            self.env.cr,
            "product_product_cartona_id_company_uniq",
            "product_product",
            "COALESCE(cartona_company_id, 0), cartona_id",
            "cartona_id IS NOT NULL AND cartona_id <> ''",
        )

    @api.model_create_multi
    def create(self, vals_list):
        items = []
        for vals in vals_list:
            if vals.get("cartona_id"):
                template = self.env["product.template"].browse(vals.get("product_tmpl_id"))
                items.append((None, vals.get("company_id") or template.company_id.id,
                              vals["cartona_id"]))
        unique_key.check_unique(self.env, "product.product", "cartona_id", "cartona_company_id",
                                items)
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("cartona_id"):
            unique_key.check_unique(self.env, "product.product", "cartona_id",
                                    "cartona_company_id", [
                                        (p.id, p.product_tmpl_id.company_id.id, vals["cartona_id"])
                                        for p in self])
        res = super().write(vals)
        if not self.env.context.get("marketplace_no_outbox") and (
            "lst_price" in vals or "cartona_id" in vals
        ):
            self.env["marketplace.outbox"].sudo()._enqueue_products(self, ["price", "stock"])
        return res

    def sync_to_marketplace(self):
        products = self.filtered("cartona_id")
        if not products:
            raise UserError(_("Set the Cartona ID of the product before syncing it."))
        self.env["marketplace.outbox"].sudo().with_context(
            marketplace_ping_now=True
        )._enqueue_products(products, ["stock", "price"])
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Marketplace"),
                "message": _("%s product(s) queued for Cartona.", len(products)),
                "type": "info",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
