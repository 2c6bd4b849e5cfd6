from functools import partial

import psycopg2

from odoo.service.model import retrying
from odoo.tests.common import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import CommittedDataCase


@tagged("post_install", "-at_install")
class TestConcurrentRetry(CommittedDataCase, TransactionCase):
    """A concurrency error inside one element is the transaction's: the batch call raises it,
    so Odoo's service layer replays the whole call, instead of answering that element as a
    retryable error. Seen in npm run faults on 19.0: an outbox ack racing a new change of the
    same product answered an error item, n8n alerted and the entry waited for its lease to
    expire. Two real transactions on committed data, cleaned up afterwards."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = self._env(cr)
            config = self._new_config(env, "retry")
            product = env["product.product"].with_context(marketplace_no_outbox=True).create(
                {"name": "retry " + self.key, "cartona_id": "RETRY-" + self.key})
            env["marketplace.outbox"]._enqueue(config, "stock", product, ping=False)
            [claimed] = env["marketplace.supplier.config"].cartona_outbox_claim(
                config_id=config.id, kinds=["stock"], limit=10, lease_seconds=120)
            self.product_id = product.id
            self.entry_id = claimed["entry_id"]
            self._remove_after(product)

    def _entry(self):
        with self.registry.cursor() as cr:
            cr.execute("SELECT state, seq, claimed_seq FROM marketplace_outbox WHERE id = %s",
                       (self.entry_id,))
            return cr.fetchone()

    @mute_logger("odoo.sql_db", "odoo.service.model")
    def test_ack_racing_a_new_change(self):
        cr_b = self.registry.cursor()
        try:
            env_b = self._env(cr_b)
            cr_b.execute("SELECT 1")  # the ack's transaction takes its snapshot here
            with self.registry.cursor() as cr_a:
                # meanwhile the product changes again and that commits first
                env_a = self._env(cr_a)
                env_a["marketplace.outbox"]._enqueue(
                    env_a["marketplace.supplier.config"].browse(self.config_id), "stock",
                    env_a["product.product"].browse(self.product_id), ping=False)
            ack = partial(env_b["marketplace.supplier.config"].cartona_outbox_ack,
                          config_id=self.config_id,
                          entries=[{"entry_id": self.entry_id, "ok": True}])
            with self.assertRaises(psycopg2.errors.SerializationFailure):
                ack()
            cr_b.rollback()
            self.assertEqual(self._entry()[0], "leased", "nothing of the failed try was kept")
            # what Odoo does with the call (JSON-RPC and JSON-2): replay it in a new transaction
            cr_b.execute("SELECT 1")
            with self.registry.cursor() as cr_a:
                self._env(cr_a)["marketplace.outbox"]._enqueue(
                    self._env(cr_a)["marketplace.supplier.config"].browse(self.config_id),
                    "stock", self._env(cr_a)["product.product"].browse(self.product_id),
                    ping=False)
            [result] = retrying(ack, env_b)
            cr_b.commit()
        finally:
            cr_b.close()
        self.assertTrue(result["ok"], result)
        # acknowledged, and the changes made while it was leased are still to be sent
        self.assertEqual(result["status"], "pending", result)
        state, seq, claimed_seq = self._entry()
        self.assertEqual(state, "pending")
        self.assertGreater(seq, claimed_seq)
