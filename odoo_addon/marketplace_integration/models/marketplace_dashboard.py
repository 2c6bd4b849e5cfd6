from odoo import fields, models, tools


class MarketplaceDashboard(models.Model):
    """One row per config: outbox backlog, recent errors, last successful syncs."""

    _name = "marketplace.dashboard"
    _description = "Marketplace Sync Dashboard"
    _auto = False
    _order = "config_id"

    config_id = fields.Many2one("marketplace.supplier.config", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    connection_status = fields.Char(readonly=True)
    pending_count = fields.Integer(string="Pending", readonly=True)
    failed_count = fields.Integer(string="Failed", readonly=True)
    errors_24h = fields.Integer(string="Errors (24 h)", readonly=True)
    last_order_sync = fields.Datetime(readonly=True)
    last_stock_sync = fields.Datetime(readonly=True)
    last_price_sync = fields.Datetime(readonly=True)
    last_status_sync = fields.Datetime(readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            """
            CREATE VIEW marketplace_dashboard AS
            SELECT c.id AS id, c.id AS config_id, c.company_id, c.connection_status,
                   (SELECT count(*) FROM marketplace_outbox o
                     WHERE o.config_id = c.id AND o.state IN ('pending', 'leased')) AS pending_count,
                   (SELECT count(*) FROM marketplace_outbox o
                     WHERE o.config_id = c.id AND o.state = 'failed') AS failed_count,
                   (SELECT count(*) FROM marketplace_sync_log l
                     WHERE l.config_id = c.id AND l.state = 'error'
                       AND l.create_date > (now() AT TIME ZONE 'UTC') - interval '24 hours') AS errors_24h,
                   (SELECT max(l.create_date) FROM marketplace_sync_log l
                     WHERE l.config_id = c.id AND l.state = 'ok' AND l.kind = 'order') AS last_order_sync,
                   (SELECT max(l.create_date) FROM marketplace_sync_log l
                     WHERE l.config_id = c.id AND l.state = 'ok' AND l.kind = 'stock') AS last_stock_sync,
                   (SELECT max(l.create_date) FROM marketplace_sync_log l
                     WHERE l.config_id = c.id AND l.state = 'ok' AND l.kind = 'price') AS last_price_sync,
                   (SELECT max(l.create_date) FROM marketplace_sync_log l
                     WHERE l.config_id = c.id AND l.state = 'ok'
                       AND l.kind = 'order_status') AS last_status_sync
              FROM marketplace_supplier_config c
             WHERE c.active
            """
        )
