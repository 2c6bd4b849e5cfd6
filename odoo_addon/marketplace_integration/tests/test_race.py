import threading
import time
import uuid

from odoo import SUPERUSER_ID, api
from odoo.tests.common import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import MarketplaceCase


@tagged("post_install", "-at_install")
class TestRacingImport(TransactionCase):
    """Two real transactions import the same order: one sale order, the loser says
    'existing' (already imported). Uses committed data, cleaned up afterwards."""

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {})

    def setUp(self):
        super().setUp()
        self.key = uuid.uuid4().hex[:10]
        with self.registry.cursor() as cr:
            env = self._env(cr)
            company = env.ref("base.main_company")
            config = env["marketplace.supplier.config"].create(
                {"name": "race " + self.key, "company_id": company.id})
            self.config_id = config.id
            self.company_id = company.id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            orders = env["sale.order"].search([("marketplace_order_id", "like", self.key)])
            partners = orders.partner_id | env["res.partner"].search(
                [("cartona_id", "like", self.key)])
            orders.with_context(disable_cancel_warning=True).action_cancel()
            orders.unlink()
            env["marketplace.sync.log"].search([("config_id", "=", self.config_id)]).unlink()
            env["marketplace.supplier.config"].browse(self.config_id).unlink()
            partners.unlink()

    @mute_logger("odoo.sql_db")
    def test_two_transactions_one_order(self):
        payload = MarketplaceCase.order_payload(
            # one line of amount 0 (no sale order line, no product needed): an order
            # without any line is refused
            "RACE-" + self.key,
            lines=[{"id": 1, "internal_product_id": "RACE", "amount": 0, "selling_price": 1}],
            retailer={"retailer_code": "R" + self.key, "retailer_name": "Racer"})
        results = {}
        cr_a = self.registry.cursor()
        try:
            env_a = self._env(cr_a)
            results["a"] = env_a["marketplace.supplier.config"].cartona_import_orders(
                config_id=self.config_id, orders=[payload])

            # Environments are built here: on 18.0+ a thread cannot enter the registry
            # lock that the module loader (running these tests) holds.
            cr_b = self.registry.cursor()
            env_b = self._env(cr_b)

            def run_b():
                try:
                    results["b"] = env_b["marketplace.supplier.config"].cartona_import_orders(
                        config_id=self.config_id, orders=[payload])
                    cr_b.commit()
                finally:
                    cr_b.close()

            thread = threading.Thread(target=run_b, daemon=True)
            thread.start()
            time.sleep(1.5)
            # B waits on A's uncommitted unique key
            self.assertTrue(thread.is_alive(), "the second import should wait for the first")
            cr_a.commit()
        finally:
            cr_a.close()
        thread.join(30)
        if thread.is_alive():
            with self.registry.cursor() as cr:
                cr.execute("SELECT pid, state, wait_event_type, left(query, 200) FROM "
                           "pg_stat_activity WHERE datname = current_database()")
                activity = cr.fetchall()
            import sys, traceback
            stack = "".join(traceback.format_stack(sys._current_frames()[thread.ident]))
            self.fail("second import still waiting: %s\n%s" % (activity, stack))
        a, b = results["a"][0], results["b"][0]
        self.assertEqual(a["status"], "created", a)
        self.assertTrue(b["ok"], b)
        self.assertEqual(b["status"], "existing", b)
        self.assertEqual(b["sale_order_id"], a["sale_order_id"])
        self.assertIn("already imported", b["warnings"][0])
        with self.registry.cursor() as cr:
            cr.execute("SELECT count(*) FROM sale_order WHERE marketplace_order_id = %s",
                       ("RACE-" + self.key,))
            self.assertEqual(cr.fetchone()[0], 1)
            cr.execute("SELECT count(*) FROM res_partner WHERE cartona_id = %s",
                       ("retailer_R" + self.key,))
            self.assertEqual(cr.fetchone()[0], 1)
