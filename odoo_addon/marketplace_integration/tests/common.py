import contextlib
import http.server
import json
import socket
import threading
import time
import uuid

from odoo import SUPERUSER_ID, api
from odoo.tests.common import new_test_user

from ..models import compat


class CommittedDataCase:
    """For tests with real transactions on committed data (mixed into a TransactionCase): each
    test gets a ``key`` of its own, ``_new_config`` commits a configuration named with it, and
    the cleanup removes its outbox entries, its sync log, the records listed in ``_committed``
    (newest first) and the configuration."""

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {})

    def setUp(self):
        super().setUp()
        self.key = uuid.uuid4().hex[:10]
        self.config_id = None
        self._committed = []  # (model, id), removed newest first
        self.addCleanup(self._cleanup)

    def _new_config(self, env, label):
        config = env["marketplace.supplier.config"].create(
            {"name": "%s %s" % (label, self.key), "company_id": env.ref("base.main_company").id})
        self.config_id = config.id
        return config

    def _remove_after(self, *records):
        """Remember records created on a committed cursor, for the cleanup."""
        self._committed.extend((record._name, record.id) for record in records)

    def _cleanup(self):
        if self.config_id is None:
            return
        with self.registry.cursor() as cr:
            env = self._env(cr)
            env["marketplace.outbox"].search([("config_id", "=", self.config_id)]).unlink()
            env["marketplace.sync.log"].search([("config_id", "=", self.config_id)]).unlink()
            for model, record_id in reversed(self._committed):
                env[model].browse(record_id).exists().unlink()
            env["marketplace.supplier.config"].browse(self.config_id).unlink()

    def _call(self, method, **kwargs):
        """One batch method call in a transaction of its own, committed."""
        with self.registry.cursor() as cr:
            return getattr(self._env(cr)["marketplace.supplier.config"], method)(
                config_id=self.config_id, **kwargs)


def free_port():
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SleepLog:
    """Stands in for the ping module's ``time``: the clock is real, every sleep is recorded,
    so a test can say "nothing waited" by counting instead of timing."""

    monotonic = staticmethod(time.monotonic)

    def __init__(self):
        self.slept = []

    def sleep(self, seconds):
        self.slept.append(seconds)
        time.sleep(seconds)


class FakeN8n:
    """A real local HTTP server standing in for n8n: records requests, answers as told."""

    def __init__(self, status=200, body=None, delay=0.0):
        """``status``: one HTTP status, or a list answered in turn (the last one repeats)."""
        self.statuses = list(status) if isinstance(status, (list, tuple)) else [status]
        self.status, self.body, self.delay = self.statuses[0], body, delay
        self.requests = []
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                fake.requests.append({"path": self.path, "headers": dict(self.headers), "body": raw})
                if fake.delay:
                    threading.Event().wait(fake.delay)
                payload = json.dumps(fake.body if fake.body is not None else {}).encode()
                try:
                    status = fake.statuses.pop(0) if len(fake.statuses) > 1 else fake.statuses[0]
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    pass

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = "http://127.0.0.1:%s" % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


class MarketplaceCase:
    """Fixtures shared by the addon's TransactionCase tests."""

    @classmethod
    def setUpMarketplace(cls):
        env = cls.env
        cls.company = env.company
        cls.warehouse = env["stock.warehouse"].search([("company_id", "=", cls.company.id)], limit=1)
        cls.stock_location = cls.warehouse.lot_stock_id
        cls.config = env["marketplace.supplier.config"].create(
            {
                "name": "Cartona test",
                "company_id": cls.company.id,
                "api_endpoint": "http://127.0.0.1:%s" % free_port(),
                "auth_token": "s3cret",
                "internal_supplier_code": "2",
                "warehouse_ids": [(6, 0, cls.warehouse.ids)],
            }
        )
        cls.Config = env["marketplace.supplier.config"]
        cls.integration_user = new_test_user(
            env, login="mp_integration", name="n8n integration",
            groups="base.group_user,marketplace_integration.group_marketplace_integration",
        )
        cls.salesman = new_test_user(
            env, login="mp_salesman", name="Salesman",
            groups="sales_team.group_sale_salesman,marketplace_integration.group_marketplace_user",
        )
        cls.api = cls.Config.with_user(cls.integration_user)
        cls.product_a = cls.make_product("Tea box", "479", list_price=12.5)
        cls.product_b = cls.make_product("Sugar bag", "480", list_price=20.0)
        cls.template_c = env["product.template"].create(
            dict(compat.storable_product_vals(), name="Rice (template id)", cartona_id="T-777",
                 list_price=7.0)
        )

    @classmethod
    def make_product(cls, name, cartona_id=None, list_price=1.0, **extra):
        vals = dict(compat.storable_product_vals(), name=name, list_price=list_price)
        vals.update(extra)
        product = cls.env["product.product"].create(vals)
        if cartona_id:
            product.cartona_id = cartona_id
        return product

    @staticmethod
    def order_payload(hashed_id, lines=None, retailer=None, **extra):
        order = {
            "hashed_id": hashed_id,
            "receipt_id": "R-" + hashed_id,
            "status": "pending",
            "total_price": None,
            "retailer": retailer
            or {
                "retailer_code": "A00315",
                "retailer_name": "Corner shop",
                "retailer_number": "+201003150160",
                "retailer_number2": "+201003150140",
                "retailer_address": "12 Nile St",
                "address_notes": "blue door",
            },
            "order_details": lines
            if lines is not None
            else [
                {"id": 1001, "internal_product_id": "479", "amount": 5, "selling_price": 12.25,
                 "product_name": "Tea box"},
                {"id": 1002, "internal_product_id": "480", "amount": 2, "selling_price": 19.99,
                 "product_name": "Sugar bag"},
            ],
        }
        order.update(extra)
        if order["total_price"] is None:
            order["total_price"] = round(
                sum(l["amount"] * l["selling_price"] for l in order["order_details"]
                    if isinstance(l, dict) and isinstance(l.get("amount"), (int, float))
                    and isinstance(l.get("selling_price"), (int, float))), 2)
        return order

    def import_orders(self, orders, config=None):
        return self.api.cartona_import_orders(config_id=(config or self.config).id, orders=orders)
