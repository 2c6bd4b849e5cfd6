import hashlib
import hmac
import json
import time
from datetime import timedelta
from functools import partial
from unittest.mock import patch

from odoo import fields
from odoo.service.model import retrying
from odoo.tests.common import TransactionCase, tagged
from odoo.tools import mute_logger

from ..models import n8n_ping
from ..models.n8n_ping import PINGS, send_ping
from .common import CommittedDataCase, FakeN8n, MarketplaceCase, SleepLog, free_port


@tagged("post_install", "-at_install")
class TestOutbox(MarketplaceCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpMarketplace()
        cls.Outbox = cls.env["marketplace.outbox"]

    def entries(self, **domain):
        dom = [("config_id", "=", self.config.id)] + [(k, "=", v) for k, v in domain.items()]
        return self.Outbox.search(dom)

    def claim(self, **kw):
        return self.api.cartona_outbox_claim(config_id=self.config.id, **kw)

    def ack(self, entries):
        return self.api.cartona_outbox_ack(config_id=self.config.id, entries=entries)

    def test_price_change_coalesced(self):
        self.Outbox.search([]).unlink()
        self.product_a.product_tmpl_id.list_price = 13
        self.product_a.product_tmpl_id.list_price = 14
        self.product_a.product_tmpl_id.list_price = 15
        entries = self.entries(kind="price", product_id=self.product_a.id)
        self.assertEqual(len(entries), 1)
        self.assertEqual(entries.state, "pending")
        self.assertEqual(entries.seq, 3)
        self.assertEqual(self.product_a.marketplace_sync_status, "pending")
        # an unmapped product never enters the outbox
        unmapped = self.make_product("Unmapped")
        unmapped.product_tmpl_id.list_price = 3
        self.assertFalse(self.entries(product_id=unmapped.id))

    def test_stock_moves_and_reservations_enqueue(self):
        self.Outbox.search([]).unlink()
        Quant = self.env["stock.quant"]
        Quant._update_available_quantity(self.product_a, self.stock_location, 10)
        self.assertEqual(len(self.entries(kind="stock", product_id=self.product_a.id)), 1)
        self.entries().unlink()
        Quant._update_reserved_quantity(self.product_a, self.stock_location, 3)
        self.assertEqual(len(self.entries(kind="stock", product_id=self.product_a.id)), 1)

    def test_pricelist_item_enqueues(self):
        pricelist = self.env["product.pricelist"].create({"name": "PL"})
        self.config.pricelist_id = pricelist
        self.Outbox.search([]).unlink()
        self.env["product.pricelist.item"].create(
            {"pricelist_id": pricelist.id, "applied_on": "0_product_variant",
             "product_id": self.product_b.id, "fixed_price": 18})
        self.assertEqual(self.entries(kind="price").product_id, self.product_b)

    def test_buttons_enqueue(self):
        self.Outbox.search([]).unlink()
        self.product_a.product_tmpl_id.sync_to_marketplace()
        self.assertEqual(set(self.entries(product_id=self.product_a.id).mapped("kind")),
                         {"stock", "price"})
        res = self.import_orders([self.order_payload("OB1")])[0]
        order = self.env["sale.order"].browse(res["sale_order_id"])
        self.assertFalse(self.entries(sale_order_id=order.id))  # import is not an Odoo change
        order.action_confirm()
        self.assertEqual(self.entries(sale_order_id=order.id).kind, "order_status")
        order.update_marketplace_status()
        self.assertEqual(len(self.entries(sale_order_id=order.id)), 1)

    def test_claim_lease_ack(self):
        self.Outbox.search([]).unlink()
        (self.product_a | self.product_b).sync_to_marketplace()
        first = self.claim(kinds=["stock"], limit=1)
        second = self.claim(kinds=["stock"], limit=10)
        self.assertEqual(len(first), 1)
        self.assertEqual(len(second), 1)
        self.assertNotEqual(first[0]["entry_id"], second[0]["entry_id"])
        self.assertEqual({first[0]["cartona_id"], second[0]["cartona_id"]}, {"479", "480"})
        cartona_ids = {self.product_a.id: "479", self.product_b.id: "480"}
        self.assertEqual(first[0]["cartona_id"], cartona_ids[first[0]["product_id"]])
        self.assertFalse(self.claim(kinds=["stock"]))  # all leased
        # an expired lease comes back
        self.env.cr.execute(
            "UPDATE marketplace_outbox SET lease_until = %s WHERE id = %s",
            (fields.Datetime.now() - timedelta(seconds=5), first[0]["entry_id"]))
        again = self.claim(kinds=["stock"])
        self.assertEqual([e["entry_id"] for e in again], [first[0]["entry_id"]])
        # ack: one ok, one failed
        results = self.ack([{"entry_id": first[0]["entry_id"], "ok": True},
                            {"entry_id": second[0]["entry_id"], "ok": False, "error": "429"},
                            {"entry_id": 999999999, "ok": True},
                            {"entry_id": "x", "ok": True}])
        self.assertEqual([r["status"] for r in results], ["done", "pending", "error", "error"])
        self.assertEqual(results[3]["field"], "entry_id")
        done = self.Outbox.browse(first[0]["entry_id"])
        failed = self.Outbox.browse(second[0]["entry_id"])
        self.assertEqual(done.state, "done")
        self.assertEqual((failed.state, failed.attempts, failed.last_error), ("pending", 1, "429"))
        product = self.env["product.product"].browse(first[0]["product_id"])
        self.assertEqual(product.marketplace_sync_status, "synced")
        self.assertTrue(product.last_sync_date)

    def test_requeued_after_claim_stays_pending(self):
        self.Outbox.search([]).unlink()
        self.product_a.sync_to_marketplace()
        claimed = self.claim(kinds=["price"])
        self.product_a.product_tmpl_id.list_price = 99  # changed again while leased
        self.ack([{"entry_id": claimed[0]["entry_id"], "ok": True}])
        entry = self.Outbox.browse(claimed[0]["entry_id"])
        self.assertEqual(entry.state, "pending")
        self.assertEqual(len(self.claim(kinds=["price"])), 1)

    def test_failed_after_max_attempts(self):
        self.Outbox.search([]).unlink()
        self.product_a.sync_to_marketplace()
        for _i in range(10):
            claimed = self.claim(kinds=["stock"])
            self.assertEqual(len(claimed), 1)
            self.ack([{"entry_id": claimed[0]["entry_id"], "ok": False, "error": "boom"}])
        entry = self.Outbox.browse(claimed[0]["entry_id"])
        self.assertEqual(entry.state, "failed")
        self.assertFalse(self.claim(kinds=["stock"]))
        dash = self.env["marketplace.dashboard"].search([("config_id", "=", self.config.id)])
        self.assertEqual(dash.failed_count, 1)
        self.assertEqual(dash.pending_count, 1)  # the price entry

    def test_refused_by_cartona_is_one_answer_and_shown_on_the_product(self):
        """Cartona refused the change itself: no more attempts, the product shows why, the
        sync log says it once; the product's next change is sent again."""
        self.Outbox.search([]).unlink()
        self.product_a.sync_to_marketplace()
        claimed = self.claim(kinds=["stock"])
        reason = 'Item 0: Cartona rejected it: unknown internal_product_id "479"'
        res = self.ack([{"entry_id": claimed[0]["entry_id"], "ok": False, "error": reason,
                         "refused": True}])[0]
        self.assertEqual((res["status"], res["product_id"], res["cartona_id"], res["reason"]),
                         ("refused", self.product_a.id, "479", reason))
        entry = self.Outbox.browse(claimed[0]["entry_id"])
        self.assertEqual((entry.state, entry.attempts, entry.last_error), ("failed", 1, reason))
        self.assertEqual(self.product_a.marketplace_sync_status, "refused")
        self.assertEqual(self.product_a.marketplace_sync_error, reason)
        self.assertEqual(self.product_a.product_tmpl_id.marketplace_sync_status, "refused")
        # the template form shows its single variant's status (a computed selection)
        self.product_a.product_tmpl_id.invalidate_recordset()
        self.assertEqual(self.product_a.product_tmpl_id.marketplace_variant_sync_status,
                         "refused")
        logs = self.env["marketplace.sync.log"].search(
            [("kind", "=", "product"), ("record_ref", "=", "479"), ("state", "=", "error")])
        self.assertEqual(len(logs), 1)
        self.assertIn("refused by Cartona", logs.message)
        self.assertFalse(self.claim(kinds=["stock"]))  # not retried by itself

        # ...nor by the hourly / daily reconciliation (every mapped product), which would be
        # refused and alerted again every hour; a single product's snapshot still answers
        def reconciled(method):
            return [i["product_id"] for i in method(config_id=self.config.id)["items"]]

        for method in (self.api.cartona_stock_snapshot, self.api.cartona_price_snapshot):
            self.assertNotIn(self.product_a.id, reconciled(method))
            self.assertIn(self.product_b.id, reconciled(method))
        self.assertEqual([i["product_id"] for i in self.api.cartona_stock_snapshot(
            config_id=self.config.id, product_ids=[self.product_a.id])["items"]],
            [self.product_a.id])
        # the product changes: a new entry, pending again; once sent, the reason goes
        self.product_a.sync_to_marketplace()
        self.assertEqual(self.product_a.marketplace_sync_status, "pending")
        self.assertIn(self.product_a.id, reconciled(self.api.cartona_stock_snapshot))
        again = self.claim(kinds=["stock"])
        self.assertEqual([c["product_id"] for c in again], [self.product_a.id])
        self.assertEqual(self.ack([{"entry_id": again[0]["entry_id"], "ok": True}])[0]["status"],
                         "done")
        self.assertEqual(self.product_a.marketplace_sync_status, "synced")
        self.assertFalse(self.product_a.marketplace_sync_error)

    def test_refused_entry_changed_meanwhile_goes_again(self):
        self.Outbox.search([]).unlink()
        self.product_a.sync_to_marketplace()
        claimed = self.claim(kinds=["price"])
        self.product_a.product_tmpl_id.list_price = 77  # a new price while the old was sent
        res = self.ack([{"entry_id": claimed[0]["entry_id"], "ok": False, "error": "bad price",
                         "refused": True}])[0]
        self.assertEqual(res["status"], "pending")
        self.assertNotEqual(self.product_a.marketplace_sync_status, "refused")
        self.assertEqual(len(self.claim(kinds=["price"])), 1)

    def test_refused_flag_must_be_a_boolean(self):
        self.Outbox.search([]).unlink()
        self.product_a.sync_to_marketplace()
        claimed = self.claim(kinds=["stock"])
        res = self.ack([{"entry_id": claimed[0]["entry_id"], "ok": False, "refused": "yes"}])[0]
        self.assertEqual((res["ok"], res["field"]), (False, "refused"))

    def test_claim_bad_arguments(self):
        with self.assertRaises(Exception):
            self.claim(kinds=["nope"])
        with self.assertRaises(Exception):
            self.claim(limit=0)

    def test_ping_scheduled_after_commit(self):
        self.product_a.sync_to_marketplace()
        data = self.env.cr.precommit.data.get("marketplace_integration.ping")
        self.assertIn(self.config.id, data)
        self.assertEqual(data[self.config.id], {"stock", "price"})

    def test_ping_never_blocks_when_n8n_is_down(self):
        url = "http://127.0.0.1:%s/webhook/cartona-odoo-ping" % free_port()
        clock = SleepLog()
        with patch.object(n8n_ping, "time", clock):
            self.assertIsNone(send_ping(url, "s3cret", {"event": "outbox"}))
        self.assertEqual(clock.slept, [])  # a refused connection is not waited on nor retried
        # in the post-commit hook it runs in a thread: the caller returns while n8n (4 s to
        # answer) still holds the ping
        with FakeN8n(delay=4) as slow:
            [thread] = PINGS.submit_all([(("test", self.config.id),
                                          slow.url + "/webhook/cartona-odoo-ping", "s3cret",
                                          {"event": "outbox"})])
            self.assertTrue(thread.is_alive())
            # the read timeout (2 s; raised to 10 s by Odoo's test harness on 18.0+)
            # or the answer ends the thread
            thread.join(15)
            self.assertFalse(thread.is_alive())
            self.assertEqual(len(slow.requests), 1)

    def test_ping_answered_busy_is_sent_again_signed_anew(self):
        url_path = "/webhook/cartona-odoo-ping"
        with FakeN8n(status=[503, 429, 200]) as n8n:
            self.assertEqual(send_ping(n8n.url + url_path, "s3cret", {"event": "outbox"}), 200)
        self.assertEqual(len(n8n.requests), 3)
        nonces = {r["headers"].get("X-Cartona-Nonce") for r in n8n.requests}
        self.assertEqual(len(nonces), 3)  # a resent ping is not a replay

    def test_ping_gives_up_after_bounded_attempts_and_refusals_are_not_resent(self):
        url_path = "/webhook/cartona-odoo-ping"
        with FakeN8n(status=500) as n8n:
            self.assertEqual(send_ping(n8n.url + url_path, "s3cret", {"event": "outbox"}), 500)
        self.assertEqual(len(n8n.requests), 3)
        with FakeN8n(status=401) as n8n, self.assertLogs(
                "odoo.addons.marketplace_integration.models.n8n_ping", "WARNING") as logs:
            self.assertEqual(send_ping(n8n.url + url_path, "s3cret", {"event": "outbox"}), 401)
        self.assertEqual(len(n8n.requests), 1)
        self.assertIn("HTTP 401", logs.output[0])
        self.assertNotIn("s3cret", logs.output[0])

    def test_ping_is_signed_and_sweep_repings(self):
        with FakeN8n(body={"ok": True}) as n8n:
            self.config.api_endpoint = n8n.url
            self.product_a.sync_to_marketplace()
            self.assertEqual(self.Config._cron_ping_pending(), 1)
        request = n8n.requests[0]
        self.assertEqual(request["path"], "/webhook/cartona-odoo-ping")
        body = json.loads(request["body"])
        self.assertEqual((body["event"], body["config_id"]), ("outbox", self.config.id))
        self.assertGreaterEqual(body["pending"], 2)
        headers = {k.lower(): v for k, v in request["headers"].items()}
        message = "%s.%s.%s" % (headers["x-cartona-timestamp"], headers["x-cartona-nonce"],
                                request["body"].decode())
        expected = hmac.new(b"s3cret", message.encode(), hashlib.sha256).hexdigest()
        self.assertEqual(headers["x-cartona-signature"], "sha256=" + expected)
        self.assertLess(abs(int(headers["x-cartona-timestamp"]) - time.time()), 60)


@tagged("post_install", "-at_install")
class TestOutboxChangedDuringAck(CommittedDataCase, TransactionCase):
    """The real-time push race of issue 10, with two real transactions on committed data
    (cleaned up afterwards): the product changes again and that commits after the
    acknowledgement's transaction began and before it marks the entry. Odoo runs REPEATABLE
    READ, so the ack's update cannot serialize; Odoo's service layer replays the call
    (``retrying``, what JSON-RPC and JSON-2 do). The entry must then be claimable at once with
    the new values, not stay leased until the lease and the sweep."""

    def setUp(self):
        super().setUp()
        key = self.key
        with self.registry.cursor() as cr:
            env = self._env(cr)
            # no n8n endpoint: nothing is pinged from these commits
            self._new_config(env, "ack race")
            product = env["product.product"].create(
                {"name": "ack race " + key, "cartona_id": "ACKRACE-" + key, "list_price": 10})
            self.product_id = product.id
            self._remove_after(product.product_tmpl_id)

    def _set_price(self, price):
        with self.registry.cursor() as cr:
            self._env(cr)["product.product"].browse(self.product_id).product_tmpl_id.write(
                {"list_price": price})

    @mute_logger("odoo.sql_db", "odoo.service.model")
    def test_changed_while_acknowledged_is_claimable_again_with_the_new_values(self):
        self._set_price(11)
        [claimed] = self._call("cartona_outbox_claim", kinds=["price"], limit=10)
        sent = self._call("cartona_price_snapshot", product_ids=[self.product_id])["items"]
        self.assertEqual(sent[0]["selling_price"], 11.0)
        cr_ack = self.registry.cursor()
        try:
            env_ack = self._env(cr_ack)
            cr_ack.execute("SELECT 1")  # the ack's transaction takes its snapshot here
            self._set_price(12)  # the product changes again; that commits first
            ack = partial(env_ack["marketplace.supplier.config"].cartona_outbox_ack,
                          config_id=self.config_id,
                          entries=[{"entry_id": claimed["entry_id"], "ok": True}])
            [result] = retrying(ack, env_ack)
            cr_ack.commit()
        finally:
            cr_ack.close()
        # the first price reached Cartona; the second is still to be sent, so the entry is
        # pending again (not an error item that leaves it leased for the lease's 120 s)
        self.assertEqual((result["ok"], result["status"]), (True, "pending"), result)
        with self.registry.cursor() as cr:
            product = self._env(cr)["product.product"].browse(self.product_id)
            self.assertEqual(product.marketplace_sync_status, "pending",
                             "not shown as synced while a newer change waits")
        again = self._call("cartona_outbox_claim", kinds=["price"], limit=10)
        self.assertEqual([e["entry_id"] for e in again], [claimed["entry_id"]])
        sent = self._call("cartona_price_snapshot", product_ids=[self.product_id])["items"]
        self.assertEqual(sent[0]["selling_price"], 12.0)
        # once the new price is acknowledged, it is done and nothing is left to send
        [done] = self._call("cartona_outbox_ack",
                            entries=[{"entry_id": claimed["entry_id"], "ok": True}])
        self.assertEqual(done["status"], "done")
        self.assertFalse(self._call("cartona_outbox_claim", kinds=["price"], limit=10))
