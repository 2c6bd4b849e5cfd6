"""What the two synchronisation settings of the configuration form do.

* ``auto_sync_orders`` off: the order import holds every order (nothing created, nothing the
  templates acknowledge) and says so once per call in the sync log.
* ``sync_frequency``: real time pings n8n after the commit, at most one ping in flight per
  configuration (what commits meanwhile is coalesced into one follow-up ping); the other
  values never ping after a commit and let the sweep ping at most once per interval.

Commits are simulated by running the cursor's pre- and post-commit hooks (what
``cr.commit()`` runs), and pings are counted by patching the sender.
"""
import threading
import time
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests.common import TransactionCase, tagged

from ..models import n8n_ping as config_module
from .common import MarketplaceCase, SleepLog


class PingRecorder:
    """Stands in for ``send_ping``: records every ping; the first may be held in flight."""

    def __init__(self, hold_first=False):
        self.pings = []
        self.release = threading.Event()
        if not hold_first:
            self.release.set()
        self._lock = threading.Lock()

    def __call__(self, url, secret, payload):
        with self._lock:
            self.pings.append((time.monotonic(), url, payload))
            first = len(self.pings) == 1
        if first:
            self.release.wait(10)
        return 200

    def wait_for(self, count, timeout=10.0):
        deadline = time.monotonic() + timeout
        while len(self.pings) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return len(self.pings) >= count


@tagged("post_install", "-at_install")
class TestAutoSyncOrders(MarketplaceCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpMarketplace()

    def order_logs(self):
        return self.env["marketplace.sync.log"].search(
            [("config_id", "=", self.config.id), ("kind", "=", "order")]
        )

    def test_orders_off_holds_orders_and_logs_once_per_call(self):
        self.config.auto_sync_orders = False
        before = self.order_logs()
        results = self.import_orders(
            [self.order_payload("HOLD1"), self.order_payload("HOLD2"), "not an order"]
        )
        self.assertEqual([r["status"] for r in results], ["held", "held", "held"])
        self.assertEqual([r["ok"] for r in results], [True, True, True])
        self.assertEqual([r["index"] for r in results], [0, 1, 2])
        self.assertEqual([r["hashed_id"] for r in results], ["HOLD1", "HOLD2", None])
        self.assertFalse(self.env["sale.order"].search(
            [("marketplace_order_id", "in", ["HOLD1", "HOLD2"])]))
        self.assertFalse(self.env["res.partner"].search([("cartona_id", "=", "retailer_A00315")]))
        logs = self.order_logs() - before
        self.assertEqual(len(logs), 1)  # one line for the call, not one per order
        self.assertEqual(logs.state, "warning")
        self.assertIn("Orders are off", logs.message)
        self.assertIn("3 Cartona order(s) held", logs.message)
        # the next pull (a minute later) adds one line again, and no error line ever
        self.import_orders([self.order_payload("HOLD1")])
        self.assertEqual(len(self.order_logs() - before), 2)
        self.assertFalse((self.order_logs() - before).filtered(lambda l: l.state == "error"))

    def test_held_orders_import_once_orders_are_on_again(self):
        self.config.auto_sync_orders = False
        payload = self.order_payload("HOLD3")
        self.assertEqual(self.import_orders([payload])[0]["status"], "held")
        self.config.auto_sync_orders = True
        result = self.import_orders([payload])[0]
        self.assertEqual((result["ok"], result["status"]), (True, "created"))
        self.assertEqual(
            self.env["sale.order"].browse(result["sale_order_id"]).marketplace_order_id, "HOLD3")

    def test_get_config_reports_the_settings(self):
        self.config.write({"auto_sync_orders": False, "sync_frequency": "hourly"})
        answer = self.api.cartona_get_config(config_id=self.config.id)
        self.assertEqual((answer["auto_sync_orders"], answer["sync_frequency"]), (False, "hourly"))


@tagged("post_install", "-at_install")
class TestSyncFrequency(MarketplaceCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpMarketplace()
        cls.Outbox = cls.env["marketplace.outbox"]

    def setUp(self):
        super().setUp()
        self.Outbox.search([]).unlink()
        with patch.object(config_module, "send_ping", PingRecorder()):
            self.commit_hooks()  # the fixtures' pings
            self.assertTrue(config_module.PINGS.wait_idle(5))

    def tearDown(self):
        self.assertTrue(config_module.PINGS.wait_idle(5), "a ping thread is still running")
        super().tearDown()

    def commit_hooks(self):
        """What a commit runs around the database COMMIT (the test transaction stays open)."""
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.cr.postcommit.run()

    def change_price(self, product, price):
        product.product_tmpl_id.list_price = price
        self.commit_hooks()

    def test_realtime_first_ping_at_once_then_coalesced(self):
        recorder = PingRecorder(hold_first=True)
        clock = SleepLog()
        with patch.object(config_module, "send_ping", recorder), patch.object(config_module, "time", clock):
            self.change_price(self.product_a, 30)
            self.assertTrue(recorder.wait_for(1))
            # the real-time path: the commit's ping went out without waiting for anything (no
            # sleep before it; counted, not timed, so a loaded machine cannot fail it)
            self.assertEqual(clock.slept, [])
            self.assertEqual(recorder.pings[0][2]["kinds"], ["price"])
            # 25 more commits (a bulk edit saved in batches) while that ping is in flight
            for i in range(25):
                self.change_price(self.product_b if i % 2 else self.product_a, 31 + i)
            self.product_b.sync_to_marketplace()  # a stock kind too
            self.commit_hooks()
            time.sleep(0.1)
            self.assertEqual(len(recorder.pings), 1)
            recorder.release.set()
            self.assertTrue(config_module.PINGS.wait_idle(5))
        self.assertEqual(len(recorder.pings), 2)  # one follow-up for all 26 commits
        follow_up = recorder.pings[1]
        self.assertEqual(follow_up[2]["kinds"], ["price", "stock"])
        self.assertEqual(follow_up[2]["config_id"], self.config.id)
        self.assertGreaterEqual(follow_up[2]["pending"], 3)
        self.assertGreaterEqual(follow_up[0] - recorder.pings[0][0],
                                config_module.REALTIME_PING_WINDOW - 0.05)

    def test_realtime_one_ping_per_commit_burst(self):
        recorder = PingRecorder()
        with patch.object(config_module, "send_ping", recorder):
            start = time.monotonic()
            for i in range(10):  # 10 commits in quick succession, nothing held in flight
                self.change_price(self.product_a, 40 + i)
            elapsed = time.monotonic() - start
            self.assertTrue(config_module.PINGS.wait_idle(5))
        # the first at once, then at most one per window while the commits go on
        windows = int(elapsed / config_module.REALTIME_PING_WINDOW) + 1
        self.assertGreaterEqual(len(recorder.pings), 2)
        self.assertLessEqual(len(recorder.pings), min(1 + windows, 9))
        times = [p[0] for p in recorder.pings]
        for earlier, later in zip(times, times[1:]):
            self.assertGreaterEqual(later - earlier, config_module.REALTIME_PING_WINDOW - 0.05)

    def test_scheduled_frequency_never_pings_after_commit(self):
        self.config.sync_frequency = "hourly"
        recorder = PingRecorder()
        with patch.object(config_module, "send_ping", recorder):
            for i in range(10):
                self.change_price(self.product_a, 50 + i)
            self.assertTrue(config_module.PINGS.wait_idle(5))
        self.assertEqual(recorder.pings, [])
        entry = self.Outbox.search([("config_id", "=", self.config.id), ("kind", "=", "price")])
        self.assertEqual((len(entry), entry.state, entry.seq), (1, "pending", 10))

    def test_sweep_respects_the_interval(self):
        self.config.sync_frequency = "hourly"
        self.change_price(self.product_a, 60)
        recorder = PingRecorder()
        with patch.object(config_module, "send_ping", recorder):
            self.assertEqual(self.Config._cron_ping_pending(), 1)  # never pinged: due
            self.assertEqual(len(recorder.pings), 1)
            pinged_at = self.config.last_sweep_ping
            self.assertTrue(pinged_at)
            # the next sweeps (every 5 minutes) within the hour do not ping
            self.config.last_sweep_ping = fields.Datetime.now() - timedelta(minutes=55)
            self.assertEqual(self.Config._cron_ping_pending(), 0)
            self.assertEqual(len(recorder.pings), 1)
            # an hour after the last ping it is due again (one ping for everything queued)
            self.change_price(self.product_b, 61)
            self.config.last_sweep_ping = fields.Datetime.now() - timedelta(minutes=60)
            self.assertEqual(self.Config._cron_ping_pending(), 1)
            self.assertEqual(len(recorder.pings), 2)
            self.assertEqual(recorder.pings[1][2]["kinds"], ["price"])
            self.assertGreaterEqual(recorder.pings[1][2]["pending"], 2)
            # nothing pending: no ping, whatever the interval
            self.Outbox.search([]).write({"state": "done"})
            self.config.last_sweep_ping = False
            self.assertEqual(self.Config._cron_ping_pending(), 0)
        self.assertEqual(len(recorder.pings), 2)

    def test_sweep_every_run_in_real_time_and_five_minutes(self):
        self.config.sync_frequency = "5min"
        self.change_price(self.product_a, 70)
        recorder = PingRecorder()
        with patch.object(config_module, "send_ping", recorder):
            for frequency in ("realtime", "5min"):
                self.config.sync_frequency = frequency
                self.config.last_sweep_ping = fields.Datetime.now() - timedelta(minutes=5)
                self.assertEqual(self.Config._cron_ping_pending(), 1, frequency)
            self.config.sync_frequency = "15min"
            self.config.last_sweep_ping = fields.Datetime.now() - timedelta(minutes=10)
            self.assertEqual(self.Config._cron_ping_pending(), 0)
        self.assertEqual(len(recorder.pings), 2)

    def test_sync_now_pings_at_once_whatever_the_frequency(self):
        self.config.sync_frequency = "daily"
        recorder = PingRecorder()
        with patch.object(config_module, "send_ping", recorder):
            self.change_price(self.product_a, 80)
            self.assertTrue(config_module.PINGS.wait_idle(5))
            self.assertEqual(recorder.pings, [])
            self.product_a.sync_to_marketplace()
            self.commit_hooks()
            self.assertTrue(config_module.PINGS.wait_idle(5))
        self.assertEqual(len(recorder.pings), 1)
        self.assertEqual(recorder.pings[0][2]["kinds"], ["price", "stock"])

    def test_one_ping_per_transaction_whatever_it_changes(self):
        recorder = PingRecorder()
        with patch.object(config_module, "send_ping", recorder):
            # one transaction: two price changes, a Sync Now and an order status
            self.product_a.product_tmpl_id.list_price = 90
            self.product_b.product_tmpl_id.list_price = 91
            self.product_b.sync_to_marketplace()
            result = self.import_orders([self.order_payload("PING-TX")])[0]
            self.env["sale.order"].browse(result["sale_order_id"]).action_confirm()
            self.commit_hooks()
            self.assertTrue(config_module.PINGS.wait_idle(5))
            self.assertEqual(len(recorder.pings), 1)
            self.assertEqual(recorder.pings[0][2]["kinds"], ["order_status", "price", "stock"])
            # a transaction that queues nothing pings nothing
            self.commit_hooks()
            self.assertTrue(config_module.PINGS.wait_idle(5))
        self.assertEqual(len(recorder.pings), 1)
