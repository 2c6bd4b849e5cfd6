import time
from urllib.parse import urlsplit

import requests

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from . import compat, n8n_ping
from .n8n_signed_call import post_signed

PING_PATH = "/webhook/cartona-odoo-ping"
CONNECTION_TEST_PATH = "/webhook/cartona-connection-test"
CONNECTION_TEST_TIMEOUT = 15.0
CONNECTION_TEST_WORKFLOW = "\"Cartona: connection test\""
# The other frequencies: the sweep (cron, every 5 minutes) pings at most once per interval.
SWEEP_INTERVALS = {"5min": 300, "15min": 900, "hourly": 3600, "daily": 86400}
CONNECTION_STATES = [
    ("not_tested", "Not tested yet"),
    ("unreachable", "n8n not reachable"),
    ("bad_signature", "Signature refused"),
    ("rejected", "Cartona token refused"),
    ("error", "Test failed"),
    ("ok", "Connected"),
]
SWEEP_SLACK = 60  # seconds: a sweep that starts a little early still counts as on time


class MarketplaceSupplierConfig(models.Model):
    _name = "marketplace.supplier.config"
    _description = "Marketplace Supplier Configuration"
    _order = "sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    api_endpoint = fields.Char(
        string="n8n Base URL",
        help="Base URL of the n8n instance that runs the Cartona workflows, "
        "e.g. http://127.0.0.1:5678",
    )
    auth_token = fields.Char(
        string="Shared Secret",
        groups="base.group_system",
        copy=False,
        help="Secret that signs Odoo -> n8n calls (HMAC-SHA256). The Cartona token itself "
        "lives only in the n8n credential.",
    )
    auto_sync_products = fields.Boolean(default=True)
    auto_sync_orders = fields.Boolean(
        default=True,
        help="Off: the order pull imports no Cartona order and does not acknowledge any, so "
        "Cartona keeps them and they are imported once this is on again (one warning per "
        "pull in the sync log).",
    )
    sync_frequency = fields.Selection(
        [
            ("realtime", "Real time"),
            ("5min", "Every 5 minutes"),
            ("15min", "Every 15 minutes"),
            ("hourly", "Hourly"),
            ("daily", "Daily"),
        ],
        default="realtime",
        required=True,
        help="When queued stock, price and order changes are pushed to Cartona. "
        "Real time: n8n is pinged right after each save, at most one ping in flight per "
        "configuration; saves made meanwhile are pushed together by one follow-up ping "
        "(at most two pings a second). Other values: no ping after a save; every change "
        "queued during the interval is pushed together by the sweep, at most once per "
        "interval. Sync Now and Update Status always ping at once.",
    )
    last_sweep_ping = fields.Datetime(
        readonly=True, copy=False, help="When the sweep last pinged n8n for this configuration."
    )
    connection_status = fields.Selection(
        CONNECTION_STATES,
        string="Connection",
        default="not_tested",
        required=True,
        readonly=True,
        copy=False,
    )
    connection_message = fields.Char(string="Last Test Result", readonly=True, copy=False)
    last_connection_test = fields.Datetime(string="Tested On", readonly=True, copy=False)
    internal_supplier_code = fields.Char(
        help="Cartona supplier code of this account (1 retail, 2 wholesale, "
        "3 wholesale-to-wholesale)."
    )
    warehouse_ids = fields.Many2many(
        "stock.warehouse",
        string="Warehouses",
        help="Warehouses whose free quantity is published. Empty: all of the company.",
    )
    pricelist_id = fields.Many2one(
        "product.pricelist", help="Prices published to and orders imported from Cartona."
    )
    placeholder_product_id = fields.Many2one(
        "product.product",
        string="Placeholder Product",
        help="Product used for order lines whose Cartona product is not mapped.",
    )
    unknown_product_policy = fields.Selection(
        [("placeholder", "Import on the placeholder product"), ("refuse", "Refuse the order")],
        default="placeholder",
        required=True,
    )
    log_retention_days = fields.Integer(default=30, required=True)
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")

    @api.depends("pricelist_id", "company_id")
    def _compute_currency_id(self):
        for config in self:
            config.currency_id = (
                config.pricelist_id.currency_id or config.company_id.currency_id
            )

    # ------------------------------------------------------------------ helpers
    def _get_warehouses(self):
        self.ensure_one()
        return self.warehouse_ids or self.env["stock.warehouse"].sudo().search(
            [("company_id", "=", self.company_id.id)]
        )

    def _get_placeholder_product(self):
        self.ensure_one()
        return self.placeholder_product_id or self._get_placeholder_product_default()

    @api.model
    def _install_technical_products(self):
        """Called from data XML at install/update: the placeholder and adjustment products
        exist before any import (never created inside an import's savepoint)."""
        products = self._get_placeholder_product_default() | self._get_adjustment_product()
        # kept out of the sale catalogue (quotations, eCommerce); imports still use them
        products.filtered("sale_ok").sudo().write({"sale_ok": False})

    def _get_placeholder_product_default(self):
        return self._get_technical_product(
            "product_cartona_placeholder", _("Cartona product not mapped")
        )

    def _get_adjustment_product(self):
        return self._get_technical_product(
            "product_cartona_adjustment", _("Cartona total adjustment")
        )

    def _get_technical_product(self, xmlid_name, name):
        product = self.env.ref("marketplace_integration.%s" % xmlid_name, False)
        if product:
            return product
        vals = {"name": name, "sale_ok": False, "purchase_ok": False, "list_price": 0.0}
        vals.update(compat.service_product_vals())
        product = self.env["product.product"].sudo().create(vals)
        self.env["ir.model.data"].sudo().create(
            {
                "module": "marketplace_integration",
                "name": xmlid_name,
                "model": "product.product",
                "res_id": product.id,
                "noupdate": True,
            }
        )
        return product

    def _endpoint_url(self, path):
        self.ensure_one()
        base = (self.api_endpoint or "").strip().rstrip("/")
        if not base:
            return False
        return base + path

    # ------------------------------------------------------------------ actions
    def test_connection(self):
        """Signed call to the n8n connection-test webhook; sets connection_status.

        The user sees one plain sentence (what failed, what to do); the technical detail
        (exception, HTTP code, n8n's answer) goes to the sync log only."""
        self.ensure_one()
        config = self.sudo()
        url = config._endpoint_url(CONNECTION_TEST_PATH)
        if not url:
            raise UserError(
                _("Set the n8n Base URL of %s first (for example http://127.0.0.1:5678).",
                  config.name)
            )
        if not config.auth_token:
            raise UserError(
                _("Set the shared secret of %s first: the same one as in the n8n workflows.",
                  config.name)
            )
        payload = {
            "event": "connection_test",
            "config_id": config.id,
            "config_name": config.name,
            "internal_supplier_code": config.internal_supplier_code or None,
            "sent_at": fields.Datetime.now().isoformat(),
        }
        started = time.monotonic()
        status, message, detail = config._run_connection_test(url, payload)
        duration_ms = int((time.monotonic() - started) * 1000)
        config.write(
            {
                "connection_status": status,
                "connection_message": message[:500],
                "last_connection_test": fields.Datetime.now(),
            }
        )
        self.env["marketplace.sync.log"].sudo().create(
            {
                "config_id": config.id,
                "kind": "connection",
                "direction": "outbound",
                "state": "ok" if status == "ok" else "error",
                "record_ref": url,
                "count_ok": 1 if status == "ok" else 0,
                "count_failed": 0 if status == "ok" else 1,
                "duration_ms": duration_ms,
                "message": "%s\n\n%s" % (message, detail) if detail else message,
            }
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Connection test"),
                "message": message,
                "type": "success" if status == "ok" else "danger",
                "sticky": status != "ok",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _run_connection_test(self, url, payload):
        """(status, plain sentence for the user, technical detail for the sync log)."""
        base = (self.api_endpoint or "").strip().rstrip("/")
        workflow = CONNECTION_TEST_WORKFLOW
        not_a_url = _(
            "The n8n Base URL %(url)s is not a web address: write it like "
            "http://127.0.0.1:5678.", url=base,
        )
        parsed = urlsplit(base)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            return "unreachable", not_a_url, "not an http(s) URL: %r" % base
        try:
            response = post_signed(url, self.auth_token, payload, CONNECTION_TEST_TIMEOUT)
        except (requests.exceptions.MissingSchema, requests.exceptions.InvalidSchema,
                requests.exceptions.InvalidURL) as exc:
            return "unreachable", not_a_url, "%s: %s" % (type(exc).__name__, exc)
        except requests.exceptions.Timeout as exc:
            return "unreachable", _(
                "n8n at %(url)s did not answer within %(seconds)s seconds: is it overloaded, "
                "or is the %(workflow)s workflow stuck?",
                url=base, seconds=int(CONNECTION_TEST_TIMEOUT), workflow=workflow,
            ), "%s: %s" % (type(exc).__name__, exc)
        except requests.RequestException as exc:
            return "unreachable", _(
                "n8n did not answer at %(url)s: is it running, and is the %(workflow)s "
                "workflow published?", url=base, workflow=workflow,
            ), "%s: %s" % (type(exc).__name__, exc)
        body = (response.text or "")[:1000]
        detail = "HTTP %s from %s: %s" % (response.status_code, url, body)
        if response.status_code in (401, 403):
            return "bad_signature", _(
                "n8n refused Odoo's signature: copy the same shared secret into this "
                "configuration and the n8n workflows, and check that both clocks are right."
            ), detail
        if response.status_code == 404:
            return "error", _(
                "n8n at %(url)s has no connection-test webhook: import and publish the "
                "%(workflow)s workflow.", url=base, workflow=workflow,
            ), detail
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if response.status_code >= 500:
            return "error", _(
                "The %(workflow)s workflow failed in n8n: open its last execution in n8n "
                "to see why.", workflow=workflow,
            ), detail
        if response.status_code >= 400 or not isinstance(answer, dict):
            return "error", _(
                "n8n at %(url)s answered, but not with a connection-test result: is the "
                "Base URL the n8n address and the %(workflow)s workflow published?",
                url=base, workflow=workflow,
            ), detail
        cartona = answer.get("cartona")
        if answer.get("ok") and cartona in (None, "ok"):
            return "ok", _("Connected: n8n and Cartona accepted the credentials."), detail
        if cartona == "rejected":
            return "rejected", _(
                "Cartona refused the token in n8n: paste a valid Cartona token into the "
                "\"Cartona account\" credential in n8n."
            ), detail
        if cartona == "unreachable":
            return "error", _(
                "n8n could not reach Cartona: check the n8n machine's internet access and the "
                "environment chosen in the \"Cartona account\" credential."
            ), detail
        return "error", _(
            "The connection test did not pass: open the last execution of the %(workflow)s "
            "workflow in n8n to see why.", workflow=workflow,
        ), detail

    # ------------------------------------------------------------------ ping
    def _ping_payload(self, kinds):
        self.ensure_one()
        self.env.cr.execute(
            "SELECT count(*) FROM marketplace_outbox WHERE config_id = %s AND state = 'pending'",
            (self.id,),
        )
        return {
            "event": "outbox",
            "config_id": self.id,
            "config_name": self.name,
            "kinds": sorted(kinds),
            "pending": self.env.cr.fetchone()[0],
            "sent_at": fields.Datetime.now().isoformat(),
        }

    def _schedule_ping(self, kinds, now=False):
        """Ping n8n after this transaction commits, in a background thread.

        The user's save never waits for n8n and never fails because of it; if the
        ping is lost, the cron sweep pings again while entries stay pending. Only
        configurations in real time are pinged, unless ``now`` (a Sync Now button).
        One ping per transaction and config: what is queued while the pre-commit hooks
        run (e.g. by another addon's hook) joins the same post-commit ping.
        """
        cr = self.env.cr
        data = cr.precommit.data.setdefault("marketplace_integration.ping", {})
        forced = cr.precommit.data.setdefault("marketplace_integration.ping_now", set())
        first = not data
        for config in self:
            data.setdefault(config.id, set()).update(kinds)
        if now:
            forced.update(self.ids)
        if not first:
            return
        env = self.env
        dbname = cr.dbname

        @cr.precommit.add
        def _collect():
            calls = []
            for config in env["marketplace.supplier.config"].sudo().browse(list(data)):
                if not config.exists():
                    continue
                if config.sync_frequency != "realtime" and config.id not in forced:
                    continue  # the sweep pushes it at the configured interval
                url = config._endpoint_url(PING_PATH)
                if not url or not config.auth_token:
                    continue
                calls.append(((dbname, config.id), url, config.auth_token,
                              config._ping_payload(data[config.id])))
            data.clear()
            forced.clear()
            if not calls:
                return
            pending = cr.postcommit.data.setdefault("marketplace_integration.ping", {})
            if not pending:
                cr.postcommit.add(lambda: n8n_ping.PINGS.submit_all(list(pending.values())))
            for call in calls:
                key = call[0]
                pending[key] = n8n_ping.PingCoalescer.merge(pending.get(key), call)

    def _sweep_due(self, now):
        """True when the sweep may ping this config now (its sync frequency allows it)."""
        self.ensure_one()
        interval = SWEEP_INTERVALS.get(self.sync_frequency)
        if not interval or not self.last_sweep_ping:
            return True
        return (now - self.last_sweep_ping).total_seconds() >= interval - SWEEP_SLACK

    @api.model
    def _cron_ping_pending(self):
        """Sweep: ping every config that still has pending (or lease-expired) entries and
        whose sync frequency makes it due: every run in real time (lost pings), else once
        per interval."""
        self.env["marketplace.outbox"].flush_model()
        self.env.cr.execute(
            """
            SELECT config_id, array_agg(DISTINCT kind) FROM marketplace_outbox
             WHERE state = 'pending'
                OR (state = 'leased' AND lease_until < (clock_timestamp() AT TIME ZONE 'UTC'))
             GROUP BY config_id
            """
        )
        rows = self.env.cr.fetchall()
        now = fields.Datetime.now()
        pinged = 0
        for config_id, kinds in rows:
            config = self.sudo().browse(config_id)
            url = config.active and config._endpoint_url(PING_PATH)
            if not url or not config.auth_token or not config._sweep_due(now):
                continue
            n8n_ping.send_ping(url, config.auth_token, config._ping_payload(kinds))
            config.last_sweep_ping = now
            pinged += 1
        return pinged
