from odoo.tests.common import TransactionCase, tagged

from .common import CommittedDataCase


@tagged("post_install", "-at_install")
class TestConcurrentPush(CommittedDataCase, TransactionCase):
    """Two push runs overlapping (a ping a second after another, the sweep meeting a ping) read
    the same pending orders: without a claim both sent them, the same delivery and OTP twice,
    two refusals and two alerts for one wrong OTP (bench/faults). The orders answered by
    cartona_get_status_changes / cartona_get_details_changes are leased (lease.py): two real
    transactions on committed data, cleaned up afterwards."""

    def setUp(self):
        super().setUp()
        key = self.key
        with self.registry.cursor() as cr:
            env = self._env(cr)
            config = self._new_config(env, "push")
            partner = env["res.partner"].create({"name": "push " + key})
            product = env["product.product"].with_context(marketplace_no_outbox=True).create(
                {"name": "push " + key, "cartona_id": "PUSH-" + key, "list_price": 5.0})
            sale = env["sale.order"].with_context(marketplace_no_outbox=True).create({
                "partner_id": partner.id, "marketplace_order_id": "PUSH-" + key,
                "marketplace_config_id": config.id, "marketplace_status": "approved",
                "marketplace_push_status": "assigned_to_salesman",
                "marketplace_status_pending": True, "marketplace_details_pending": True,
                "order_line": [(0, 0, {
                    "product_id": product.id, "product_uom_qty": 3, "price_unit": 5.0,
                    "marketplace_line_id": "7001", "marketplace_line_kind": "product",
                    "marketplace_amount": 1,
                    "marketplace_price": 5.0})],
            })
            self.sale_id = sale.id
            self._remove_after(partner, product, sale)

    def _two_calls_at_once(self, method):
        """The second call runs while the first one's transaction is still open."""
        cr_a, cr_b = self.registry.cursor(), self.registry.cursor()
        try:
            # without a lease the second call would wait on the first one's row lock (and send
            # the order again once it commits): fail instead of hanging the suite
            cr_b.execute("SET LOCAL lock_timeout = '5s'")
            cr_b.execute("SELECT 1")  # the second run's transaction starts first
            first = getattr(self._env(cr_a)["marketplace.supplier.config"], method)(
                config_id=self.config_id)
            second = getattr(self._env(cr_b)["marketplace.supplier.config"], method)(
                config_id=self.config_id)
            cr_a.commit()
            cr_b.commit()
        finally:
            cr_a.close()
            cr_b.close()
        return first, second

    def _expire_lease(self, field):
        with self.registry.cursor() as cr:
            cr.execute("UPDATE sale_order SET %s = (now() AT TIME ZONE 'UTC') - interval '1 hour' "
                       "WHERE id = %%s" % field, (self.sale_id,))

    def _sale(self, *names):
        with self.registry.cursor() as cr:
            return self._env(cr)["sale.order"].browse(self.sale_id).read(names)[0]

    def test_status_change_is_handed_out_once(self):
        first, second = self._two_calls_at_once("cartona_get_status_changes")
        self.assertEqual([i["sale_order_id"] for i in first], [self.sale_id])
        self.assertEqual(first[0]["status"], "assigned_to_salesman")
        self.assertEqual(second, [], "the concurrent run got the leased order")
        self.assertEqual(self._call("cartona_get_status_changes"), [],
                         "a later run got the order while its lease runs")
        # the sale order still shows the change as waiting to be sent
        self.assertTrue(self._sale("marketplace_status_pending")["marketplace_status_pending"])

        # the user asks for the delivery while the first run is in flight: not handed out yet
        with self.registry.cursor() as cr:
            self._env(cr)["sale.order"].browse(self.sale_id).write(
                {"marketplace_retailer_otp": "1234"})
            self._env(cr)["sale.order"].browse(self.sale_id).with_context(
                marketplace_no_outbox=True).write({"marketplace_push_status": "delivered"})
        self.assertEqual(self._call("cartona_get_status_changes"), [])

        # the first run's (late) acknowledgement ends its lease; the newer change goes out
        [ack] = self._call("cartona_mark_synced", items=[{
            "kind": "status", "sale_order_id": self.sale_id, "ok": True,
            "status": "assigned_to_salesman"}])
        self.assertTrue(ack["ok"], ack)
        [again] = self._call("cartona_get_status_changes")
        self.assertEqual((again["sale_order_id"], again["status"]), (self.sale_id, "delivered"))
        self.assertEqual(self._call("cartona_get_status_changes"), [])

        # a run that never acknowledges (crashed): its orders come back after the lease
        self._expire_lease("marketplace_status_lease_until")
        [after_expiry] = self._call("cartona_get_status_changes")
        self.assertEqual(after_expiry["status"], "delivered")

        # Cartona refuses the delivery (wrong OTP): held, so not handed out (one refusal, one
        # alert); a new OTP releases the hold, and the order is handed out again at once (the
        # refusal's acknowledgement ended the lease)
        [refused] = self._call("cartona_mark_synced", items=[{
            "kind": "status", "sale_order_id": self.sale_id, "ok": False,
            "status": "delivered", "error": "wrong OTP"}])
        self.assertEqual(refused["status"], "held", refused)
        self.assertEqual(self._call("cartona_get_status_changes"), [])
        with self.registry.cursor() as cr:
            self._env(cr)["sale.order"].browse(self.sale_id).write(
                {"marketplace_retailer_otp": "4321"})
        [new_otp] = self._call("cartona_get_status_changes")
        self.assertEqual((new_otp["status"], new_otp["retailer_otp"]), ("delivered", "4321"))

    def test_details_change_is_handed_out_once(self):
        first, second = self._two_calls_at_once("cartona_get_details_changes")
        self.assertEqual([i["sale_order_id"] for i in first], [self.sale_id])
        self.assertEqual(first[0]["order_details"], [{"id": 7001, "amount": 3.0}])
        self.assertEqual(second, [], "the concurrent run got the leased order")
        sale = self._sale("marketplace_details_pending", "marketplace_details_sent")
        self.assertTrue(sale["marketplace_details_pending"])
        self.assertTrue(sale["marketplace_details_sent"], "what the first run sends is kept")

        # the user changes the line again while the first run is in flight; the run its ping
        # starts takes the ping (outbox) but not the leased order
        with self.registry.cursor() as cr:
            self._env(cr)["sale.order"].browse(self.sale_id).order_line.write(
                {"product_uom_qty": 4})
        entries = self._call("cartona_outbox_claim", kinds=["order_details"])
        self.assertEqual([e["sale_order_id"] for e in entries], [self.sale_id])
        self._call("cartona_outbox_ack",
                   entries=[{"entry_id": e["entry_id"], "ok": True} for e in entries])
        self.assertEqual(self._call("cartona_get_details_changes"), [])
        # the first run's late acknowledgement (438adb9: the newer change stays pending) ends
        # the lease and queues the order again, so it does not wait for the sweep
        [ack] = self._call("cartona_mark_synced", items=[{
            "kind": "details", "sale_order_id": self.sale_id, "ok": True}])
        self.assertTrue(ack["ok"], ack)
        self.assertEqual([e["sale_order_id"] for e in self._call(
            "cartona_outbox_claim", kinds=["order_details"])], [self.sale_id])
        [again] = self._call("cartona_get_details_changes")
        self.assertEqual(again["order_details"], [{"id": 7001, "amount": 4.0}])
        self.assertEqual(self._call("cartona_get_details_changes"), [])

        # an error acknowledgement ends the lease too; the push stays pending
        [ack] = self._call("cartona_mark_synced", items=[{
            "kind": "details", "sale_order_id": self.sale_id, "ok": False, "error": "HTTP 500"}])
        self.assertTrue(ack["ok"], ack)
        self.assertEqual(len(self._call("cartona_get_details_changes")), 1)

        self._expire_lease("marketplace_details_lease_until")
        self.assertEqual(len(self._call("cartona_get_details_changes")), 1)
        self._call("cartona_mark_synced", items=[{
            "kind": "details", "sale_order_id": self.sale_id, "ok": True}])
        self.assertFalse(self._sale("marketplace_details_pending")["marketplace_details_pending"])
        self.assertEqual(self._call("cartona_get_details_changes"), [])
