"""Invoicing and returns of Cartona orders, per marketplace configuration."""
from odoo import fields, models


class MarketplaceSupplierConfigInvoicing(models.Model):
    _inherit = "marketplace.supplier.config"

    auto_invoice_delivered = fields.Boolean(
        string="Invoice on Delivery",
        help="When a Cartona order's delivery is validated, create its invoice as a draft "
        "(with the Cartona parts and what to collect). Off: invoice with the usual button. "
        "Nothing is posted automatically.",
    )
