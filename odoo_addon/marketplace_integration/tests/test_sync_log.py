from datetime import timedelta

from odoo import fields
from odoo.tests.common import TransactionCase, tagged

from .common import MarketplaceCase


@tagged("post_install", "-at_install")
class TestSyncLog(MarketplaceCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpMarketplace()

    def test_batch_write(self):
        results = self.api.cartona_write_sync_log(config_id=self.config.id, entries=[
            {"kind": "stock", "direction": "outbound", "state": "ok", "message": "120 products",
             "count_ok": 120, "count_failed": 0, "duration_ms": 812, "execution_id": "55"},
            {"kind": "order", "state": "error", "message": "x" * 5000, "record_ref": "pPX2"},
            {"kind": "teleport"},
            {"kind": "stock", "count_ok": -1},
        ])
        self.assertEqual([r["ok"] for r in results], [True, True, False, False])
        self.assertEqual(results[2]["field"], "kind")
        self.assertEqual(results[3]["field"], "count_ok")
        logs = self.env["marketplace.sync.log"].browse([results[0]["log_id"], results[1]["log_id"]])
        self.assertEqual(logs[0].count_ok, 120)
        self.assertEqual(len(logs[1].message), 2000)
        dash = self.env["marketplace.dashboard"].search([("config_id", "=", self.config.id)])
        self.assertEqual(dash.errors_24h, 1)
        self.assertTrue(dash.last_stock_sync)
        self.assertFalse(dash.last_price_sync)

    def test_cleanup_cron(self):
        Log = self.env["marketplace.sync.log"]
        old, new = Log.create([
            {"config_id": self.config.id, "kind": "other", "message": "old"},
            {"config_id": self.config.id, "kind": "other", "message": "new"},
        ])
        self.env.flush_all()
        self.env.cr.execute("UPDATE marketplace_sync_log SET create_date = %s WHERE id = %s",
                            (fields.Datetime.now() - timedelta(days=31), old.id))
        self.assertGreaterEqual(Log._cron_cleanup(), 1)
        self.assertFalse(old.exists())
        self.assertTrue(new.exists())
        cron = self.env.ref("marketplace_integration.ir_cron_marketplace_sync_log_cleanup")
        self.assertTrue(cron.active)
