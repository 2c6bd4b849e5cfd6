"""A product template's own Cartona stock rule (``stock_rules.py`` applies it)."""
from odoo import fields, models

from ..stock_rules import RULE_DEFAULT, TEMPLATE_RULES, ProductRule

TEMPLATE_RULE_FIELDS = ("cartona_stock_rule", "cartona_stock_buffer", "cartona_stock_max",
                        "cartona_unlimited_quantity")


class ProductTemplateStockRule(models.Model):
    _inherit = "product.template"

    cartona_stock_rule = fields.Selection(
        TEMPLATE_RULES,
        string="Cartona Stock Rule",
        default=RULE_DEFAULT,
        required=True,
        help="Configuration default: the safety buffer and maximum of the marketplace "
        "configuration. Own: the buffer and maximum below. Unlimited: always in stock on "
        "Cartona with the quantity below (or the configuration's), whatever Odoo holds.",
    )
    cartona_stock_buffer = fields.Float(
        string="Cartona Safety Buffer",
        help="With the own rule: quantity kept back from the free quantity.")
    cartona_stock_max = fields.Float(
        string="Cartona Maximum Quantity",
        help="With the own rule: Cartona is never shown more. 0: no maximum.")
    cartona_unlimited_quantity = fields.Float(
        string="Cartona Unlimited Quantity",
        help="With unlimited stock: the quantity shown. 0: the configuration's.")

    def write(self, vals):
        res = super().write(vals)
        if not self.env.context.get("marketplace_no_outbox") and any(
            name in vals for name in TEMPLATE_RULE_FIELDS
        ):
            self.env["marketplace.outbox"].sudo()._enqueue_products(
                self.product_variant_ids, ["stock"]
            )
        return res

    def _cartona_stock_rule(self):
        """This template's own rule fields (a ``stock_rules.ProductRule``)."""
        self.ensure_one()
        return ProductRule(self.cartona_stock_rule or RULE_DEFAULT, self.cartona_stock_buffer,
                           self.cartona_stock_max, self.cartona_unlimited_quantity)
