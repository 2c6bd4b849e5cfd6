"""Analytic prefill of imported order lines (models/analytic_prefill.py): without any analytic
distribution model, lookups per batch of lines instead of one per line; with one, the lines
get its distribution exactly as Odoo's own prefill gives it."""
from odoo.tests.common import TransactionCase, tagged

from .common import MarketplaceCase


@tagged("post_install", "-at_install")
class TestAnalyticPrefill(MarketplaceCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpMarketplace()
        cls.Models = cls.env["account.analytic.distribution.model"]
        cls.Models.search([]).unlink()

    def model_lookups(self, func):
        """Queries of ``func`` that read the analytic distribution models."""
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertLogs("odoo.sql_db", "DEBUG") as logs:
            func()
        return [line for line in logs.output
                if "query:" in line and "account_analytic_distribution_model" in line]

    def import_lines(self, prefix, count):
        orders = [self.order_payload("%s-%s" % (prefix, i)) for i in range(count)]
        results = []
        lookups = self.model_lookups(lambda: results.extend(self.import_orders(orders)))
        self.assertTrue(all(r["status"] == "created" for r in results), results)
        sales = self.env["sale.order"].browse([r["sale_order_id"] for r in results])
        return sales.order_line.filtered(lambda l: l.marketplace_line_kind == "product"), lookups

    def test_without_models_lookups_do_not_grow_with_the_lines(self):
        self.import_lines("AN9", 1)  # warm the caches
        small_lines, small = self.import_lines("AN0", 1)
        lines, large = self.import_lines("AN2", 6)
        self.assertEqual((len(small_lines), len(lines)), (2, 12))
        self.assertFalse(any(lines.mapped("analytic_distribution")))
        # Odoo's prefill alone searched once per line (2, then 12); now once per batch of lines
        # (19.0 computes the field twice per create: 2 lookups, whatever the number of lines)
        self.assertLessEqual(len(large), len(small), "\n".join(large))
        self.assertLess(len(large), len(lines), "\n".join(large))

    def test_with_a_model_the_lines_get_its_distribution(self):
        plan = self.env["account.analytic.plan"].create({"name": "Cartona prefill"})
        account = self.env["account.analytic.account"].create(
            {"name": "Tea sales", "plan_id": plan.id, "company_id": self.company.id})
        self.Models.create({"product_id": self.product_a.id,
                            "analytic_distribution": {str(account.id): 100}})
        lines, _lookups = self.import_lines("AN1", 2)
        tea = lines.filtered(lambda l: l.product_id == self.product_a)
        sugar = lines - tea
        self.assertEqual(len(tea), 2)
        for line in tea:
            self.assertEqual(line.analytic_distribution, {str(account.id): 100})
        self.assertFalse(any(sugar.mapped("analytic_distribution")))
