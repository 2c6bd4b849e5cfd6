"""Least privilege (issue 10): who may press Test Connection, who may change the Cartona
fields of an order, what the integration user can read."""
from odoo.exceptions import AccessError
from odoo.tests.common import TransactionCase, new_test_user, tagged

from ..models import compat
from .common import MarketplaceCase


@tagged("post_install", "-at_install")
class TestLeastPrivilege(MarketplaceCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpMarketplace()
        cls.manager = new_test_user(
            cls.env, login="mp_lp_manager", name="Marketplace manager",
            groups="base.group_user,marketplace_integration.group_marketplace_manager")
        result = cls.api.cartona_import_orders(config_id=cls.config.id,
                                               orders=[cls.order_payload("LP-1")])[0]
        cls.sale = cls.env["sale.order"].browse(result["sale_order_id"])
        cls.sale.user_id = cls.salesman  # the salesman's own order: his rules let him write it

    def test_sales_user_cannot_press_test_connection(self):
        before = self.config.connection_status
        with self.assertRaisesRegex(AccessError, "Marketplace Managers"):
            self.config.with_user(self.salesman).test_connection()
        self.assertEqual(self.config.connection_status, before)
        self.assertFalse(self.env["marketplace.sync.log"].search(
            [("config_id", "=", self.config.id), ("kind", "=", "connection")]))
        # a manager may (n8n is not listening here: the answer is a status, not an error)
        self.config.with_user(self.manager).test_connection()
        self.assertNotEqual(self.config.connection_status, "not_tested")

    def test_sales_user_cannot_write_cartona_fields(self):
        order = self.sale.with_user(self.salesman)
        order.write({"client_order_ref": "PO 7", "marketplace_retailer_otp": "1234"})  # allowed
        self.assertEqual(self.sale.client_order_ref, "PO 7")
        for vals in ({"marketplace_status": "delivered"}, {"marketplace_order_id": "OTHER"},
                     {"marketplace_status_pending": False}, {"marketplace_config_id": False}):
            with self.subTest(vals=vals):
                with self.assertRaisesRegex(AccessError, "only through the Cartona sync"):
                    order.write(vals)
        self.assertEqual((self.sale.marketplace_status, self.sale.marketplace_order_id),
                         ("pending", "LP-1"))
        with self.assertRaisesRegex(AccessError, "marketplace_order_id"):
            self.env["sale.order"].with_user(self.salesman).create({
                "partner_id": self.sale.partner_id.id, "marketplace_order_id": "FORGED"})
        # the addon's own paths still work for him: confirming queues the status push
        order.action_confirm()
        self.assertTrue(self.sale.marketplace_status_pending)
        self.assertEqual(self.sale.marketplace_push_status, "approved")

    def test_integration_user_reads_only_itself(self):
        users = self.env["res.users"].with_user(self.integration_user).search([])
        self.assertEqual(users, self.integration_user)
        partners = self.env["res.partner"].with_user(self.integration_user).search_read(
            [], ["phone", "email", "street"])
        if compat.SERIES >= 17:
            self.assertEqual([p["id"] for p in partners], [self.integration_user.partner_id.id])
            with self.assertRaises(AccessError):
                self.sale.partner_id.with_user(self.integration_user).read(["phone"])
        else:
            # 16.0: base's employee rule (non-private partners) is OR-ed with ours
            self.assertIn(self.sale.partner_id.id, [p["id"] for p in partners])
        with self.assertRaises(AccessError):
            self.sale.with_user(self.integration_user).read(["name"])
        # ...and the batch methods, which work in sudo, still create and match retailers
        results = self.api.cartona_match_partners(config_id=self.config.id, retailers=[
            {"retailer_code": "A00315"}, {"retailer_code": "LP-NEW", "retailer_name": "New"}])
        self.assertEqual([r["status"] for r in results], ["matched", "created"])
        self.assertEqual(self.import_orders([self.order_payload("LP-2")])[0]["status"],
                         "created")
