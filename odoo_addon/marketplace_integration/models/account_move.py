"""A customer invoice of a Cartona order: the Cartona parts and what the supplier collects
(at the door, from Cartona), computed by ``cartona_settlement.settle``."""
from odoo import api, fields, models

from ..cartona_settlement import settle


class AccountMove(models.Model):
    _inherit = "account.move"

    marketplace_order_id = fields.Char(
        string="Cartona Order", copy=False, readonly=True, index=True,
        help="Cartona hashed_id of the order this invoice (or credit note) is for.")
    marketplace_supplier_rebate = fields.Monetary(string="Supplier Rebate", readonly=True)
    marketplace_cartona_credit = fields.Monetary(string="Cartona Credit", readonly=True)
    marketplace_installment_cost = fields.Monetary(
        string="Installment Cost (retailer's)", readonly=True)
    marketplace_wallet_top_up = fields.Monetary(string="Wallet Top-up", readonly=True)
    marketplace_collect_at_door = fields.Monetary(
        string="To Collect at the Door", compute="_compute_marketplace_settlement",
        help="Cash the driver collects from the retailer: the invoice less what Cartona pays, "
        "plus the wallet top-up.")
    marketplace_collect_from_cartona = fields.Monetary(
        string="To Collect from Cartona", compute="_compute_marketplace_settlement")
    marketplace_owed_to_cartona = fields.Monetary(
        string="Owed to Cartona", compute="_compute_marketplace_settlement",
        help="The wallet top-up collected at the door belongs to Cartona.")

    @api.depends("amount_total", "move_type", "marketplace_order_id",
                 "marketplace_supplier_rebate", "marketplace_cartona_credit",
                 "marketplace_installment_cost", "marketplace_wallet_top_up")
    def _compute_marketplace_settlement(self):
        for move in self:
            if not move.marketplace_order_id or move.move_type != "out_invoice":
                move.marketplace_collect_at_door = 0.0
                move.marketplace_collect_from_cartona = 0.0
                move.marketplace_owed_to_cartona = 0.0
                continue
            result = settle(move.amount_total, move.marketplace_supplier_rebate,
                            move.marketplace_cartona_credit, move.marketplace_installment_cost,
                            move.marketplace_wallet_top_up, move.currency_id.rounding)
            move.marketplace_collect_at_door = result.collect_at_door
            move.marketplace_collect_from_cartona = result.collect_from_cartona
            move.marketplace_owed_to_cartona = result.owed_to_cartona
