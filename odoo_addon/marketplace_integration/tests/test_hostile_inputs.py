"""Hostile and careless inputs to the batch API (issue 10): every one gets an error item naming
the element and the field, or a documented meaning; the valid elements of the same call
commit. Table-driven: each case is one batch of a valid element and a hostile one."""
from unittest.mock import patch

from odoo.exceptions import ValidationError
from odoo.tests.common import TransactionCase, tagged

from ..models.batch_api.order_import import OrderImport
from .common import MarketplaceCase

BIG = "x" * (5 * 1024 * 1024)  # 5 MB


def _line(**extra):
    line = {"id": 1, "internal_product_id": "479", "amount": 2, "selling_price": 10.0,
            "product_name": "Tea box"}
    line.update(extra)
    return line


# (name, the hostile order's changes, the field its error names)
IMPORT_REFUSED = [
    ("status list", {"status": ["approved"]}, "status"),
    ("status dict", {"status": {"a": 1}}, "status"),
    ("hashed_id 5 MB", {"hashed_id": BIG}, "hashed_id"),
    ("hashed_id list", {"hashed_id": ["H"]}, "hashed_id"),
    ("receipt_id dict", {"receipt_id": {"a": 1}}, "receipt_id"),
    ("receipt_id list", {"receipt_id": [1, 2]}, "receipt_id"),
    ("note_message dict", {"note_message": {"a": 1}}, "note_message"),
    ("note_message list", {"note_message": ["a"]}, "note_message"),
    ("cancellation_reason list", {"cancellation_reason": ["out_of_stock"]},
     "cancellation_reason"),
    ("cancellation_reason dict", {"cancellation_reason": {"a": 1}}, "cancellation_reason"),
    ("retailer_name dict", {"retailer": {"retailer_code": "Z1", "retailer_name": {"a": 1}}},
     "retailer.retailer_name"),
    ("line cancelled text", {"order_details": [_line(cancelled="no")]},
     "order_details[0].cancelled"),
    ("line cancelled list", {"order_details": [_line(cancelled=[])]},
     "order_details[0].cancelled"),
    ("line amount 1e308", {"order_details": [_line(amount=1e308)]}, "order_details[0].amount"),
    ("line price 1e308", {"order_details": [_line(selling_price=1e308)]},
     "order_details[0].selling_price"),
    ("line product id 5 MB", {"order_details": [_line(internal_product_id=BIG)]},
     "order_details[0].internal_product_id"),
    ("line product_name dict", {"order_details": [_line(product_name={"a": 1})]},
     "order_details[0].product_name"),
    ("total 1e308", {"total_price": 1e308}, "total_price"),
    # decision (readme/USAGE.md): an order without lines is refused, never a sale order
    ("order_details missing", {"order_details": None}, "order_details"),
    ("order_details text", {"order_details": "x"}, "order_details"),
    ("order_details empty", {"order_details": []}, "order_details"),
    ("line price text not a number", {"order_details": [_line(selling_price="12 EGP")]},
     "order_details[0].selling_price"),
]

# (name, the careless order's changes, the field its warning names, the Odoo value read):
# imported with the documented reading (readme/USAGE.md) and a warning in the result and in
# the sync log (record_ref = the order's hashed_id)
IMPORT_WARNED = [
    ("created_at not a date", {"created_at": "not-a-date"}, "created_at", None),
    ("estimated_delivery_day month 13", {"estimated_delivery_day": "2026-13-45"},
     "estimated_delivery_day", None),
    ("created_at an object", {"created_at": {"a": 1}}, "created_at", None),
    ("line price as text", {"order_details": [_line(selling_price="12")]},
     "order_details[0].selling_price", ("price_unit", 12.0)),
    ("line amount as text", {"order_details": [_line(amount="3")]},
     "order_details[0].amount", ("product_uom_qty", 3.0)),
    ("line cancelled as text false", {"order_details": [_line(cancelled="false")]},
     "order_details[0].cancelled", ("product_uom_qty", 2.0)),
    ("retailer_name 5 MB", {"retailer": {"retailer_code": "ZBIG1", "retailer_name": BIG}},
     "retailer.retailer_name", ("partner_name_length", 256)),
    ("retailer_number 5 MB", {"retailer": {"retailer_code": "ZBIG2", "retailer_number": BIG}},
     "retailer.retailer_number", None),
    ("receipt_id 100 characters", {"receipt_id": "R" * 100}, "receipt_id", None),
    # the placeholder policy: imported, and a person must map the product (the alert says so)
    ("unknown product", {"order_details": [_line(internal_product_id="NOPE-999")]},
     "internal_product_id", ("marketplace_line_kind", "placeholder")),
    ("line without a product", {"order_details": [_line(internal_product_id=None)]},
     "internal_product_id", ("marketplace_line_kind", "placeholder")),
]

# (name, the hostile state's changes, the field its error names)
STATES_REFUSED = [
    ("status list", {"status": ["approved"]}, "status"),
    ("cancellation_reason list", {"status": "cancelled_by_retailer",
                                  "cancellation_reason": ["out_of_stock"]}, "cancellation_reason"),
    ("cancellation_reason dict", {"status": "cancelled_by_retailer",
                                  "cancellation_reason": {"a": 1}}, "cancellation_reason"),
    ("hashed_id 5 MB", {"hashed_id": BIG}, "hashed_id"),
    ("delivery_day dict", {"status": "approved", "delivery_day": {"a": 1}}, "delivery_day"),
    # a reason the state does not use is still checked (it used to pass unseen)
    ("cancellation_reason dict, state unchanged", {"status": "pending",
                                                  "cancellation_reason": {"a": 1}},
     "cancellation_reason"),
    ("cancellation_reason dict on approved", {"status": "approved",
                                              "cancellation_reason": {"a": 1}},
     "cancellation_reason"),
]

# (name, the hostile item's sale_order_id or changes, the field its error names)
MARK_SYNCED_REFUSED = [
    ("sale_order_id text", {"sale_order_id": "abc"}, "sale_order_id"),
    ("sale_order_id list", {"sale_order_id": "LIST"}, "sale_order_id"),
    ("sale_order_id fraction", {"sale_order_id": "FRACTION"}, "sale_order_id"),
    ("sale_order_id beyond integer", {"sale_order_id": 10**20}, "sale_order_id"),
    ("sale_order_id unicode digits", {"sale_order_id": "\u0661\u0662"}, "sale_order_id"),
    ("kind list", {"kind": ["status"]}, "kind"),
    ("ok text", {"ok": "true"}, "ok"),
]

# (name, the hostile entry, the field its error names)
SYNC_LOG_REFUSED = [
    ("kind list", {"kind": ["stock"]}, "kind"),
    ("kind dict", {"kind": {"a": 1}}, "kind"),
    ("direction list", {"direction": ["inbound"]}, "direction"),
    ("state dict", {"state": {"a": 1}}, "state"),
    ("execution_id dict", {"execution_id": {"id": 1}}, "execution_id"),
    ("execution_id list", {"execution_id": [1]}, "execution_id"),
    ("message dict", {"message": {"a": 1}}, "message"),
    ("record_ref list", {"record_ref": ["a"]}, "record_ref"),
    ("count_ok 1e308", {"count_ok": 1e308}, "count_ok"),
    # keys are refused, not cut: a cut record_ref or execution_id names another record or none
    ("record_ref 5 MB", {"record_ref": BIG}, "record_ref"),
    ("record_ref 257 characters", {"record_ref": "r" * 257}, "record_ref"),
    ("execution_id 5 MB", {"execution_id": BIG}, "execution_id"),
]

# (name, the hostile mapping, the field its error names)
MAPPING_REFUSED = [
    ("default_code dict", {"cartona_id": "950", "default_code": {"x": 1}}, "default_code"),
    ("barcode list", {"cartona_id": "951", "barcode": ["999006"]}, "barcode"),
    ("product_id fraction", {"cartona_id": "952", "product_id": 18.9}, "product_id"),
    ("product_id beyond integer", {"cartona_id": "953", "product_id": 10**20}, "product_id"),
    ("cartona_id 5 MB", {"cartona_id": BIG, "default_code": "HOST-1"}, "cartona_id"),
    ("default_code 5 MB", {"cartona_id": "954", "default_code": BIG}, "default_code"),
]


@tagged("post_install", "-at_install")
class TestHostileInputs(MarketplaceCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpMarketplace()
        cls.hostile_product = cls.make_product("Hostile flour", default_code="HOST-1",
                                               barcode="999006")

    def assertRefused(self, result, index, field):
        self.assertFalse(result["ok"], result)
        self.assertEqual(result["status"], "error", result)
        self.assertEqual(result["field"], field, result)
        self.assertIn(" %s " % index, result["error"][:40], result)  # names the element
        self.assertLess(len(str(result)), 3000, "the answer repeats a huge value")
        self.assertNotIn("Traceback", result["error"])

    # ------------------------------------------------------------ import
    def test_import_refuses_one_order_and_commits_the_other(self):
        for n, (name, changes, field) in enumerate(IMPORT_REFUSED):
            with self.subTest(name):
                good = self.order_payload("HI-OK-%s" % n)
                bad = self.order_payload("HI-BAD-%s" % n)
                bad.update(changes)
                results = self.import_orders([good, bad])
                self.assertEqual(results[0]["status"], "created", results[0])
                self.assertRefused(results[1], 1, field)
                self.assertTrue(self.env["sale.order"].search(
                    [("marketplace_order_id", "=", "HI-OK-%s" % n)]))
                logged = self.env["marketplace.sync.log"].search(
                    [("config_id", "=", self.config.id), ("state", "=", "error")],
                    order="id desc", limit=1)
                self.assertIn("Order 1", logged.message)
                self.assertLessEqual(len(logged.record_ref or ""), 256)

    def test_import_reads_careless_orders_with_a_warning(self):
        for n, (name, changes, field, expected) in enumerate(IMPORT_WARNED):
            with self.subTest(name):
                hashed_id = "HW-%s" % n
                order = self.order_payload(hashed_id, lines=[_line()])
                order.update(changes)
                result = self.import_orders([order])[0]
                self.assertEqual(result["status"], "created", result)
                self.assertTrue(any('"%s"' % field in w for w in result["input_warnings"]), result)
                # the sentence the order-pull template alerts on names the order and the field
                self.assertTrue(result["input_warning"].startswith(
                    "Order 0 (hashed_id %s) imported with warnings: " % hashed_id), result)
                self.assertIn('"%s"' % field, result["input_warning"])
                self.assertLess(len(str(result)), 3000, "the answer repeats a huge value")
                logged = self.env["marketplace.sync.log"].search(
                    [("config_id", "=", self.config.id), ("state", "=", "warning"),
                     ("record_ref", "=", hashed_id)])
                self.assertEqual(len(logged), 1)
                self.assertIn('"%s"' % field, logged.message)
                sale = self.env["sale.order"].browse(result["sale_order_id"])
                if expected and expected[0] == "partner_name_length":
                    self.assertEqual(len(sale.partner_id.name), expected[1])
                elif expected:
                    self.assertEqual(sale.order_line.filtered("marketplace_line_id").mapped(
                        expected[0]), [expected[1]])

    def test_placeholder_lines_are_alerted_on_every_path(self):
        """A line on the placeholder product is in ``input_warning`` (what the order-pull
        alert sends), naming the order, the line and ``internal_product_id``: on the slow
        path (the fast one is covered by IMPORT_WARNED) and when a re-pull adds such a line."""
        def assert_alerted(result, hashed_id, line_id, product):
            self.assertTrue(result["input_warning"].startswith(
                "Order 0 (hashed_id %s) imported with warnings: " % hashed_id), result)
            self.assertIn('line %s: "internal_product_id" %s' % (line_id, product),
                          result["input_warning"])
            self.assertIn("placeholder product", result["input_warning"])

        with patch.object(OrderImport, "import_fast", return_value={}):
            result = self.import_orders([self.order_payload(
                "HP-SLOW", lines=[_line(), _line(id=2, internal_product_id=None)])])[0]
        self.assertEqual(result["status"], "created", result)
        assert_alerted(result, "HP-SLOW", 2, "is missing")
        # the same order pulled again (draft in Odoo): Cartona added a line of an unmapped product
        result = self.import_orders([self.order_payload(
            "HP-SLOW", lines=[_line(), _line(id=2, internal_product_id=None),
                              _line(id=3, internal_product_id="NOPE-7")])])[0]
        self.assertEqual(result["status"], "updated", result)
        assert_alerted(result, "HP-SLOW", 3, "'NOPE-7' is not mapped")
        sale = self.env["sale.order"].browse(result["sale_order_id"])
        self.assertEqual(sale.order_line.filtered(
            lambda l: l.marketplace_line_id == "3").marketplace_line_kind, "placeholder")
        logged = self.env["marketplace.sync.log"].search(
            [("config_id", "=", self.config.id), ("state", "=", "warning"),
             ("record_ref", "=", "HP-SLOW")], order="id")
        self.assertEqual(len(logged), 2)
        self.assertIn("NOPE-7", logged[-1].message)
        # pulled once more with nothing new: no line is added, nothing to alert
        result = self.import_orders([self.order_payload(
            "HP-SLOW", lines=[_line(), _line(id=2, internal_product_id=None),
                              _line(id=3, internal_product_id="NOPE-7")])])[0]
        self.assertEqual(result["input_warnings"], [])
        self.assertNotIn("input_warning", result)

    def test_import_takes_iso_dates_and_numbers_without_a_warning(self):
        order = self.order_payload(
            "HW-ISO", lines=[_line()], created_at="2023-04-28T10:00:00.000Z",
            updated_at="2023-04-28 10:00:00", estimated_delivery_day="2023-04-28",
            retailer_preferred_delivery_date=None)
        result = self.import_orders([order])[0]
        self.assertEqual(result["status"], "created", result)
        self.assertEqual((result["warnings"], result["input_warnings"]), ([], []))
        self.assertNotIn("input_warning", result)

    def test_resolve_products_names_the_argument(self):
        self.hostile_product.cartona_id = "HR-1"
        results = self.api.cartona_resolve_products(config_id=self.config.id,
                                                    cartona_ids=[{}, "HR-1", BIG])
        self.assertRefused(results[0], 0, "cartona_ids[0]")
        self.assertIn('"cartona_ids[0]" must be a Cartona product id', results[0]["error"])
        self.assertEqual((results[1]["status"], results[1]["product_id"]),
                         ("found", self.hostile_product.id))
        self.assertRefused(results[2], 2, "cartona_ids[2]")

    def test_held_orders_repeat_keys_short(self):
        """Orders off (held): nothing is read, but a 5 MB hashed_id is not sent back whole."""
        self.config.auto_sync_orders = False
        results = self.import_orders([self.order_payload("HH-1"), {"hashed_id": BIG}])
        self.assertEqual([r["status"] for r in results], ["held", "held"])
        self.assertEqual(results[0]["hashed_id"], "HH-1")
        self.assertLess(len(str(results[1])), 300)

    def test_import_text_false_is_false(self):
        """``cancelled: "false"`` is false (the line is imported), as the node reads it."""
        order = self.order_payload("HI-TXT", lines=[_line(cancelled="false"),
                                                    _line(id=2, cancelled="true")])
        result = self.import_orders([order])[0]
        self.assertEqual(result["status"], "created", result)
        sale = self.env["sale.order"].browse(result["sale_order_id"])
        self.assertEqual(sale.order_line.filtered("marketplace_line_id").mapped(
            "marketplace_line_id"), ["1"])

    def test_zero_quantity_line_is_no_line(self):
        """Decision (readme/USAGE.md): amount 0 = cancelled line, with a warning."""
        order = self.order_payload("HI-ZERO", lines=[_line(), _line(id=2, amount=0)])
        result = self.import_orders([order])[0]
        self.assertEqual(result["status"], "created", result)
        self.assertEqual(result["lines"], 1)
        self.assertTrue(any("line 2: amount 0" in w for w in result["warnings"]), result)
        sale = self.env["sale.order"].browse(result["sale_order_id"])
        self.assertEqual(sale.order_line.filtered("marketplace_line_id").mapped(
            "marketplace_line_id"), ["1"])
        # pulled again with the line at 0: the line goes, as a cancelled one would
        again = self.order_payload("HI-ZERO", lines=[_line(amount=0), _line(id=2, amount=3)])
        result = self.import_orders([again])[0]
        self.assertEqual(result["status"], "updated", result)
        self.assertEqual(sale.order_line.filtered("marketplace_line_id").mapped(
            "marketplace_line_id"), ["2"])

    def test_unknown_cancellation_reason_is_a_warning(self):
        self.import_orders([self.order_payload("HI-R1"), self.order_payload("HI-R2")])
        results = self.api.cartona_apply_order_states(config_id=self.config.id, states=[
            {"hashed_id": "HI-R1", "status": "cancelled_by_retailer",
             "cancellation_reason": "aliens"},
            {"hashed_id": "HI-R2", "status": "cancelled_by_retailer",
             "cancellation_reason": "out_of_stock"},
        ])
        self.assertEqual([r["status"] for r in results], ["applied", "applied"])
        self.assertIn("'aliens' is not a reason Odoo knows", results[0]["warnings"][0])
        self.assertNotIn("warnings", results[1])
        sales = self.env["sale.order"].search([("marketplace_order_id", "in", ["HI-R1", "HI-R2"])],
                                              order="marketplace_order_id")
        self.assertEqual(sales.mapped("state"), ["cancel", "cancel"])
        self.assertEqual(sales[1].marketplace_cancellation_reason, "out_of_stock")
        # on import, the warning is in the result and the sync log
        order = self.order_payload("HI-R3", status="cancelled_by_retailer",
                                   cancellation_reason="aliens")
        result = self.import_orders([order])[0]
        self.assertEqual(result["status"], "created", result)
        self.assertTrue(any("aliens" in w for w in result["warnings"]), result)

    # ------------------------------------------------------------ states
    def test_apply_states_refuses_one_state_and_applies_the_other(self):
        for n, (name, changes, field) in enumerate(STATES_REFUSED):
            with self.subTest(name):
                ok_id, bad_id = "HS-OK-%s" % n, "HS-BAD-%s" % n
                self.import_orders([self.order_payload(ok_id), self.order_payload(bad_id)])
                bad = dict({"hashed_id": bad_id}, **changes)
                results = self.api.cartona_apply_order_states(config_id=self.config.id, states=[
                    {"hashed_id": ok_id, "status": "approved"}, bad])
                self.assertEqual(results[0]["status"], "applied", results[0])
                self.assertRefused(results[1], 1, field)
                sale = self.env["sale.order"].search([("marketplace_order_id", "=", ok_id)])
                self.assertEqual((sale.state, sale.marketplace_status), ("sale", "approved"))

    # ------------------------------------------------------------ mark synced
    def test_mark_synced_refuses_one_item_and_acknowledges_the_other(self):
        for n, (name, changes, field) in enumerate(MARK_SYNCED_REFUSED):
            with self.subTest(name):
                created = self.import_orders([self.order_payload("HM-OK-%s" % n),
                                              self.order_payload("HM-BAD-%s" % n)])
                ok_sale, bad_sale = self.env["sale.order"].browse(
                    [r["sale_order_id"] for r in created])
                (ok_sale | bad_sale).action_confirm()
                self.assertTrue(ok_sale.marketplace_status_pending)
                bad = {"kind": "status", "ok": True, "sale_order_id": bad_sale.id}
                bad.update(changes)
                if bad["sale_order_id"] == "LIST":
                    bad["sale_order_id"] = [bad_sale.id]
                elif bad["sale_order_id"] == "FRACTION":
                    bad["sale_order_id"] = bad_sale.id + 0.9
                results = self.api.cartona_mark_synced(config_id=self.config.id, items=[
                    {"kind": "status", "ok": True, "sale_order_id": ok_sale.id}, bad])
                self.assertEqual(results[0]["status"], "synced", results[0])
                self.assertRefused(results[1], 1, field)
                self.assertFalse(ok_sale.marketplace_status_pending)
                self.assertTrue(bad_sale.marketplace_status_pending)

    def test_status_changes_refuse_fractional_ids(self):
        with self.assertRaisesRegex(ValidationError, "sale_order_ids"):
            self.api.cartona_get_status_changes(config_id=self.config.id,
                                                sale_order_ids=[18.9])

    # ------------------------------------------------------------ sync log
    def test_sync_log_refuses_one_entry_and_writes_the_other(self):
        for name, entry, field in SYNC_LOG_REFUSED:
            with self.subTest(name):
                results = self.api.cartona_write_sync_log(config_id=self.config.id, entries=[
                    {"kind": "stock", "message": "fine %s" % name}, entry])
                self.assertEqual(results[0]["status"], "logged", results[0])
                self.assertRefused(results[1], 1, field)
                self.assertTrue(self.env["marketplace.sync.log"].browse(results[0]["log_id"]))
        # the message is free text: cut; keys of the longest allowed length are kept whole
        results = self.api.cartona_write_sync_log(config_id=self.config.id, entries=[
            {"kind": "stock", "record_ref": "r" * 256, "message": BIG, "execution_id": "e" * 64}])
        log = self.env["marketplace.sync.log"].browse(results[0]["log_id"])
        self.assertEqual((len(log.record_ref), len(log.message), len(log.execution_id)),
                         (256, 2000, 64))

    # ------------------------------------------------------------ mapping
    def test_mapping_refuses_one_mapping_and_sets_the_other(self):
        for n, (name, mapping, field) in enumerate(MAPPING_REFUSED):
            with self.subTest(name):
                good_product = self.make_product("Good %s" % n, default_code="HG-%s" % n)
                results = self.api.cartona_set_product_ids(config_id=self.config.id, mappings=[
                    {"cartona_id": "HG-%s" % n, "default_code": "HG-%s" % n}, mapping])
                self.assertEqual(results[0]["status"], "set", results[0])
                self.assertRefused(results[1], 1, field)
                self.assertEqual(good_product.cartona_id, "HG-%s" % n)
        self.assertFalse(self.hostile_product.cartona_id)

    def test_dry_run_must_be_a_boolean(self):
        for value in ("false", "true", 0, None, ["x"]):
            with self.subTest(value=value):
                with self.assertRaisesRegex(ValidationError, "dry_run must be true or false"):
                    self.api.cartona_set_product_ids(
                        config_id=self.config.id, dry_run=value,
                        mappings=[{"cartona_id": "960", "default_code": "HOST-1"}])
        self.assertFalse(self.hostile_product.cartona_id)

    # ------------------------------------------------------------ the safety net
    def test_unexpected_exception_is_the_elements_error(self):
        """A defect (here: an exception no rule foresaw) costs its element, not the batch."""
        from ..models.batch_api import order_build

        original = order_build.OrderBuilder.order_vals

        def exploding(builder, order, warnings, inputs=None):
            if order.hashed_id == "HX-BOOM":
                raise KeyError("boom")
            return original(builder, order, warnings, inputs)

        order_build.OrderBuilder.order_vals = exploding
        try:
            with self.assertLogs("odoo.addons.marketplace_integration", "ERROR"):
                results = self.import_orders([self.order_payload("HX-OK"),
                                              self.order_payload("HX-BOOM"),
                                              self.order_payload("HX-OK2")])
        finally:
            order_build.OrderBuilder.order_vals = original
        self.assertEqual([r["status"] for r in results], ["created", "error", "created"])
        self.assertRefused(results[1], 1, "element")
        self.assertIn("unexpected error (KeyError)", results[1]["error"])
        self.assertEqual(len(self.env["sale.order"].search(
            [("marketplace_order_id", "in", ["HX-OK", "HX-BOOM", "HX-OK2"])])), 2)

    def test_unexpected_exception_in_a_planned_state_is_its_error(self):
        """The grouped paths (apply-states, mark-synced) plan in memory: an exception there
        is the element's error too."""
        from ..models.batch_api import order_outbound, order_state

        self.import_orders([self.order_payload("HY-OK"), self.order_payload("HY-BOOM")])
        original_plan = order_state.StateReplay.plan

        def exploding_plan(replay, sale, status, element):
            if sale.marketplace_order_id == "HY-BOOM":
                raise TypeError("unhashable type: 'list'")
            return original_plan(replay, sale, status, element)

        order_state.StateReplay.plan = exploding_plan
        try:
            with self.assertLogs("odoo.addons.marketplace_integration", "ERROR"):
                results = self.api.cartona_apply_order_states(config_id=self.config.id, states=[
                    {"hashed_id": "HY-OK", "status": "approved"},
                    {"hashed_id": "HY-BOOM", "status": "approved"}])
        finally:
            order_state.StateReplay.plan = original_plan
        self.assertEqual(results[0]["status"], "applied", results[0])
        self.assertRefused(results[1], 1, "element")
        sales = self.env["sale.order"].search([("marketplace_order_id", "in", ["HY-OK", "HY-BOOM"])],
                                              order="marketplace_order_id")
        self.assertEqual(sales.mapped("state"), ["draft", "sale"])  # HY-BOOM, HY-OK

        original_mark = order_outbound.OrderOutbound._plan

        def exploding_mark(outbound, item, by_id, by_hashed_id):
            if item.get("sale_order_id") == sales[0].id:
                raise KeyError("boom")
            return original_mark(outbound, item, by_id, by_hashed_id)

        order_outbound.OrderOutbound._plan = exploding_mark
        try:
            with self.assertLogs("odoo.addons.marketplace_integration", "ERROR"):
                results = self.api.cartona_mark_synced(config_id=self.config.id, items=[
                    {"kind": "status", "ok": True, "sale_order_id": sales[1].id},
                    {"kind": "status", "ok": True, "sale_order_id": sales[0].id}])
        finally:
            order_outbound.OrderOutbound._plan = original_mark
        self.assertEqual(results[0]["status"], "synced", results[0])
        self.assertRefused(results[1], 1, "element")
