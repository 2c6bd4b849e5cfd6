from odoo import api, fields, models

from ..cartona_rules import normalise_phone
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
    cartona_phone_key = fields.Char(
        compute="_compute_cartona_phone_key",
        store=True,
        index=True,
        copy=False,
        help="The phone normalised once (digits, local form): cartona_set_partner_ids finds "
        "partners by phone with one indexed lookup.",
    )

    @api.depends("phone")
    def _compute_cartona_phone_key(self):
        for partner in self:
            partner.cartona_phone_key = normalise_phone(partner.phone) or False

    def init(self):
        compat.ensure_unique_index(
            self.env.cr,
            "res_partner_cartona_id_company_uniq",
            "res_partner",
            "COALESCE(company_id, 0), cartona_id",
            "cartona_id IS NOT NULL AND cartona_id <> ''",
        )
