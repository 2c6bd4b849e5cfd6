from odoo.exceptions import AccessError, ValidationError
from odoo.tests.common import TransactionCase, new_test_user, tagged

from ..cartona_rules import normalise_phone
from .common import MarketplaceCase


@tagged("post_install", "-at_install")
class TestImportOrders(MarketplaceCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpMarketplace()

    def test_create_then_existing_then_updated(self):
        payload = self.order_payload("pPX2wRNM")
        first = self.import_orders([payload])[0]
        self.assertTrue(first["ok"], first)
        self.assertEqual(first["status"], "created")
        self.assertEqual(first["lines"], 2)
        order = self.env["sale.order"].browse(first["sale_order_id"])
        self.assertEqual(order.marketplace_order_id, "pPX2wRNM")
        self.assertEqual(order.marketplace_status, "pending")
        self.assertEqual(order.marketplace_config_id, self.config)
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.order_line.mapped("product_id"), self.product_a | self.product_b)
        # idempotent
        again = self.import_orders([payload])[0]
        self.assertEqual((again["status"], again["sale_order_id"]), ("existing", order.id))
        self.assertEqual(self.env["sale.order"].search_count(
            [("marketplace_order_id", "=", "pPX2wRNM")]), 1)
        # change an amount, cancel a line, add a line
        payload["order_details"][0]["amount"] = 7
        payload["order_details"][1]["cancelled"] = True
        payload["order_details"].append({"id": 1003, "internal_product_id": "T-777", "amount": 1,
                                         "selling_price": 7.0})
        payload["total_price"] = 7 * 12.25 + 7.0
        updated = self.import_orders([payload])[0]
        self.assertEqual(updated["status"], "updated", updated)
        lines = {l.marketplace_line_id: l for l in order.order_line if l.marketplace_line_id}
        self.assertEqual(set(lines), {"1001", "1003"})
        self.assertEqual(lines["1001"].product_uom_qty, 7)
        self.assertAlmostEqual(order.amount_total, 7 * 12.25 + 7.0, places=2)

    def test_same_order_twice_in_one_batch(self):
        payload = self.order_payload("TWICE")
        results = self.import_orders([payload, dict(payload), self.order_payload("ONCE")])
        self.assertEqual([r["status"] for r in results], ["created", "existing", "created"])
        self.assertEqual(results[0]["sale_order_id"], results[1]["sale_order_id"])
        self.assertEqual([r["index"] for r in results], [0, 1, 2])

    def test_totals_to_the_cent_without_taxes(self):
        lines = [{"id": 10 + i, "internal_product_id": "479", "amount": 3, "selling_price": 0.33}
                 for i in range(3)]
        result = self.import_orders([self.order_payload("CENTS", lines=lines)])[0]
        order = self.env["sale.order"].browse(result["sale_order_id"])
        self.assertEqual(order.amount_total, 2.97)
        self.assertEqual(order.amount_tax, 0.0)
        for line in order.order_line:
            self.assertEqual(line.price_subtotal, 0.99)

    def test_total_price_adjustment(self):
        payload = self.order_payload("REBATE", total_price=100.0)
        result = self.import_orders([payload])[0]
        order = self.env["sale.order"].browse(result["sale_order_id"])
        self.assertEqual(order.amount_total, 100.0)
        adj = order.order_line.filtered(lambda l: l.marketplace_line_kind == "adjustment")
        self.assertEqual(len(adj), 1)
        self.assertAlmostEqual(adj.price_unit, 100.0 - (5 * 12.25 + 2 * 19.99), places=2)
        self.assertTrue(any("adjustment" in w for w in result["warnings"]))

    def test_pricelist_and_currency_from_config(self):
        currency = self.env["res.currency"].with_context(active_test=False).search(
            [("name", "=", "EGP")], limit=1)
        currency.active = True
        pricelist = self.env["product.pricelist"].create(
            {"name": "Cartona EGP", "currency_id": currency.id})
        self.config.pricelist_id = pricelist
        self.assertEqual(self.api.cartona_get_config(config_id=self.config.id)["currency"], "EGP")
        result = self.import_orders([self.order_payload("EGP1")])[0]
        order = self.env["sale.order"].browse(result["sale_order_id"])
        self.assertEqual(order.pricelist_id, pricelist)
        self.assertEqual(order.currency_id, currency)
        self.assertAlmostEqual(order.amount_total, 5 * 12.25 + 2 * 19.99, places=2)

    def test_partner_match_and_create(self):
        existing = self.env["res.partner"].create(
            {"name": "Known shop", "cartona_id": "retailer_A00315"})
        result = self.import_orders([self.order_payload("P1")])[0]
        self.assertEqual(result["partner_id"], existing.id)
        retailer = {"retailer_code": "NEW1", "retailer_name": "New shop",
                    "retailer_number": "+201111111111", "retailer_address": "Cairo"}
        result = self.import_orders([self.order_payload("P2", retailer=retailer)])[0]
        partner = self.env["res.partner"].browse(result["partner_id"])
        self.assertEqual(partner.cartona_id, "retailer_NEW1")
        self.assertEqual(partner.name, "New shop")
        self.assertEqual(partner.phone, "+201111111111")
        self.assertEqual(partner.street, "Cairo")
        self.assertEqual(partner.marketplace_customer_type, "b2b")

    def test_partner_phone_key_is_stable(self):
        self.assertEqual(normalise_phone("+20 100 315 0160"), "1003150160")
        self.assertEqual(normalise_phone("01003150160"), "1003150160")
        self.assertEqual(normalise_phone("00201003150160"), "1003150160")
        r1 = {"retailer_name": "No code", "retailer_number": "+20 100 999 0001"}
        r2 = {"retailer_name": "No code", "retailer_number": "01009990001"}
        a = self.import_orders([self.order_payload("PH1", retailer=r1)])[0]
        b = self.import_orders([self.order_payload("PH2", retailer=r2)])[0]
        self.assertEqual(a["partner_id"], b["partner_id"])
        partner = self.env["res.partner"].browse(a["partner_id"])
        self.assertEqual(partner.cartona_id, "retailer_phone_1009990001")

    def test_product_match_variant_then_template(self):
        # variant cartona_id wins over a template with the same id
        self.env["product.template"].create({"name": "Shadow", "cartona_id": "479"})
        lines = [{"id": 1, "internal_product_id": "479", "amount": 1, "selling_price": 1},
                 {"id": 2, "internal_product_id": "T-777", "amount": 1, "selling_price": 1}]
        result = self.import_orders([self.order_payload("M1", lines=lines)])[0]
        order = self.env["sale.order"].browse(result["sale_order_id"])
        by_id = {l.marketplace_line_id: l.product_id for l in order.order_line}
        self.assertEqual(by_id["1"], self.product_a)
        self.assertEqual(by_id["2"], self.template_c.product_variant_id)

    def test_unknown_product_placeholder_flagged_and_logged(self):
        lines = [{"id": 1, "internal_product_id": "904#2", "amount": 2, "selling_price": 3,
                  "product_name": "Mystery"},
                 {"id": 2, "internal_product_id": "479", "amount": 1, "selling_price": 1}]
        result = self.import_orders([self.order_payload("U1", lines=lines)])[0]
        self.assertEqual(result["status"], "created")
        self.assertTrue(result["warnings"])
        self.assertIn("904#2", result["warnings"][0])
        order = self.env["sale.order"].browse(result["sale_order_id"])
        line = order.order_line.filtered(lambda l: l.marketplace_line_id == "1")
        self.assertEqual(line.marketplace_line_kind, "placeholder")
        self.assertEqual(line.marketplace_internal_product_id, "904#2")
        self.assertEqual(line.product_id, self.config._get_placeholder_product())
        self.assertEqual(order.amount_total, 7.0)
        log = self.env["marketplace.sync.log"].search(
            [("config_id", "=", self.config.id), ("record_ref", "=", "U1")])
        self.assertEqual(log.state, "warning")
        self.assertIn("904#2", log.message)
        self.assertIn("line 1", log.message)

    def test_unknown_product_refused_by_policy(self):
        self.config.unknown_product_policy = "refuse"
        lines = [{"id": 1, "internal_product_id": "nope", "amount": 2, "selling_price": 3}]
        results = self.import_orders([self.order_payload("R1", lines=lines),
                                      self.order_payload("R2")])
        self.assertFalse(results[0]["ok"])
        self.assertIn("nope", results[0]["error"])
        self.assertIn("R1", results[0]["error"])
        self.assertTrue(results[1]["ok"])
        self.assertFalse(self.env["sale.order"].search([("marketplace_order_id", "=", "R1")]))
        log = self.env["marketplace.sync.log"].search([("record_ref", "=", "R1")])
        self.assertEqual(log.state, "error")

    def test_every_bad_element_refused_others_go_on(self):
        good = self.order_payload("GOOD1")
        bad = [
            ("hashed_id", dict(self.order_payload("x"), hashed_id=None)),
            ("hashed_id", dict(self.order_payload("x"), hashed_id={"a": 1})),
            ("hashed_id", dict(self.order_payload("x"), hashed_id="x" * 200)),
            ("order_details[0].amount", self.order_payload("NEG", lines=[
                {"id": 1, "internal_product_id": "479", "amount": -1, "selling_price": 1}])),
            ("order_details[0].selling_price", self.order_payload("NEGP", lines=[
                {"id": 1, "internal_product_id": "479", "amount": 1, "selling_price": -5}])),
            ("order_details[0].amount", self.order_payload("TYPE", lines=[
                {"id": 1, "internal_product_id": "479", "amount": "five", "selling_price": 1}])),
            ("order_details[0].amount", self.order_payload("HUGE", lines=[
                {"id": 1, "internal_product_id": "479", "amount": 1e12, "selling_price": 1}])),
            ("order_details", dict(self.order_payload("MANY"), order_details=[
                {"id": i, "internal_product_id": "479", "amount": 1, "selling_price": 1}
                for i in range(1, 600)])),
            ("order_details", dict(self.order_payload("NOLIST"), order_details="abc")),
            ("order_details[1].id", self.order_payload("DUPL", lines=[
                {"id": 1, "internal_product_id": "479", "amount": 1, "selling_price": 1},
                {"id": 1, "internal_product_id": "480", "amount": 1, "selling_price": 1}])),
            ("order_details[0].id", self.order_payload("NOID", lines=[
                {"internal_product_id": "479", "amount": 1, "selling_price": 1}])),
            ("status", dict(self.order_payload("STAT"), status="teleported")),
            ("retailer", dict(self.order_payload("NORET"), retailer="nobody")),
            ("retailer.retailer_code", self.order_payload("NOKEY", retailer={"retailer_name": "x"})),
            ("total_price", dict(self.order_payload("TOT"), total_price=-3)),
            ("element", "not an object"),
        ]
        results = self.import_orders([good] + [b for _f, b in bad] + [self.order_payload("GOOD2")])
        self.assertEqual(len(results), len(bad) + 2)
        self.assertTrue(results[0]["ok"] and results[-1]["ok"])
        for i, (field, _payload) in enumerate(bad, start=1):
            res = results[i]
            self.assertEqual(res["index"], i)
            self.assertFalse(res["ok"], res)
            self.assertEqual(res["status"], "error")
            self.assertEqual(res["field"], field, res)
            self.assertIn("Order %s (" % i, res["error"])
            self.assertIn(field.split(".")[0].split("[")[0], res["error"])
        self.assertEqual(self.env["sale.order"].search_count(
            [("marketplace_order_id", "in", ["GOOD1", "GOOD2"])]), 2)
        self.assertFalse(self.env["sale.order"].search(
            [("marketplace_order_id", "in", ["NEG", "TYPE", "HUGE", "DUPL", "STAT"])]))

    def test_bad_call_as_a_whole(self):
        with self.assertRaises(ValidationError):
            self.import_orders({"hashed_id": "x"})
        with self.assertRaises(ValidationError):
            self.import_orders([{}] * 5001)
        with self.assertRaises(ValidationError):
            self.api.cartona_import_orders(config_id=999999, orders=[])

    def test_caller_needs_the_group(self):
        plain = new_test_user(self.env, login="mp_plain", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.Config.with_user(plain).cartona_import_orders(config_id=self.config.id, orders=[])
        with self.assertRaises(AccessError):
            self.Config.with_user(self.salesman).cartona_get_config(config_id=self.config.id)

    def test_get_config(self):
        data = self.api.cartona_get_config(config_id=self.config.id)
        self.assertEqual(data["id"], self.config.id)
        self.assertEqual(data["warehouse_ids"], self.warehouse.ids)
        self.assertEqual(data["addon_version"], "1.0.0")
        self.assertNotIn("auth_token", data)
        self.assertNotIn("s3cret", str(data))

    def test_match_partners(self):
        results = self.api.cartona_match_partners(config_id=self.config.id, retailers=[
            {"retailer_code": "Z1", "retailer_name": "Z"},
            {"retailer_code": "Z1", "retailer_name": "Z again"},
            {"retailer_name": "no key"},
        ])
        self.assertEqual(results[0]["status"], "created")
        self.assertEqual(results[1]["status"], "matched")
        self.assertEqual(results[0]["partner_id"], results[1]["partner_id"])
        self.assertEqual(results[2]["status"], "error")
        self.assertEqual(results[2]["field"], "retailer.retailer_code")
