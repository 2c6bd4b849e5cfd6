from odoo.tests.common import TransactionCase, tagged

from .common import MarketplaceCase


@tagged("post_install", "-at_install")
class TestOrderStates(MarketplaceCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpMarketplace()

    def _order(self, hashed_id, **extra):
        res = self.import_orders([self.order_payload(hashed_id, **extra)])[0]
        return self.env["sale.order"].browse(res["sale_order_id"])

    def apply(self, states):
        return self.api.cartona_apply_order_states(config_id=self.config.id, states=states)

    def test_mapping(self):
        approved, cancelled, delivered, returned, editing = (
            self._order(h) for h in ("S-APP", "S-CAN", "S-DEL", "S-RET", "S-EDIT"))
        results = self.apply([
            {"hashed_id": "S-APP", "status": "approved"},
            {"hashed_id": "S-CAN", "status": "cancelled_by_retailer"},
            {"hashed_id": "S-DEL", "status": "delivered", "delivery_day": "2026-11-20"},
            {"hashed_id": "S-RET", "status": "returned"},
            {"hashed_id": "S-EDIT", "status": "editing"},
            {"hashed_id": "S-NONE", "status": "approved"},
            {"hashed_id": "S-APP", "status": "bogus"},
            {"status": "approved"},
        ])
        self.assertEqual([r["status"] for r in results],
                         ["applied"] * 5 + ["not_found", "error", "error"])
        self.assertEqual(results[6]["field"], "status")
        self.assertEqual(results[7]["field"], "hashed_id")
        self.assertEqual(approved.state, "sale")
        self.assertEqual(approved.marketplace_status, "approved")
        self.assertEqual(cancelled.state, "cancel")
        self.assertEqual(delivered.state, "sale")
        self.assertEqual(str(delivered.marketplace_delivery_day), "2026-11-20")
        self.assertEqual(returned.marketplace_status, "returned")
        self.assertEqual(editing.state, "draft")
        self.assertEqual(editing.marketplace_status, "editing")
        # replays are unchanged, and no outbox entry for Cartona-originated changes
        self.assertEqual(self.apply([{"hashed_id": "S-APP", "status": "approved"}])[0]["status"],
                         "unchanged")
        self.assertFalse(approved.marketplace_status_pending)

    def test_cancelled_order_cannot_be_approved(self):
        order = self._order("S-X")
        self.apply([{"hashed_id": "S-X", "status": "cancelled_by_supplier",
                     "cancellation_reason": "out_of_stock"}])
        self.assertEqual(order.marketplace_cancellation_reason, "out_of_stock")
        res = self.apply([{"hashed_id": "S-X", "status": "approved"}])[0]
        self.assertFalse(res["ok"])
        self.assertIn("cancelled", res["error"])

    def test_import_of_approved_order_confirms(self):
        order = self._order("S-IMP", status="approved")
        self.assertEqual(order.state, "sale")

    def test_outbound_status_changes(self):
        order = self._order("S-OUT", installment_cost=10)
        self.assertTrue(order.marketplace_requires_otp)
        order.action_confirm()  # an Odoo user confirms
        self.assertTrue(order.marketplace_status_pending)
        changes = self.api.cartona_get_status_changes(config_id=self.config.id)
        self.assertEqual([(c["hashed_id"], c["status"], c["requires_otp"]) for c in changes],
                         [("S-OUT", "approved", True)])
        done = self.api.cartona_mark_synced(config_id=self.config.id, items=[
            {"sale_order_id": order.id, "kind": "status", "status": "approved", "ok": True}])
        self.assertTrue(done[0]["ok"], done)
        self.assertFalse(order.marketplace_status_pending)
        self.assertEqual(order.marketplace_status, "approved")
        self.assertFalse(self.api.cartona_get_status_changes(config_id=self.config.id))
        # delivered needs the OTP; a refused push stays pending with the error
        order.marketplace_push_status = "delivered"
        with self.assertRaisesRegex(Exception, "OTP"):
            order.update_marketplace_status()
        order.marketplace_retailer_otp = "123456"
        order.update_marketplace_status()
        change = self.api.cartona_get_status_changes(config_id=self.config.id)[0]
        self.assertEqual(change["retailer_otp"], "123456")
        self.api.cartona_mark_synced(config_id=self.config.id, items=[
            {"hashed_id": "S-OUT", "kind": "status", "ok": False, "error": "wrong OTP"}])
        self.assertTrue(order.marketplace_status_pending)
        self.assertEqual(order.marketplace_sync_error, "wrong OTP")

    def test_details_changes(self):
        order = self._order("S-DET")
        line_a = order.order_line.filtered(lambda l: l.marketplace_line_id == "1001")
        line_a.product_uom_qty = 3
        self.env["sale.order.line"].create(
            {"order_id": order.id, "product_id": self.product_b.id, "product_uom_qty": 4,
             "price_unit": 33})
        order.order_line.filtered(lambda l: l.marketplace_line_id == "1002").unlink()
        self.assertTrue(order.marketplace_details_pending)
        change = self.api.cartona_get_details_changes(config_id=self.config.id)[0]
        self.assertEqual(change["hashed_id"], "S-DET")
        details = change["order_details"]
        self.assertIn({"id": 1001, "amount": 3}, details)
        self.assertIn({"internal_product_id": "480", "amount": 4, "price": 33}, details)
        self.assertIn({"id": 1002, "cancelled": True}, details)
        self.api.cartona_mark_synced(config_id=self.config.id, items=[
            {"sale_order_id": order.id, "kind": "details", "ok": True}])
        self.assertFalse(order.marketplace_details_pending)
        self.assertEqual(line_a.marketplace_amount, 3)
