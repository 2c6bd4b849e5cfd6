import logging

from odoo import api, fields, models

from . import unique_key

_logger = logging.getLogger(__name__)

KINDS = [
    ("stock", "Stock"),
    ("price", "Price"),
    ("order_status", "Order Status"),
    ("order_details", "Order Details"),
]
MAX_ATTEMPTS = 10
# How long a caller holds what it was handed (outbox entries, and the sale orders of
# cartona_get_status_changes / cartona_get_details_changes, batch_api/lease.py) before a
# second caller may take it: a crashed run's work comes back to the sweep after it.
LEASE_SECONDS = 120


class MarketplaceOutbox(models.Model):
    """Transactional outbox: what Cartona must be told, written in the same transaction
    as the change itself, so nothing is lost when n8n is down.

    One pending (or leased) entry per config, kind and record (coalesced by a partial
    unique index); ``seq`` grows on every re-queue so a change made while an entry is
    leased keeps it pending after the acknowledgement.
    """

    _name = "marketplace.outbox"
    _description = "Marketplace Outbox Entry"
    _order = "id"

    config_id = fields.Many2one(
        "marketplace.supplier.config", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="config_id.company_id", store=True, index=True)
    kind = fields.Selection(KINDS, required=True, index=True)
    res_model = fields.Char(required=True)
    res_id = fields.Integer(required=True)
    product_id = fields.Many2one("product.product", ondelete="cascade", index=True)
    sale_order_id = fields.Many2one("sale.order", ondelete="cascade", index=True)
    state = fields.Selection(
        [("pending", "Pending"), ("leased", "Leased"), ("done", "Done"), ("failed", "Failed")],
        default="pending",
        required=True,
        index=True,
    )
    seq = fields.Integer(default=1, required=True)
    claimed_seq = fields.Integer()
    attempts = fields.Integer(default=0)
    lease_until = fields.Datetime()
    last_error = fields.Text()
    done_date = fields.Datetime()
    record_name = fields.Char(string="Product or Order", compute="_compute_record_name")
    can_retry = fields.Boolean(compute="_compute_can_retry")

    def init(self):
        unique_key.ensure_unique_index(
            self.env.cr,
            "marketplace_outbox_open_uniq",
            "marketplace_outbox",
            "config_id, kind, res_model, res_id",
            "state IN ('pending', 'leased')",
        )

    @api.depends("product_id", "sale_order_id", "res_model", "res_id")
    def _compute_record_name(self):
        for entry in self:
            record = entry.product_id or entry.sale_order_id
            entry.record_name = record.display_name if record else "%s,%s" % (
                entry.res_model, entry.res_id)

    @api.depends("state")
    def _compute_can_retry(self):
        for entry in self:
            entry.can_retry = entry.state == "failed"

    def action_retry(self):
        """Send failed changes again: one new pending entry per record (joined with any
        change already waiting), n8n pinged at once; the failed entries are replaced."""
        failed = self.filtered(lambda e: e.state == "failed")
        groups = {}
        for entry in failed:
            groups.setdefault((entry.config_id, entry.kind, entry.res_model), set()).add(
                entry.res_id)
        outbox = self.sudo().with_context(marketplace_ping_now=True)
        for (config, kind, res_model), res_ids in groups.items():
            records = self.env[res_model].sudo().browse(sorted(res_ids)).exists()
            outbox._enqueue(config, kind, records)
        failed.sudo().unlink()
        return True

    @api.model
    def _enqueue(self, configs, kind, records, ping=True):
        """Add or refresh one open entry per (config, kind, record). Two statements
        whatever the number of records."""
        if not configs or not records:
            return
        is_product = records._name == "product.product"
        is_order = records._name == "sale.order"
        rows = []
        for config in configs:
            for record in records:
                rows.append(
                    (
                        config.id,
                        kind,
                        records._name,
                        record.id,
                        record.id if is_product else None,
                        record.id if is_order else None,
                    )
                )
        self.flush_model()
        self.env.cr.execute(
            """
            INSERT INTO marketplace_outbox
                   (config_id, kind, res_model, res_id, product_id, sale_order_id, state, seq,
                    attempts, company_id, create_uid, write_uid, create_date, write_date)
            SELECT v.config_id, v.kind, v.res_model, v.res_id, v.product_id, v.sale_order_id,
                   'pending', 1, 0, c.company_id, %s, %s,
                   now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM unnest(%s::int[], %s::varchar[], %s::varchar[], %s::int[], %s::int[], %s::int[])
                   AS v(config_id, kind, res_model, res_id, product_id, sale_order_id)
              JOIN marketplace_supplier_config c ON c.id = v.config_id
            ON CONFLICT (config_id, kind, res_model, res_id) WHERE state IN ('pending', 'leased')
            DO UPDATE SET seq = marketplace_outbox.seq + 1,
                          write_date = now() AT TIME ZONE 'UTC'
            """,
            (
                self.env.uid,
                self.env.uid,
                [r[0] for r in rows],
                [r[1] for r in rows],
                [r[2] for r in rows],
                [r[3] for r in rows],
                [r[4] for r in rows],
                [r[5] for r in rows],
            ),
        )
        self.invalidate_model()
        if ping:
            # marketplace_ping_now: a Sync Now / Update Status button, whatever the frequency
            configs._schedule_ping({kind}, now=self.env.context.get("marketplace_ping_now", False))

    @api.model
    def _configs_for_products(self, products):
        """Active configs concerned by these products ({config: products})."""
        products = products.filtered("cartona_id")
        if not products:
            return {}
        configs = self.env["marketplace.supplier.config"].sudo().search([])
        result = {}
        for config in configs:
            mine = products.filtered(
                lambda p, c=config: not p.company_id or p.company_id == c.company_id
            )
            if mine:
                result[config] = mine
        return result

    @api.model
    def _enqueue_products(self, products, kinds, mark_pending=True):
        """Queue these products for every config concerned. ``mark_pending``: also show
        them as pending on the product (not for stock moves: a quant write must not write
        product rows; the outbox entry is what tells n8n)."""
        for config, mine in self._configs_for_products(products).items():
            if not config.auto_sync_products:
                continue
            for kind in kinds:
                self._enqueue(config, kind, mine)
            if mark_pending:
                mine.sudo().with_context(marketplace_no_outbox=True).write(
                    {"marketplace_sync_status": "pending"}
                )

    @api.model
    def _cron_cleanup(self):
        self.env.cr.execute(
            """
            DELETE FROM marketplace_outbox o USING marketplace_supplier_config c
             WHERE c.id = o.config_id AND o.state = 'done'
               AND o.done_date < (now() AT TIME ZONE 'UTC') - make_interval(days => c.log_retention_days)
            """
        )
