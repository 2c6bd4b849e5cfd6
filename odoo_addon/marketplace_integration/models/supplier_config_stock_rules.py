"""The stock rules of a marketplace configuration: the defaults every mapped product follows
unless its template or variant has its own rule (``stock_rules.py`` applies them)."""
from odoo import fields, models

from ..stock_rules import DEFAULT_UNLIMITED_QUANTITY, StockRule

RULE_FIELDS = ("stock_safety_buffer", "stock_max_quantity", "unlimited_stock_quantity",
               "warehouse_ids", "company_id")


class MarketplaceSupplierConfigStockRules(models.Model):
    _inherit = "marketplace.supplier.config"

    stock_safety_buffer = fields.Float(
        string="Safety Buffer",
        default=0.0,
        help="Quantity kept back: subtracted from the free quantity (on hand minus reserved) "
        "before it is pushed to Cartona. The pushed quantity is never negative.",
    )
    stock_max_quantity = fields.Float(
        string="Maximum Shown Quantity",
        default=0.0,
        help="Cartona is never shown more than this quantity of one product. 0: no maximum.",
    )
    unlimited_stock_quantity = fields.Float(
        string="Unlimited Stock Quantity",
        default=DEFAULT_UNLIMITED_QUANTITY,
        help="Quantity pushed for products set to unlimited stock (always in stock, whatever "
        "Odoo holds), unless the product sets its own.",
    )

    def _stock_rule(self):
        """This configuration's default rule (a ``stock_rules.StockRule``)."""
        self.ensure_one()
        return StockRule(buffer=self.stock_safety_buffer, maximum=self.stock_max_quantity,
                         unlimited_quantity=self.unlimited_stock_quantity)

    def _mapped_products(self):
        """Active mapped variants this configuration publishes."""
        self.ensure_one()
        return self.env["product.product"].sudo().search([
            ("cartona_id", "!=", False),
            "|", ("cartona_company_id", "=", False),
            ("cartona_company_id", "=", self.company_id.id),
        ])

    def write(self, vals):
        res = super().write(vals)
        if any(name in vals for name in RULE_FIELDS):
            Outbox = self.env["marketplace.outbox"].sudo()
            for config in self.filtered(lambda c: c.active and c.auto_sync_products):
                Outbox._enqueue(config, "stock", config._mapped_products())
        return res
