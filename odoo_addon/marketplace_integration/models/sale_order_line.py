import json

from odoo import api, fields, models

from . import unique_key
from .sale_order_cartona_fields import LINE_CARTONA_OWNED_FIELDS, check_cartona_owned


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    marketplace_line_id = fields.Char(
        string="Cartona Line ID", copy=False, index=True, readonly=True
    )
    marketplace_line_kind = fields.Selection(
        [
            ("product", "Cartona product"),
            ("placeholder", "Unknown product (placeholder)"),
            ("adjustment", "Total adjustment"),
        ],
        copy=False,
        readonly=True,
    )
    marketplace_internal_product_id = fields.Char(
        string="Cartona internal_product_id", copy=False, readonly=True
    )
    marketplace_amount = fields.Float(copy=False, readonly=True, digits=(16, 6))
    marketplace_price = fields.Float(copy=False, readonly=True, digits=(16, 6))

    def init(self):
        unique_key.ensure_unique_index(
            self.env.cr,
            "sale_order_line_marketplace_line_id_uniq",
            "sale_order_line",
            "order_id, marketplace_line_id",
            "marketplace_line_id IS NOT NULL",
        )

    def _compute_price_unit(self):
        # Cartona lines keep Cartona's selling price when Odoo recomputes prices
        # (quantity or unit changes); other lines follow the pricelist.
        cartona = self.filtered(lambda l: l.marketplace_line_kind and l.order_id.marketplace_order_id)
        return super(SaleOrderLine, self - cartona)._compute_price_unit()

    def _marketplace_relevant(self):
        return self.filtered(
            lambda l: l.order_id.marketplace_order_id
            and l.marketplace_line_kind not in ("placeholder", "adjustment")
            and not l.display_type
        )

    @api.model_create_multi
    def create(self, vals_list):
        check_cartona_owned(self, vals_list, LINE_CARTONA_OWNED_FIELDS)
        lines = super().create(vals_list)
        if not self.env.context.get("marketplace_no_outbox"):
            lines._marketplace_relevant().order_id._marketplace_queue("order_details")
        return lines

    def write(self, vals):
        check_cartona_owned(self, [vals], LINE_CARTONA_OWNED_FIELDS)
        res = super().write(vals)
        if not self.env.context.get("marketplace_no_outbox") and (
            "product_uom_qty" in vals or "price_unit" in vals
        ):
            self._marketplace_relevant().order_id._marketplace_queue("order_details")
        return res

    def unlink(self):
        if not self.env.context.get("marketplace_no_outbox"):
            removed = self._marketplace_relevant().filtered("marketplace_line_id")
            for order in removed.order_id:
                ids = json.loads(order.marketplace_cancelled_line_ids or "[]")
                ids += removed.filtered(lambda l, o=order: l.order_id == o).mapped(
                    "marketplace_line_id"
                )
                order.sudo().with_context(marketplace_no_outbox=True).write(
                    {"marketplace_cancelled_line_ids": json.dumps(ids)}
                )
            orders = removed.order_id
            res = super().unlink()
            orders._marketplace_queue("order_details")
            return res
        return super().unlink()
