from lxml import etree

from odoo.exceptions import UserError
from odoo.tests.common import TransactionCase, tagged

from .common import MarketplaceCase


def set_quantities_done(picking):
    """What the warehouse user does before Validate (16.0: quantity_done; 17.0+: picked)."""
    for move in picking.move_ids:
        if "picked" in move._fields:
            move.quantity = move.product_uom_qty
            move.picked = True
        else:
            move.quantity_done = move.product_uom_qty


@tagged("post_install", "-at_install")
class TestOtpWizard(MarketplaceCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpMarketplace()
        Quant = cls.env["stock.quant"]
        for product in (cls.product_a, cls.product_b):
            Quant._update_available_quantity(product, cls.stock_location, 100)

    def confirmed_order(self, hashed_id, **extra):
        res = self.import_orders([self.order_payload(hashed_id, **extra)])[0]
        self.assertTrue(res["ok"], res)
        order = self.env["sale.order"].browse(res["sale_order_id"])
        # Cartona approved it (which confirms the order in Odoo)
        self.api.cartona_apply_order_states(config_id=self.config.id, states=[
            {"hashed_id": hashed_id, "status": "approved"}])
        self.assertEqual(order.state, "sale")
        picking = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        self.assertEqual(len(picking), 1)
        set_quantities_done(picking)
        return order, picking

    def status_changes(self, order):
        return self.api.cartona_get_status_changes(config_id=self.config.id,
                                                   sale_order_ids=[order.id])

    def wizard_from(self, action):
        self.assertEqual(action["res_model"], "marketplace.otp.wizard")
        self.assertEqual(action["target"], "new")
        ctx = {k: v for k, v in action["context"].items() if k.startswith("default_")}
        return self.env["marketplace.otp.wizard"].with_context(**ctx).create({})

    def test_delivery_of_an_otp_order_asks_for_the_otp(self):
        order, picking = self.confirmed_order("OTP-1", installment_cost=15)
        self.assertTrue(order.marketplace_requires_otp)
        action = picking.button_validate()
        self.assertIsInstance(action, dict)
        self.assertNotEqual(picking.state, "done")  # nothing delivered yet
        wizard = self.wizard_from(action)
        self.assertEqual(wizard.sale_order_id, order)
        self.assertEqual(wizard.picking_ids, picking)
        wizard.retailer_otp = "12"
        with self.assertRaisesRegex(UserError, "4 to 8 digits"):
            wizard.action_confirm()
        self.assertNotEqual(picking.state, "done")
        self.assertFalse(order.marketplace_retailer_otp)
        wizard.retailer_otp = " 123 456 "
        wizard.action_confirm()
        self.assertEqual(picking.state, "done")
        self.assertEqual(order.marketplace_retailer_otp, "123456")
        [change] = self.status_changes(order)
        self.assertEqual((change["status"], change["retailer_otp"]), ("delivered", "123456"))

    def test_wallet_top_up_order_too_and_a_known_otp_is_not_asked_again(self):
        order, picking = self.confirmed_order("OTP-2", wallet_top_up=50)
        self.assertTrue(order.marketplace_requires_otp)
        order.marketplace_retailer_otp = "654321"
        self.assertIs(picking.button_validate(), True)
        self.assertEqual(picking.state, "done")
        self.assertEqual(self.status_changes(order)[0]["retailer_otp"], "654321")

    def test_order_without_otp_validates_directly(self):
        order, picking = self.confirmed_order("OTP-3")
        self.assertFalse(order.marketplace_requires_otp)
        self.assertIs(picking.button_validate(), True)
        self.assertEqual(picking.state, "done")
        self.assertEqual(self.status_changes(order)[0]["status"], "delivered")

    def test_refused_otp_is_shown_with_the_way_to_retry(self):
        order, picking = self.confirmed_order("OTP-4", installment_cost=15)
        order.marketplace_retailer_otp = "111111"
        picking.button_validate()
        self.status_changes(order)
        self.api.cartona_mark_synced(config_id=self.config.id, items=[
            {"kind": "status", "sale_order_id": order.id, "ok": False, "status": "delivered",
             "error": "Cartona refused the data: retailer_otp is wrong"}])
        self.assertTrue(order.marketplace_otp_refused)
        arch = etree.fromstring(order.get_views([(None, "form")])["views"]["form"]["arch"])
        self.assertTrue(arch.xpath("//button[@name='action_marketplace_enter_otp']"))
        wizard = self.wizard_from(order.action_marketplace_enter_otp())
        self.assertTrue(wizard.retry)
        self.assertIn("retailer_otp is wrong", wizard.refusal)
        wizard.retailer_otp = "222222"
        wizard.action_confirm()
        self.assertEqual(order.marketplace_retailer_otp, "222222")
        self.assertTrue(order.marketplace_status_pending)
        self.assertEqual([c["retailer_otp"] for c in self.status_changes(order)], ["222222"])
        self.api.cartona_mark_synced(config_id=self.config.id, items=[
            {"kind": "status", "sale_order_id": order.id, "ok": True, "status": "delivered"}])
        self.assertFalse(order.marketplace_otp_refused)
