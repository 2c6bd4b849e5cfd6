from odoo import api, fields, models

from ..cartona_rules import normalise_phone
from . import unique_key


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
        unique_key.ensure_unique_index(
            self.env.cr,
            "res_partner_cartona_id_company_uniq",
            "res_partner",
            "COALESCE(company_id, 0), cartona_id",
            "cartona_id IS NOT NULL AND cartona_id <> ''",
        )

    # A shared partner (no company) and a company partner may not hold the same cartona_id:
    # the shared one is visible from that company too, and the import would have to guess.
    def _cartona_check_unique(self, vals_list, records=None):
        items = []
        for vals, partner in zip(vals_list, records or [None] * len(vals_list)):
            if "cartona_id" in vals or "company_id" in vals:
                items.append((
                    partner.id if partner else None,
                    vals["company_id"] if "company_id" in vals else partner and partner.company_id.id,
                    vals["cartona_id"] if "cartona_id" in vals else partner and partner.cartona_id,
                ))
        unique_key.check_unique(self.env, "res.partner", "cartona_id", "company_id", items,
                                shared_is_global=True)

    @api.model_create_multi
    def create(self, vals_list):
        self._cartona_check_unique(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if "cartona_id" in vals or ("company_id" in vals and any(self.mapped("cartona_id"))):
            self._cartona_check_unique([vals] * len(self), self)
        return super().write(vals)
