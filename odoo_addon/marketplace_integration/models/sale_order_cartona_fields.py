"""The Cartona fields of a sale order change only through the addon's own paths.

``readonly=True`` only hides a field in the form: over RPC a Sales user could write
``marketplace_status`` or ``marketplace_order_id`` of a Cartona order and make Odoo and
Cartona disagree silently. The addon's paths (the batch methods, the outbox, the status
queue) write these fields as the superuser (``sudo()``), which an RPC caller cannot be; any
other writer gets an AccessError naming the fields. Fields a user is meant to edit (the
status to send, the retailer's OTP, the cancellation reason, the delivery day) stay open.
The same holds for the Cartona fields of an order line (``LINE_CARTONA_OWNED_FIELDS``,
checked by ``sale_order_line.py``); its quantity and price stay open (the details push).
"""
from odoo import _, api, models
from odoo.exceptions import AccessError

CARTONA_OWNED_FIELDS = frozenset((
    "marketplace_order_id",
    "marketplace_config_id",
    "marketplace_status",
    "marketplace_sync_date",
    "marketplace_status_pending",
    "marketplace_details_pending",
    "marketplace_details_sent",
    # the push run's lease (batch_api/lease.py): cleared by a direct write, a second run
    # would send the same change again
    "marketplace_status_lease_until",
    "marketplace_details_lease_until",
    "marketplace_requires_otp",
    "marketplace_cancelled_line_ids",
    # a held status push and its sentence (status_hold.py): cleared by a direct write, the
    # held push would go out although Cartona's status does not allow it
    "marketplace_push_hold",
    "marketplace_sync_error",
    # Cartona's money parts of the order (sale_order_settlement.py), carried to the invoice
    "marketplace_supplier_rebate",
    "marketplace_cartona_credit",
    "marketplace_installment_cost",
    "marketplace_wallet_top_up",
    # the return Cartona reported, prepared once (sale_order_return.py)
    "marketplace_return_done",
    "marketplace_returned_line_ids",
    "marketplace_return_picking_ids",
    "marketplace_refund_ids",
))


# the Cartona fields of an order line (sale_order_line.py): Cartona's line id, the kind
# of line and what Cartona last acknowledged, which the details push compares with
LINE_CARTONA_OWNED_FIELDS = frozenset((
    "marketplace_line_id",
    "marketplace_line_kind",
    "marketplace_internal_product_id",
    "marketplace_amount",
    "marketplace_price",
))


def check_cartona_owned(records, vals_list, owned=CARTONA_OWNED_FIELDS):
    if records.env.su:
        return
    touched = sorted({field for vals in vals_list for field in vals if field in owned})
    if touched:
        raise AccessError(_(
            "%(fields)s of %(model)s change only through the Cartona sync (the marketplace "
            "integration's own actions), not by a direct write.",
            fields=", ".join(touched), model=records._description))


class SaleOrderCartonaFields(models.Model):
    _inherit = "sale.order"

    @api.model_create_multi
    def create(self, vals_list):
        check_cartona_owned(self, vals_list)
        return super().create(vals_list)

    def write(self, vals):
        check_cartona_owned(self, [vals])
        return super().write(vals)
