from datetime import datetime, time

from odoo import _, fields, models, tools

from .marketplace_supplier_config import CONNECTION_STATES

# A kind counts as synced when a row of it reports something done: an "ok" row, or a
# warning row that still reports records done (an import with a warning on one order).
LAST_SYNC = """(SELECT max(l.create_date) FROM marketplace_sync_log l
                 WHERE l.config_id = c.id AND l.kind = '%s'
                   AND (l.state = 'ok' OR (l.state = 'warning' AND l.count_ok > 0)))"""
LAST_SYNC_KINDS = {
    "last_order_sync": "order",
    "last_status_sync": "order_status",
    "last_stock_sync": "stock",
    "last_price_sync": "price",
}


class MarketplaceDashboard(models.Model):
    """One card per active config: connection, what waits for Cartona, what failed,
    today's orders and the last sync of each kind; every figure opens its records."""

    _name = "marketplace.dashboard"
    _description = "Marketplace Sync Dashboard"
    _auto = False
    _order = "config_id"

    config_id = fields.Many2one(
        "marketplace.supplier.config", string="Configuration", readonly=True
    )
    name = fields.Char(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    connection_status = fields.Selection(
        CONNECTION_STATES,
        string="Connection",
        readonly=True,
    )
    connection_message = fields.Char(string="Last Test Result", readonly=True)
    last_connection_test = fields.Datetime(string="Tested On", readonly=True)
    pending_count = fields.Integer(string="Waiting to Be Sent", readonly=True)
    failed_count = fields.Integer(string="Failed to Send", readonly=True)
    errors_24h = fields.Integer(string="Errors (24 h)", readonly=True)
    orders_today = fields.Integer(string="Orders Imported Today", compute="_compute_orders_today")
    last_order_sync = fields.Datetime(string="Last Order Import", readonly=True)
    last_stock_sync = fields.Datetime(string="Last Stock Push", readonly=True)
    last_price_sync = fields.Datetime(string="Last Price Push", readonly=True)
    last_status_sync = fields.Datetime(string="Last Status Push", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        last = ",\n".join(
            "%s AS %s" % (LAST_SYNC % kind, column) for column, kind in LAST_SYNC_KINDS.items()
        )
        self.env.cr.execute(
            """
            CREATE VIEW marketplace_dashboard AS
            SELECT c.id AS id, c.id AS config_id, c.name, c.company_id, c.connection_status,
                   c.connection_message, c.last_connection_test,
                   (SELECT count(*) FROM marketplace_outbox o
                     WHERE o.config_id = c.id AND o.state IN ('pending', 'leased')) AS pending_count,
                   (SELECT count(*) FROM marketplace_outbox o
                     WHERE o.config_id = c.id AND o.state = 'failed') AS failed_count,
                   (SELECT count(*) FROM marketplace_sync_log l
                     WHERE l.config_id = c.id AND l.state = 'error'
                       AND l.create_date > (now() AT TIME ZONE 'UTC') - interval '24 hours') AS errors_24h,
                   %s
              FROM marketplace_supplier_config c
             WHERE c.active
            """ % last
        )

    def _today_start(self):
        return datetime.combine(fields.Datetime.now().date(), time.min)

    def _compute_orders_today(self):
        """Counted by the ORM (sale.order's columns do not exist yet when this view is made)."""
        counts = dict.fromkeys(self.config_id.ids, 0)
        if self.config_id:
            domain = [("marketplace_config_id", "in", self.config_id.ids),
                      ("create_date", ">=", fields.Datetime.to_string(self._today_start()))]
            for order in self.env["sale.order"].sudo().search(domain):
                counts[order.marketplace_config_id.id] += 1
        for card in self:
            card.orders_today = counts.get(card.config_id.id, 0)

    # ------------------------------------------------------------------ actions
    def _open(self, model, name, domain, context=None, views="list"):
        self.ensure_one()
        action = {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "domain": domain,
            "context": dict(context or {}),
            "views": [(False, view) for view in views.split(",")],
            "target": "current",
        }
        return action

    def _list_type(self):
        views = self.env["ir.ui.view"]._fields["type"].selection
        return "list" if "list" in dict(views) else "tree"

    def action_open_config(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "marketplace.supplier.config",
            "res_id": self.config_id.id,
            "views": [(False, "form")],
            "target": "current",
        }

    def action_test_connection(self):
        self.ensure_one()
        return self.config_id.test_connection()

    def action_open_pending(self):
        return self._open(
            "marketplace.outbox", _("Waiting to Be Sent: %s", self.name),
            [("config_id", "=", self.config_id.id), ("state", "in", ("pending", "leased"))],
            views=self._list_type(),
        )

    def action_open_failed(self):
        return self._open(
            "marketplace.outbox", _("Failed to Send: %s", self.name),
            [("config_id", "=", self.config_id.id), ("state", "=", "failed")],
            views=self._list_type(),
        )

    def action_open_errors(self):
        since = fields.Datetime.subtract(fields.Datetime.now(), hours=24)
        return self._open(
            "marketplace.sync.log", _("Errors of the Last 24 Hours: %s", self.name),
            [("config_id", "=", self.config_id.id), ("state", "=", "error"),
             ("create_date", ">", fields.Datetime.to_string(since))],
            views=self._list_type() + ",form",
        )

    def action_open_orders_today(self):
        start = self._today_start()
        return self._open(
            "sale.order", _("Cartona Orders Imported Today: %s", self.name),
            [("marketplace_config_id", "=", self.config_id.id),
             ("create_date", ">=", fields.Datetime.to_string(start))],
            views=self._list_type() + ",form",
        )

    def _open_log(self, kind):
        return self._open(
            "marketplace.sync.log", _("Sync Log: %s", self.name),
            [("config_id", "=", self.config_id.id), ("kind", "=", kind)],
            views=self._list_type() + ",form",
        )

    def action_open_order_log(self):
        return self._open_log("order")

    def action_open_status_log(self):
        return self._open_log("order_status")

    def action_open_stock_log(self):
        return self._open_log("stock")

    def action_open_price_log(self):
        return self._open_log("price")

    def action_open_results_graph(self):
        return self._open(
            "marketplace.sync.log", _("Sync Results per Day: %s", self.name),
            [("config_id", "=", self.config_id.id)],
            views="graph," + self._list_type(),
        )
