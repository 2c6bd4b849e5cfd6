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
        # delivered needs the OTP; a refused delivery is held with the error (issue 10: not
        # sent again by every sweep) until the OTP changes or Update Status
        order.marketplace_push_status = "delivered"
        with self.assertRaisesRegex(Exception, "OTP"):
            order.update_marketplace_status()
        order.marketplace_retailer_otp = "123456"
        order.update_marketplace_status()
        change = self.api.cartona_get_status_changes(config_id=self.config.id)[0]
        self.assertEqual(change["retailer_otp"], "123456")
        self.api.cartona_mark_synced(config_id=self.config.id, items=[
            {"hashed_id": "S-OUT", "kind": "status", "ok": False, "error": "wrong OTP"}])
        self.assertFalse(order.marketplace_status_pending)
        self.assertEqual(order.marketplace_push_hold, "refused")
        self.assertIn("Cartona refused the delivery: wrong OTP", order.marketplace_sync_error)

    def test_late_ack_of_an_older_status_keeps_the_newer_pending(self):
        """The approval's run acknowledges it after the order was delivered in Odoo (the
        queue-mode e2e race): the delivery stays pending and is planned, not lost."""
        order = self._order("S-LATE", installment_cost=10)
        order.action_confirm()
        self.assertEqual(self.api.cartona_get_status_changes(config_id=self.config.id)[0]["status"],
                         "approved")
        order.write({"marketplace_retailer_otp": "000000", "marketplace_push_status": "delivered"})
        order.update_marketplace_status()
        done = self.api.cartona_mark_synced(config_id=self.config.id, items=[
            {"sale_order_id": order.id, "kind": "status", "status": "approved", "ok": True}])
        self.assertTrue(done[0]["ok"], done)
        self.assertEqual(order.marketplace_status, "approved")
        self.assertTrue(order.marketplace_status_pending)
        changes = self.api.cartona_get_status_changes(config_id=self.config.id)
        self.assertEqual([(c["hashed_id"], c["status"], c.get("retailer_otp")) for c in changes],
                         [("S-LATE", "delivered", "000000")])
        self.api.cartona_mark_synced(config_id=self.config.id, items=[
            {"sale_order_id": order.id, "kind": "status", "status": "delivered", "ok": True}])
        self.assertFalse(order.marketplace_status_pending)
        self.assertEqual(order.marketplace_status, "delivered")

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


    def test_late_ack_of_older_details_keeps_the_newer_pending(self):
        """The details push's run acknowledges lines the user changed again after the push
        was planned (as 2b23b17 for statuses): the newer change stays pending, and what
        Cartona got is what is acknowledged, so the next push sends the difference from it,
        even a change back to the imported quantity."""
        order = self._order("S-DLATE")
        line_a = order.order_line.filtered(lambda l: l.marketplace_line_id == "1001")
        line_b = order.order_line.filtered(lambda l: l.marketplace_line_id == "1002")
        imported_a, imported_b = line_a.product_uom_qty, line_b.product_uom_qty
        line_a.product_uom_qty = imported_a + 2
        line_b.product_uom_qty = imported_b + 1
        planned = self.api.cartona_get_details_changes(config_id=self.config.id)
        self.assertEqual(planned[0]["order_details"], [
            {"id": 1001, "amount": imported_a + 2}, {"id": 1002, "amount": imported_b + 1}])
        # the user changes the lines again while that push is in flight: line a back to
        # what was imported, line b once more
        line_a.product_uom_qty = imported_a
        line_b.product_uom_qty = imported_b + 5
        done = self.api.cartona_mark_synced(config_id=self.config.id, items=[
            {"sale_order_id": order.id, "kind": "details", "ok": True}])
        self.assertTrue(done[0]["ok"], done)
        self.assertTrue(order.marketplace_details_pending)
        self.assertEqual((line_a.marketplace_amount, line_b.marketplace_amount),
                         (imported_a + 2, imported_b + 1))  # what Cartona has now
        changes = self.api.cartona_get_details_changes(config_id=self.config.id)
        self.assertEqual([(c["hashed_id"], c["order_details"]) for c in changes], [
            ("S-DLATE", [{"id": 1001, "amount": imported_a},
                         {"id": 1002, "amount": imported_b + 5}])])
        self.api.cartona_mark_synced(config_id=self.config.id, items=[
            {"sale_order_id": order.id, "kind": "details", "ok": True}])
        self.assertFalse(order.marketplace_details_pending)
        self.assertEqual((line_a.marketplace_amount, line_b.marketplace_amount),
                         (imported_a, imported_b + 5))
        self.assertFalse(self.api.cartona_get_details_changes(config_id=self.config.id))

@tagged("post_install", "-at_install")
class TestStatusPushHold(MarketplaceCase, TransactionCase):
    """A status Cartona's status does not allow is held (not sent, not synced), shown on the
    order, answered once (one alert), and sent once Cartona's status allows it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpMarketplace()

    def _order(self, hashed_id, **extra):
        res = self.import_orders([self.order_payload(hashed_id, **extra)])[0]
        return self.env["sale.order"].browse(res["sale_order_id"])

    def apply(self, hashed_id, status):
        return self.api.cartona_apply_order_states(
            config_id=self.config.id, states=[{"hashed_id": hashed_id, "status": status}])[0]

    def changes(self):
        return self.api.cartona_get_status_changes(config_id=self.config.id)

    def mark(self, order, ok, status, error=None):
        item = {"sale_order_id": order.id, "kind": "status", "status": status, "ok": ok}
        if error:
            item["error"] = error
        return self.api.cartona_mark_synced(config_id=self.config.id, items=[item])[0]

    def status_entries(self, order):
        return self.env["marketplace.outbox"].search([
            ("sale_order_id", "=", order.id), ("kind", "=", "order_status"),
            ("state", "=", "pending")])

    def warnings(self, order):
        return self.env["marketplace.sync.log"].search([
            ("record_ref", "=", order.marketplace_order_id), ("state", "=", "warning")])

    def test_confirm_while_cartona_edits_is_held_then_sent(self):
        order = self._order("H-EDIT")
        self.assertEqual(self.apply("H-EDIT", "editing")["status"], "applied")
        order.action_confirm()  # an Odoo user confirms while the retailer edits in Cartona
        first = self.changes()
        self.assertEqual(len(first), 1)
        self.assertEqual((first[0]["hashed_id"], first[0]["status"], first[0]["held"]),
                         ("H-EDIT", "approved", True))
        self.assertIn("editing", first[0]["reason"])
        self.assertEqual(order.marketplace_push_hold, "cartona_status")
        self.assertFalse(order.marketplace_status_pending)
        self.assertEqual(order.marketplace_status, "editing")  # not marked synced
        self.assertEqual(order.marketplace_sync_error, first[0]["reason"])
        self.assertEqual(len(self.warnings(order)), 1)
        # answered once: the next sweeps neither send it nor alert again
        self.assertEqual(self.changes(), [])
        self.assertEqual(self.changes(), [])
        self.assertEqual(len(self.warnings(order)), 1)
        # the retailer is done: Cartona's status comes back pending; Odoo queues the push
        self.status_entries(order).unlink()
        self.assertEqual(self.apply("H-EDIT", "pending")["status"], "applied")
        self.assertFalse(order.marketplace_push_hold)
        self.assertTrue(order.marketplace_status_pending)
        self.assertEqual(len(self.status_entries(order)), 1)  # the ping that sends it
        again = self.changes()
        self.assertEqual([(c["hashed_id"], c["status"], c.get("held")) for c in again],
                         [("H-EDIT", "approved", None)])
        self.assertEqual(self.mark(order, True, "approved")["status"], "synced")
        self.assertEqual(order.marketplace_status, "approved")
        self.assertFalse(order.marketplace_sync_error)
        self.assertEqual(self.changes(), [])

    def test_refused_push_is_planned_again_when_cartona_status_arrives(self):
        """Odoo did not know yet that Cartona's order is in editing: the push goes out, is
        refused and stays pending; the pull that brings `editing` holds it (one answer)."""
        order = self._order("H-LATE")
        order.action_confirm()
        self.assertEqual([c["status"] for c in self.changes()], ["approved"])
        res = self.mark(order, False, "approved", "illegal status change editing -> approved")
        self.assertEqual(res["status"], "kept_pending")
        self.assertTrue(order.marketplace_status_pending)
        self.assertFalse(order.marketplace_push_hold)
        self.assertEqual(order.marketplace_status, "pending")
        self.status_entries(order).unlink()
        self.apply("H-LATE", "editing")
        self.assertEqual(len(self.status_entries(order)), 1)  # n8n is pinged to plan it again
        held = self.changes()
        self.assertEqual([(c["hashed_id"], c.get("held")) for c in held], [("H-LATE", True)])
        self.assertEqual(self.changes(), [])
        self.apply("H-LATE", "pending")
        self.assertEqual([(c["status"], c.get("held")) for c in self.changes()],
                         [("approved", None)])

    def test_push_cartona_already_has_is_settled(self):
        order = self._order("H-SET")
        self.apply("H-SET", "editing")
        order.action_confirm()
        self.assertTrue(self.changes()[0]["held"])
        # the retailer cancels instead: Odoo cancels the order; nothing is left to send
        self.apply("H-SET", "cancelled_by_retailer")
        self.assertEqual(order.state, "cancel")
        self.assertEqual(self.changes(), [])
        self.assertFalse(order.marketplace_status_pending)
        self.assertFalse(order.marketplace_push_hold)

    def test_final_cartona_state_holds_with_a_sentence_for_a_person(self):
        order = self._order("H-FIN")
        order.action_confirm()
        self.mark(order, True, "approved")
        self.apply("H-FIN", "returned")
        order.marketplace_push_status = "cancelled_by_supplier"
        order.update_marketplace_status()
        held = self.changes()
        self.assertTrue(held[0]["held"])
        self.assertIn("final state", held[0]["reason"])
        self.assertIn("Settle the order with Cartona", order.marketplace_sync_error)
        self.assertEqual(self.changes(), [])
        # Update Status plans it again (and answers it again: a person asked)
        order.update_marketplace_status()
        self.assertTrue(self.changes()[0]["held"])

    def test_refused_delivery_is_held_once_until_the_otp_changes(self):
        order = self._order("H-OTP", installment_cost=10)
        order.action_confirm()
        self.changes()
        self.mark(order, True, "approved")
        order.write({"marketplace_push_status": "delivered", "marketplace_retailer_otp": "111111"})
        order.update_marketplace_status()
        self.assertEqual([c["retailer_otp"] for c in self.changes()], ["111111"])
        res = self.mark(order, False, "delivered", "Cartona refused the data: retailer_otp is wrong")
        self.assertEqual(res["status"], "held")
        self.assertIn("retailer_otp is wrong", res["reason"])
        self.assertIn("Change the retailer OTP", order.marketplace_sync_error)
        self.assertEqual(order.marketplace_push_hold, "refused")
        self.assertEqual(order.marketplace_status, "approved")
        # the sweep neither re-sends nor re-alerts
        self.assertEqual(self.changes(), [])
        self.assertEqual(self.changes(), [])
        order.marketplace_retailer_otp = "111111"  # the same code: still held
        self.assertEqual(order.marketplace_push_hold, "refused")
        order.marketplace_retailer_otp = "222222"
        self.assertFalse(order.marketplace_push_hold)
        self.assertEqual([c["retailer_otp"] for c in self.changes()], ["222222"])
        self.assertEqual(self.mark(order, False, "delivered", "wrong again")["status"], "held")
        order.update_marketplace_status()  # Update Status sends the same OTP again
        self.assertEqual([c["retailer_otp"] for c in self.changes()], ["222222"])
        self.assertEqual(self.mark(order, True, "delivered")["status"], "synced")
        self.assertEqual(order.marketplace_status, "delivered")
        self.assertFalse(order.marketplace_push_hold)

    def test_other_refused_statuses_stay_pending(self):
        order = self._order("H-PEND")
        order.action_confirm()
        self.changes()
        self.assertEqual(self.mark(order, False, "approved", "Cartona failed")["status"],
                         "kept_pending")
        self.assertEqual([c["status"] for c in self.changes()], ["approved"])
