from odoo import fields, models

from . import compat


class ResPartner(models.Model):
    _inherit = "res.partner"

    cartona_id = fields.Char(
        string="External Partner ID",
        copy=False,
        index=True,
        help="Links this partner to the Cartona marketplace: retailer_<retailer_code>.",
    )
    marketplace_customer_type = fields.Selection(
        [("b2c", "B2C Customer"), ("b2b", "B2B Customer"), ("supplier", "Supplier")],
        string="Marketplace Type",
    )
    marketplace_sync_status = fields.Selection(
        [("pending", "Pending Sync"), ("synced", "Synced"), ("error", "Sync Error")],
        string="Sync Status",
        default="pending",
        copy=False,
    )
    last_customer_sync_date = fields.Datetime(string="Last Sync Date", copy=False)

    def init(self):
        compat.ensure_unique_index(
            self.env.cr,
            "res_partner_cartona_id_company_uniq",
            "res_partner",
            "COALESCE(company_id, 0), cartona_id",
            "cartona_id IS NOT NULL AND cartona_id <> ''",
        )
