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

    def test_test_connection_button_only_for_managers(self):
        """The form's button and the Cartona Overview card's are not drawn for a Sales user
        (the server refuses him anyway); a manager sees both."""
        buttons = (("marketplace.supplier.config", "form", "test_connection"),
                   ("marketplace.dashboard", "kanban", "action_test_connection"))
        for user, shown in ((self.salesman, False), (self.manager, True)):
            for model, view_type, button in buttons:
                with self.subTest(user=user.login, model=model):
                    arch = self.env[model].with_user(user).get_views(
                        [(False, view_type)])["views"][view_type]["arch"]
                    self.assertEqual('name="%s"' % button in arch, shown)

    def test_sales_user_cannot_write_cartona_fields(self):
        order = self.sale.with_user(self.salesman)
        order.write({"client_order_ref": "PO 7", "marketplace_retailer_otp": "1234"})  # allowed
        self.assertEqual(self.sale.client_order_ref, "PO 7")
        for vals in ({"marketplace_status": "delivered"}, {"marketplace_order_id": "OTHER"},
                     {"marketplace_status_pending": False}, {"marketplace_config_id": False},
                     # a push run's lease (lease.py): cleared, a second run sends it again
                     {"marketplace_status_lease_until": False},
                     {"marketplace_details_lease_until": False}):
            with self.subTest(vals=vals):
                with self.assertRaisesRegex(AccessError, "only through the Cartona sync"):
                    order.write(vals)
        self.assertEqual((self.sale.marketplace_status, self.sale.marketplace_order_id),
                         ("pending", "LP-1"))
        with self.assertRaisesRegex(AccessError, "marketplace_order_id"):
            self.env["sale.order"].with_user(self.salesman).create({
                "partner_id": self.sale.partner_id.id, "marketplace_order_id": "FORGED"})
        # a held status push (status_hold.py) stays held: clearing the hold or its sentence by
        # hand would send a push Cartona's status does not allow
        self.sale.sudo().write({"marketplace_push_hold": "cartona_status",
                                "marketplace_sync_error": "Cartona has it in editing"})
        for vals in ({"marketplace_push_hold": False}, {"marketplace_sync_error": False},
                     {"marketplace_cartona_credit": 0.0}, {"marketplace_wallet_top_up": 9.0},
                     {"marketplace_return_done": True}):
            with self.subTest(vals=vals):
                with self.assertRaisesRegex(AccessError, "only through the Cartona sync"):
                    order.write(vals)
        self.assertEqual((self.sale.marketplace_push_hold, self.sale.marketplace_sync_error),
                         ("cartona_status", "Cartona has it in editing"))
        # the addon's own paths still work for him: confirming plans the status push anew
        # (releasing the hold) and queues it
        order.action_confirm()
        self.assertFalse(self.sale.marketplace_push_hold)
        self.assertTrue(self.sale.marketplace_status_pending)
        self.assertEqual(self.sale.marketplace_push_status, "approved")

    def test_nobody_writes_cartona_line_fields(self):
        """The Cartona fields of an order line (sale_order_cartona_fields.py,
        LINE_CARTONA_OWNED_FIELDS) are guarded like the order's; quantity and price stay
        open (they are the details push), and the addon's own paths still write them."""
        line = self.sale.order_line.filtered(lambda l: l.marketplace_line_id == "1001")
        self.assertTrue(line)
        before = line.read(["marketplace_line_id", "marketplace_line_kind",
                            "marketplace_internal_product_id", "marketplace_amount",
                            "marketplace_price"])[0]
        forged = ({"marketplace_line_id": "999"}, {"marketplace_line_kind": "adjustment"},
                  {"marketplace_internal_product_id": "OTHER"}, {"marketplace_amount": 77.0},
                  {"marketplace_price": 0.5})
        for user in (self.salesman, self.integration_user):
            for vals in forged:
                with self.subTest(user=user.login, vals=vals):
                    with self.assertRaises(AccessError):
                        line.with_user(user).write(vals)
        with self.assertRaisesRegex(AccessError, "marketplace_line_id"):
            line.with_user(self.salesman).write({"product_uom_qty": 3, "marketplace_line_id": "9"})
        with self.assertRaisesRegex(AccessError, "only through the Cartona sync"):
            self.env["sale.order.line"].with_user(self.salesman).create({
                "order_id": self.sale.id, "product_id": line.product_id.id,
                "marketplace_line_id": "FORGED", "marketplace_amount": 1.0})
        with self.assertRaisesRegex(AccessError, "marketplace_line_kind"):
            self.sale.with_user(self.salesman).write({"order_line": [
                (1, line.id, {"marketplace_line_kind": "placeholder"})]})
        self.assertEqual(line.read(list(before))[0], before)
        # allowed: the quantity (queues the details push); the addon acknowledges it
        line.with_user(self.salesman).write({"product_uom_qty": 9})
        self.assertTrue(self.sale.marketplace_details_pending)
        planned = self.api.cartona_get_details_changes(config_id=self.config.id)
        self.assertIn({"id": int(line.marketplace_line_id), "amount": 9},
                      planned[0]["order_details"])
        self.api.cartona_mark_synced(config_id=self.config.id, items=[
            {"sale_order_id": self.sale.id, "kind": "details", "ok": True}])
        self.assertEqual(line.marketplace_amount, 9)
        # and a re-pull (the import's update path) still writes Cartona's values
        payload = self.order_payload("LP-1")
        payload["order_details"][0]["amount"] = 4
        result = self.api.cartona_import_orders(config_id=self.config.id, orders=[payload])[0]
        self.assertTrue(result["ok"], result)
        self.assertEqual(line.marketplace_amount, 4)

    def as_integration(self, records):
        return records.with_user(self.integration_user)

    def assert_unreadable(self, records, fields):
        """Refused on every path an RPC caller has: read, search_read by id, name_search."""
        for record in records:
            with self.subTest(model=record._name, id=record.id):
                with self.assertRaises(AccessError):
                    self.as_integration(record).read(fields)
                self.assertFalse(self.as_integration(record.browse()).search_read(
                    [("id", "=", record.id)], fields))
                self.assertNotIn(record.id, [r[0] for r in self.as_integration(
                    record.browse()).name_search(record.display_name or "", limit=1000)])

    def test_integration_user_reads_only_itself(self):
        """What the n8n credential's user reaches outside its batch methods, on 16.0-19.0:
        its own user and partner (Odoo's self-access), nothing of the others."""
        retailer = self.sale.partner_id  # created by the order import above
        self.assertTrue(retailer.phone and retailer.street and retailer.cartona_id)
        retailer.email = "shop@example.com"
        admin = self.env.ref("base.user_admin")
        other = new_test_user(self.env, login="mp_lp_other", name="Other employee",
                              email="other@example.com")
        company2 = self.env["res.company"].create({"name": "LP other company"})
        partner2 = self.env["res.partner"].create(
            {"name": "Other company customer", "company_id": company2.id, "phone": "555"})
        bank = self.env["res.partner.bank"].create(
            {"partner_id": retailer.id, "acc_number": "EG3800019000500000002631800020"})
        # users: only itself
        users = self.as_integration(self.env["res.users"]).search_read([], ["login"])
        self.assertEqual([u["id"] for u in users], [self.integration_user.id])
        self.assert_unreadable(admin | other | self.salesman | self.manager, ["login"])
        # partners: only its own (not the retailers', the admin's, another company's)
        partners = self.as_integration(self.env["res.partner"]).search_read(
            [], ["phone", "email", "street"])
        self.assertEqual([p["id"] for p in partners], [self.integration_user.partner_id.id])
        self.assert_unreadable(retailer | admin.partner_id | other.partner_id | partner2
                               | self.env.company.partner_id, ["phone", "email", "street"])
        self.assertFalse(self.as_integration(self.env["res.partner"]).search(
            [("phone", "=", retailer.phone)]))
        # bank accounts, products (cost prices), orders: nothing
        self.assert_unreadable(bank, ["acc_number"])
        self.assertFalse(self.as_integration(self.env["product.product"]).search([]))
        self.assertFalse(self.as_integration(self.env["product.template"]).search([]))
        self.assert_unreadable(self.product_a | self.product_b, ["standard_price", "list_price"])
        self.assert_unreadable(self.template_c, ["standard_price"])
        with self.assertRaises(AccessError):
            self.as_integration(self.sale).read(["name"])
        with self.assertRaises(AccessError):
            self.as_integration(retailer).write({"phone": "1"})
        # ...and the batch methods, which work in sudo, still create and match retailers and
        # products, import, snapshot and acknowledge
        results = self.api.cartona_match_partners(config_id=self.config.id, retailers=[
            {"retailer_code": "A00315"}, {"retailer_code": "LP-NEW", "retailer_name": "New"}])
        self.assertEqual([r["status"] for r in results], ["matched", "created"])
        self.assertEqual(self.import_orders([self.order_payload("LP-2")])[0]["status"],
                         "created")
        snapshot = self.api.cartona_price_snapshot(config_id=self.config.id)["items"]
        self.assertIn(self.product_a.id, [i["product_id"] for i in snapshot])
        resolved = self.api.cartona_resolve_products(config_id=self.config.id,
                                                     cartona_ids=["479"])
        self.assertEqual(resolved[0].get("product_id"), self.product_a.id)

    def test_integration_user_is_not_restricted_for_others(self):
        """The partner rule is global: it must leave every other user as Odoo made him."""
        retailer = self.sale.partner_id
        for user in (self.salesman, self.manager):
            with self.subTest(user=user.login):
                self.assertEqual(retailer.with_user(user).read(["phone"])[0]["phone"],
                                 retailer.phone)
