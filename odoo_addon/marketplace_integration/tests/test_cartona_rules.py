"""The pure payload rules (cartona_rules.py), without the database: what the batch methods
refuse, and how a refused value is repeated."""
from odoo.tests.common import BaseCase, tagged

from .. import cartona_rules as rules
from ..exceptions import ElementError


@tagged("post_install", "-at_install")
class TestCartonaRules(BaseCase):
    def assertRefused(self, field, func, *args):
        with self.assertRaises(ElementError) as caught:
            func(*args)
        self.assertEqual(caught.exception.field, field)
        return caught.exception.message

    def test_record_ids(self):
        self.assertEqual(rules.parse_record_id(18, "sale_order_id"), 18)
        self.assertEqual(rules.parse_record_id(" 18 ", "sale_order_id"), 18)
        for value in (18.9, "abc", [18], True, 0, -3, 2**31, "\u0661\u0662", None, {"id": 1}):
            with self.subTest(value=value):
                self.assertRefused("sale_order_id", rules.parse_record_id, value, "sale_order_id")

    def test_booleans_and_texts(self):
        self.assertIs(rules.parse_bool("false", "cancelled"), False)
        self.assertIs(rules.parse_bool("TRUE", "cancelled"), True)
        self.assertIs(rules.parse_bool(None, "cancelled"), False)
        for value in ("no", 1, [], {}):
            with self.subTest(value=value):
                self.assertRefused("cancelled", rules.parse_bool, value, "cancelled")
        self.assertEqual(rules.parse_text(12, "receipt_id"), "12")
        self.assertEqual(len(rules.parse_text("x" * 5000, "note_message")), rules.MAX_TEXT)
        self.assertIsNone(rules.parse_text("", "note_message"))
        for value in ({"a": 1}, ["a"], True):
            with self.subTest(value=value):
                self.assertIn("must be text", self.assertRefused(
                    "note_message", rules.parse_text, value, "note_message"))

    def test_states_and_reasons(self):
        for value in (["approved"], {"a": 1}, "approve", None):
            with self.subTest(value=value):
                self.assertRefused("status", rules.parse_status, value)
        self.assertEqual(rules.cancellation_reason("out_of_stock"), "out_of_stock")
        self.assertIs(rules.cancellation_reason("aliens"), False)
        self.assertIn("aliens", rules.unknown_reason_warning("aliens"))
        self.assertIsNone(rules.unknown_reason_warning("out_of_stock"))
        self.assertRefused("cancellation_reason", rules.cancellation_reason, ["out_of_stock"])

    def test_refused_values_are_repeated_short(self):
        big = "h" * (5 * 1024 * 1024)
        message = self.assertRefused("hashed_id", rules.parse_key, big, "hashed_id")
        self.assertLess(len(message), 200)
        result = rules.error_result(3, "Order", "hashed_id", big, "hashed_id", message, False)
        self.assertLess(len(str(result)), 500)
        self.assertTrue(result["error"].startswith("Order 3 (hashed_id 'hhhh"))
        self.assertEqual(rules.echo_key(["a"]), "a list")
        self.assertEqual(rules.echo_key("H-1"), "H-1")
        self.assertIsNone(rules.key_or_none(big))

    def test_zero_quantity_line_is_cancelled(self):
        order = rules.parse_order({
            "hashed_id": "Z", "retailer": {"retailer_code": "1"},
            "order_details": [
                {"id": 1, "amount": 0, "selling_price": 5},
                {"id": 2, "amount": 2, "selling_price": 5, "cancelled": "false"},
            ]})
        self.assertEqual([line.id for line in order.live_lines], ["2"])
        # cancelled as text is read, and said (issue 10 R4)
        self.assertEqual(order.notes, ("line 1: amount 0, treated as cancelled (no line)",
                                       '"order_details[1].cancelled" is the text \'false\': '
                                       'read as false'))
        for field, line in (("order_details[0].amount", {"id": 1, "amount": 1e308}),
                            ("order_details[0].cancelled", {"id": 1, "amount": 1,
                                                            "cancelled": "no"})):
            with self.subTest(field=field):
                self.assertRefused(field, rules.parse_order, {
                    "hashed_id": "Z", "retailer": {"retailer_code": "1"},
                    "order_details": [dict(line, selling_price=1)]})

    def test_dates_numbers_and_long_texts_are_warnings(self):
        """Read with a warning naming the field (readme/USAGE.md, issue 10 R4)."""
        for value in ("2023-04-28", "2023-04-28T10:00:00Z", "2023-04-28 10:00:00.5+02:00", None,
                      ""):
            with self.subTest(value=value):
                self.assertIsNone(rules.date_warning(value, "created_at"))
        for value in ("not-a-date", "2026-13-45", "28/04/2023", 20230428, {"a": 1}):
            with self.subTest(value=value):
                self.assertRegex(rules.date_warning(value, "created_at"),
                                 r'^"created_at" .* is not an ISO 8601 date: ignored$')
        self.assertEqual(rules.text_number_warning("12", "selling_price"),
                         '"selling_price" is the text \'12\': read as the number 12')
        self.assertIsNone(rules.text_number_warning(12.5, "selling_price"))
        self.assertEqual(rules.cut_warning("x" * 300, "retailer.retailer_name", 256),
                         '"retailer.retailer_name" has 300 characters: only the first 256 '
                         'are kept')
        self.assertIsNone(rules.cut_warning("x" * 256, "retailer.retailer_name", 256))

    def test_an_order_without_lines_is_refused(self):
        for details, said in ((None, "got nothing"), ("x", "got 'x'"), ({}, "got an object"),
                              ([], "is empty")):
            with self.subTest(details=details):
                message = self.assertRefused("order_details", rules.parse_order, {
                    "hashed_id": "Z", "retailer": {"retailer_code": "1"},
                    "order_details": details})
                self.assertIn(said, message)
