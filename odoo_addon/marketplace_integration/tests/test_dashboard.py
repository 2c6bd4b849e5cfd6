"""What a user reads: the overview cards, the sync log after an import, the pending-changes
screen and its Retry button, the technical products kept out of the catalogue."""
from lxml import etree

from odoo.tests.common import TransactionCase, tagged

from .common import MarketplaceCase


@tagged("post_install", "-at_install")
class TestDashboard(MarketplaceCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpMarketplace()
        cls.Outbox = cls.env["marketplace.outbox"]

    def card(self):
        self.env.flush_all()
        return self.env["marketplace.dashboard"].search([("config_id", "=", self.config.id)])

    def claim(self, **kw):
        return self.api.cartona_outbox_claim(config_id=self.config.id, **kw)

    def fail_stock_entry(self):
        """The stock entry of product A fails ten times: state failed, with its error."""
        self.Outbox.search([]).unlink()
        self.product_a.sync_to_marketplace()
        for _i in range(10):
            claimed = self.claim(kinds=["stock"])
            self.api.cartona_outbox_ack(config_id=self.config.id, entries=[
                {"entry_id": claimed[0]["entry_id"], "ok": False, "error": "Cartona said 422"}])
        return self.Outbox.browse(claimed[0]["entry_id"])

    def test_import_fills_last_order_sync_and_todays_orders(self):
        card = self.card()
        self.assertFalse(card.last_order_sync)
        self.assertEqual(card.orders_today, 0)
        results = self.import_orders([self.order_payload("D1"), self.order_payload("D2"),
                                      {"hashed_id": None}])
        self.assertEqual([r["ok"] for r in results], [True, True, False])
        card = self.card()
        self.assertTrue(card.last_order_sync)
        self.assertEqual(card.orders_today, 2)
        self.assertEqual(card.errors_24h, 1)
        action = card.action_open_orders_today()
        self.assertEqual(set(self.env["sale.order"].search(action["domain"]).mapped(
            "marketplace_order_id")), {"D1", "D2"})
        errors = self.env["marketplace.sync.log"].search(card.action_open_errors()["domain"])
        self.assertEqual(len(errors), 1)
        self.assertIn("hashed_id", errors.message)

    def test_import_leaves_a_summary_row_with_counts(self):
        before = self.env["marketplace.sync.log"].search([]).ids
        self.import_orders([self.order_payload("S1")])
        self.import_orders([self.order_payload("S1"), self.order_payload("S2")])
        rows = self.env["marketplace.sync.log"].search(
            [("id", "not in", before), ("kind", "=", "order")], order="id")
        self.assertEqual([(r.state, r.count_ok, r.count_failed) for r in rows],
                         [("ok", 1, 0), ("ok", 2, 0)])
        self.assertEqual(rows[1].message,
                         "1 new Cartona order(s) imported, 1 already in Odoo, 0 failed.")

    def test_connection_state_is_a_label_and_failed_entries_show(self):
        self.config.api_endpoint = "http://127.0.0.1:1"
        self.config.test_connection()
        card = self.card()
        self.assertEqual(card.connection_status, "unreachable")
        labels = dict(card._fields["connection_status"]._description_selection(self.env))
        self.assertEqual(labels[card.connection_status], "n8n not reachable")
        self.assertIn("did not answer", card.connection_message)
        entry = self.fail_stock_entry()
        card = self.card()
        self.assertEqual((card.failed_count, card.pending_count), (1, 1))  # + the price entry
        failed = self.Outbox.search(card.action_open_failed()["domain"])
        self.assertEqual(failed, entry)
        pending = self.Outbox.search(card.action_open_pending()["domain"])
        self.assertEqual(pending.mapped("kind"), ["price"])

    def test_retry_requeues_a_failed_change(self):
        entry = self.fail_stock_entry()
        self.assertTrue(entry.can_retry)
        self.assertEqual(entry.record_name, self.product_a.display_name)
        entry.action_retry()
        self.assertFalse(entry.exists())
        again = self.Outbox.search([("config_id", "=", self.config.id), ("kind", "=", "stock"),
                                    ("product_id", "=", self.product_a.id)])
        self.assertEqual((again.state, again.attempts), ("pending", 0))
        self.assertEqual([e["product_id"] for e in self.claim(kinds=["stock"])],
                         [self.product_a.id])

    def test_results_graph_and_kanban_card(self):
        action = self.card().action_open_results_graph()
        self.assertEqual(action["views"][0][1], "graph")
        arch = etree.fromstring(self.env["marketplace.dashboard"].get_views(
            [(False, "kanban")])["views"]["kanban"]["arch"])
        buttons = {n.get("name") for n in arch.iter("a", "button") if n.get("type") == "object"}
        for name in ("action_open_pending", "action_open_failed", "action_open_orders_today",
                     "action_open_order_log", "action_open_stock_log", "action_open_price_log",
                     "action_open_status_log", "action_open_errors", "action_open_results_graph",
                     "action_test_connection"):
            self.assertIn(name, buttons)
            self.assertTrue(callable(getattr(self.card(), name)))

    def test_technical_products_out_of_the_catalogue_but_used_by_imports(self):
        placeholder = self.config._get_placeholder_product_default()
        adjustment = self.config._get_adjustment_product()
        self.assertFalse(placeholder.sale_ok)
        self.assertFalse(adjustment.sale_ok)
        offered = self.env["product.product"].search([("sale_ok", "=", True)])
        self.assertNotIn(placeholder, offered)
        lines = [{"id": 1, "internal_product_id": "not-mapped", "amount": 1, "selling_price": 3}]
        result = self.import_orders([self.order_payload("P1", lines=lines, total_price=4.0)])[0]
        self.assertTrue(result["ok"], result)
        order = self.env["sale.order"].browse(result["sale_order_id"])
        self.assertIn(placeholder, order.order_line.product_id)
        self.assertIn(adjustment, order.order_line.product_id)


@tagged("post_install", "-at_install")
class TestProductTemplateShowsVariant(MarketplaceCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpMarketplace()

    def test_single_variant_values_on_the_template(self):
        template = self.product_a.product_tmpl_id
        self.assertFalse(template.cartona_id)
        self.assertTrue(template.marketplace_variant_mapped)
        self.assertEqual(template.marketplace_variant_cartona_id, "479")
        self.assertTrue(template.marketplace_can_sync)
        self.product_a.marketplace_sync_status = "synced"
        self.assertEqual(template.marketplace_variant_sync_status, "synced")
        self.assertEqual(template._fields["cartona_id"].string, "Cartona ID")
        # mapped on the template itself: the template's own values
        self.assertFalse(self.template_c.marketplace_variant_mapped)
        self.assertTrue(self.template_c.marketplace_can_sync)
        unmapped = self.env["product.template"].create({"name": "Not on Cartona"})
        self.assertFalse(unmapped.marketplace_can_sync)
