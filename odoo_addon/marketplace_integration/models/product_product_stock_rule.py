"""A variant's own Cartona stock rule, and the rule that applies to it under a configuration."""
from odoo import fields, models

from ..stock_rules import RULE_TEMPLATE, VARIANT_RULES, ProductRule, resolve_rule

VARIANT_RULE_FIELDS = ("cartona_variant_stock_rule", "cartona_variant_stock_buffer",
                       "cartona_variant_stock_max", "cartona_variant_unlimited_quantity")


class ProductProductStockRule(models.Model):
    _inherit = "product.product"

    cartona_variant_stock_rule = fields.Selection(
        VARIANT_RULES,
        string="Cartona Stock Rule (variant)",
        default=RULE_TEMPLATE,
        required=True,
        help="As the product template: the template's rule. Otherwise this variant's own "
        "rule, whatever the template says.",
    )
    cartona_variant_stock_buffer = fields.Float(string="Cartona Safety Buffer (variant)")
    cartona_variant_stock_max = fields.Float(
        string="Cartona Maximum Quantity (variant)", help="0: no maximum.")
    cartona_variant_unlimited_quantity = fields.Float(
        string="Cartona Unlimited Quantity (variant)", help="0: the configuration's.")

    def write(self, vals):
        res = super().write(vals)
        if not self.env.context.get("marketplace_no_outbox") and any(
            name in vals for name in VARIANT_RULE_FIELDS
        ):
            self.env["marketplace.outbox"].sudo()._enqueue_products(self, ["stock"])
        return res

    def _cartona_stock_rule(self, config):
        """The ``stock_rules.StockRule`` that applies to this variant under ``config``."""
        self.ensure_one()
        own = ProductRule(self.cartona_variant_stock_rule or RULE_TEMPLATE,
                          self.cartona_variant_stock_buffer, self.cartona_variant_stock_max,
                          self.cartona_variant_unlimited_quantity)
        return resolve_rule(config._stock_rule(), self.product_tmpl_id._cartona_stock_rule(), own)
