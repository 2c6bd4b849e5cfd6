"""Odoo values of an imported Cartona order: the sale order, its lines, the total adjustment."""
from odoo import _, fields

from .. import compat
from ..sale_order_settlement import marketplace_money_vals
from ...cartona_rules import MAX_KEY, parse_text, requires_otp, retailer_key, round_money
from ...exceptions import ElementError


class OrderBuilder:
    def __init__(self, config, batch):
        self.config = config
        self.batch = batch

    def line_vals(self, line, hashed_id, warnings, inputs=None):
        """``inputs``: the warnings a person must act on (the order-pull alert,
        ``input_warnings``); a line on the placeholder product is one (map the product)."""
        config = self.config
        product = self.batch.products.get(line.internal_product_id or "")
        kind, name = "product", False
        if not product:
            if config.unknown_product_policy == "refuse":
                raise ElementError(
                    "order_details.internal_product_id",
                    "line %s: unknown internal_product_id %r (the configuration refuses orders "
                    "with unmapped products)" % (line.id, line.internal_product_id),
                )
            product = config._get_placeholder_product()
            kind = "placeholder"
            name = _("[Cartona %(pid)s] %(name)s (product not mapped)",
                     pid=line.internal_product_id, name=line.name)
            warning = (
                'line %s: "internal_product_id" %s: placed on the placeholder product; map the '
                "Cartona product to an Odoo product and correct the line"
                % (line.id, "is missing" if not line.internal_product_id
                   else "%r is not mapped to an Odoo product" % line.internal_product_id))
            warnings.append("Order %s %s" % (hashed_id, warning))
            if inputs is not None:
                inputs.append(warning)
        vals = {
            "product_id": product.id,
            "product_uom_qty": line.amount,
            "price_unit": line.price,
            "discount": 0.0,
            compat.order_line_tax_field(): [(6, 0, [])],
            "marketplace_line_id": line.id,
            "marketplace_line_kind": kind,
            "marketplace_internal_product_id": line.internal_product_id,
            "marketplace_amount": line.amount,
            "marketplace_price": line.price,
        }
        if name:
            vals["name"] = name
        return vals

    def refuses(self, order):
        """True when the refuse policy applies to one of the order's live lines."""
        return self.config.unknown_product_policy == "refuse" and any(
            (line.internal_product_id or "") not in self.batch.products
            for line in order.live_lines
        )

    def order_vals(self, order, warnings, inputs=None):
        config = self.config
        warnings.extend(order.notes)
        partner = self.batch.partners[retailer_key(order.retailer)]
        raw = order.raw
        vals = {
            "partner_id": partner.id,
            "company_id": config.company_id.id,
            "marketplace_order_id": order.hashed_id,
            "marketplace_config_id": config.id,
            "marketplace_status": "pending",
            "marketplace_sync_date": fields.Datetime.now(),
            "marketplace_requires_otp": requires_otp(raw),
            **marketplace_money_vals(raw),
            "client_order_ref": parse_text(raw.get("receipt_id"), "receipt_id", MAX_KEY)
            or order.hashed_id,
            "order_line": [(0, 0, self.line_vals(line, order.hashed_id, warnings, inputs))
                           for line in order.live_lines],
        }
        if config.pricelist_id:
            vals["pricelist_id"] = config.pricelist_id.id
        warehouses = config._get_warehouses()
        if warehouses:
            vals["warehouse_id"] = warehouses[0].id
        note = parse_text(raw.get("note_message"), "note_message")
        if note:
            vals["note"] = note
        return vals

    def adjust_total(self, sale, total, warnings):
        """Make amount_total equal Cartona's total_price to the cent (rebates, credits)."""
        if total is None:
            return
        rounding = sale.currency_id.rounding
        adjustment = sale.order_line.filtered(lambda l: l.marketplace_line_kind == "adjustment")
        base = sum((sale.order_line - adjustment).mapped("price_total"))
        delta = round_money(total - base, rounding)
        if not delta:
            if adjustment:
                adjustment.with_context(marketplace_no_outbox=True).unlink()
            return
        vals = {"product_uom_qty": 1, "price_unit": delta}
        if adjustment:
            adjustment.with_context(marketplace_no_outbox=True).write(vals)
        else:
            product = self.config._get_adjustment_product()
            vals.update({
                "order_id": sale.id, "product_id": product.id,
                "marketplace_line_kind": "adjustment",
                compat.order_line_tax_field(): [(6, 0, [])],
                "name": _("Cartona total adjustment (rebate, credit, fees)"),
            })
            self.config.env["sale.order.line"].sudo().with_context(
                marketplace_no_outbox=True).create(vals)
        warnings.append("total_price %s differs from the lines (%s): adjustment line of %s"
                        % (total, base, delta))
