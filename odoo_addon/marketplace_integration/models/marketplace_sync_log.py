from odoo import api, fields, models

from . import compat

MESSAGE_MAX = 2000


class MarketplaceSyncLog(models.Model):
    _name = "marketplace.sync.log"
    _description = "Marketplace Sync Log"
    _order = "id desc"

    config_id = fields.Many2one(
        "marketplace.supplier.config", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="config_id.company_id", store=True, index=True)
    kind = fields.Selection(
        [
            ("order", "Orders"),
            ("order_status", "Order Status"),
            ("order_details", "Order Details"),
            ("stock", "Stock"),
            ("price", "Price"),
            ("product", "Products"),
            ("partner", "Partners"),
            ("connection", "Connection"),
            ("other", "Other"),
        ],
        required=True,
        index=True,
    )
    direction = fields.Selection(
        [("inbound", "Cartona -> Odoo"), ("outbound", "Odoo -> Cartona")],
        required=True,
        default="inbound",
    )
    state = fields.Selection(
        [("ok", "OK"), ("warning", "Warning"), ("error", "Error")],
        required=True,
        default="ok",
        index=True,
    )
    message = fields.Text()
    record_ref = fields.Char(string="Record", index=True)
    count_ok = fields.Integer()
    count_failed = fields.Integer()
    duration_ms = fields.Integer()
    execution_id = fields.Char(string="n8n Execution")

    def init(self):
        compat.ensure_index(
            self.env.cr, "marketplace_sync_log_create_date_idx", "marketplace_sync_log", "create_date"
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("message"):
                vals["message"] = str(vals["message"])[:MESSAGE_MAX]
        return super().create(vals_list)

    @api.model
    def _cron_cleanup(self):
        self.env.cr.execute(
            """
            DELETE FROM marketplace_sync_log l USING marketplace_supplier_config c
             WHERE c.id = l.config_id
               AND l.create_date < (now() AT TIME ZONE 'UTC') - make_interval(days => c.log_retention_days)
            """
        )
        return self.env.cr.rowcount
