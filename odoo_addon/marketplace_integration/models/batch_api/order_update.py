"""An order imported before and pulled again: Cartona's line changes and state applied."""
from odoo import fields


class OrderUpdater:
    def __init__(self, config, builder, states):
        self.config = config
        self.builder = builder
        self.states = states

    def update(self, sale, order, warnings, inputs=None):
        warnings.extend(order.notes)
        changed = False
        sale = sale.with_context(marketplace_no_outbox=True)
        if sale.marketplace_details_pending:
            warnings.append("Odoo line changes are waiting to be sent: Cartona lines not applied")
        elif sale.state in ("draft", "sent"):
            changed = self._apply_lines(sale, order, warnings, inputs)
        elif any(l.id not in sale.order_line.mapped("marketplace_line_id") for l in order.lines):
            warnings.append("order is confirmed in Odoo: new Cartona lines were not added")
        if sale.state in ("sale", "done") and any(l.cancelled for l in order.lines):
            sale._marketplace_return_cancelled_lines([l.id for l in order.lines if l.cancelled])
        if order.status and order.status != sale.marketplace_status:
            self.states.apply(sale, order.status, order.raw)
            changed = True
        if changed:
            sale.write({"marketplace_sync_date": fields.Datetime.now()})
        return {
            "hashed_id": sale.marketplace_order_id,
            "status": "updated" if changed else "existing",
            "sale_order_id": sale.id, "sale_order_name": sale.name,
            "partner_id": sale.partner_id.id, "warnings": warnings,
            "lines": len(sale.order_line.filtered("marketplace_line_id")),
        }

    def _apply_lines(self, sale, order, warnings, inputs=None):
        """Lines matched by Cartona line id (never by product); True if anything changed."""
        changed = False
        Line = self.config.env["sale.order.line"].sudo().with_context(marketplace_no_outbox=True)
        by_id = {l.marketplace_line_id: l for l in sale.order_line if l.marketplace_line_id}
        for line in order.lines:
            current = by_id.pop(line.id, None)
            if line.cancelled:
                if current:
                    current.unlink()
                    changed = True
                continue
            if current:
                if (round(current.product_uom_qty - line.amount, 6)
                        or round(current.price_unit - line.price, 6)):
                    current.write({
                        "product_uom_qty": line.amount, "price_unit": line.price,
                        "marketplace_amount": line.amount, "marketplace_price": line.price,
                    })
                    changed = True
                continue
            vals = self.builder.line_vals(line, sale.marketplace_order_id, warnings, inputs)
            adopt = sale.order_line.filtered(
                lambda l: not l.marketplace_line_id and not l.display_type
                and l.marketplace_line_kind != "adjustment"
                and l.product_id.id == vals["product_id"]
            )[:1]
            if adopt:
                adopt.write(vals)
            else:
                Line.create(dict(vals, order_id=sale.id))
            changed = True
        for gone in by_id.values():
            gone.unlink()
            changed = True
        before = sale.amount_total
        self.builder.adjust_total(sale, order.total, [])
        return changed or before != sale.amount_total
