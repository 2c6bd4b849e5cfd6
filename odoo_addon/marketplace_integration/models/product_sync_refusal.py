"""A product change Cartona refused for good: the product says so, with Cartona's reason.

Set by the outbox acknowledgement (``models/batch_api/outbox.py``) when n8n reports that
Cartona refused the entry itself; cleared when a later change of the product reaches Cartona.
"""
from odoo import fields, models

REFUSED = [("refused", "Refused by Cartona")]


class ProductTemplateSyncRefusal(models.Model):
    _inherit = "product.template"

    marketplace_sync_status = fields.Selection(
        selection_add=REFUSED, ondelete={"refused": "set null"})
    marketplace_variant_sync_status = fields.Selection(selection_add=REFUSED)
    marketplace_sync_error = fields.Char(
        string="Cartona Refusal", copy=False, readonly=True,
        help="Why Cartona refused the last change of this product; it is sent again when "
        "the product changes.")


class ProductProductSyncRefusal(models.Model):
    _inherit = "product.product"

    marketplace_sync_status = fields.Selection(
        selection_add=REFUSED, ondelete={"refused": "set null"})
    marketplace_sync_error = fields.Char(
        string="Cartona Refusal", copy=False, readonly=True,
        help="Why Cartona refused the last change of this product; it is sent again when "
        "the product changes.")
