"""A product change Cartona refused for good: the product says so, with Cartona's reason.

Set by the outbox acknowledgement (``models/batch_api/outbox.py``) when n8n reports that
Cartona refused the entry itself; cleared when a later change of the product reaches Cartona.

One refusal is one alert: the real-time push alerts once (the acknowledgement answers
``refused`` once), and the full reconciliation (the stock and price snapshots of every mapped
product, ``batch_api/snapshot.py``) leaves a refused product out instead of sending the values
Cartona refused again every hour. It stays visible as "Refused by Cartona" with the reason; its
next change (a price, a stock move, a stock rule) or Sync Now queues it for the real-time push,
and a refusal of those new values is a new refusal, alerted once.
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
