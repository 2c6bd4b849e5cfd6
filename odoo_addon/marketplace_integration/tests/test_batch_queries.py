"""The hot batch methods read once and write grouped: their number of queries does not grow
with the number of elements (assertQueryCount where the series has it)."""
import re

from odoo.tests.common import TransactionCase, tagged

from .common import MarketplaceCase

# queries a batch may cost above the 2-element batch without that being growth (10 more
# elements would cost 10 more queries if any query ran per element)
SLACK = 2


@tagged("post_install", "-at_install")
class TestBatchQueries(MarketplaceCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpMarketplace()

    def orders(self, prefix, count):
        results = self.import_orders([self.order_payload("%s-%s" % (prefix, i))
                                      for i in range(count)])
        self.assertTrue(all(r["status"] == "created" for r in results), results)
        return self.env["sale.order"].browse([r["sale_order_id"] for r in results])

    def queries(self, func):
        """The queries ``func`` runs (their text, numbers blanked to compare batch sizes)."""
        self.env.flush_all()
        self.env.cr.precommit.run()  # the set-up's pending chatter tracking is not measured
        self.env.invalidate_all()
        with self.assertLogs("odoo.sql_db", "DEBUG") as logs:
            func()
        return [re.sub(r"'[A-Z]-", "'X-", re.sub(r'(N, )+|SAVEPOINT "[^"]*"', "", re.sub(
            r"\d+", "N", line.split("query:", 1)[-1])))[:200]
            for line in logs.output if "query:" in line]

    def assertConstant(self, make_call):
        self.queries(make_call("W", 1))  # warm the caches (ormcache, views, defaults)
        small = self.queries(make_call("S", 2))
        large = self.queries(make_call("L", 12))
        # "does not grow": 12 elements cost no more queries than 2, give or take SLACK. A query
        # per element would add 10; 16.0's recompute groups its UPDATEs by equal values, and
        # which records share values varies from run to run, so one batch there may cost one
        # UPDATE more or fewer than the other (seen: 100 vs 99, either way round).
        self.assertLessEqual(len(large), len(small) + SLACK,
                             "queries grow with the batch: %s" % "\n".join(
                                 "%s x %s" % (large.count(q), q) for q in set(large)
                                 if large.count(q) > small.count(q)))
        bound = len(small) + SLACK
        if hasattr(self, "assertQueryCount"):
            call = make_call("Q", 20)
            self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(bound):
                call()
        return bound

    def test_apply_states_queries_do_not_grow(self):
        def make_call(prefix, count):
            sales = self.orders(prefix, count)
            states = [{"hashed_id": s.marketplace_order_id, "status": "editing",
                       "delivery_day": "2026-12-01"} for s in sales]
            states.append({"hashed_id": sales[0].marketplace_order_id, "status": "returned"})
            states.append({"hashed_id": "%s-unknown" % prefix, "status": "editing"})

            def call():
                results = self.api.cartona_apply_order_states(config_id=self.config.id,
                                                              states=states)
                self.assertEqual([r["status"] for r in results][-3:],
                                 ["applied", "applied", "not_found"])
                self.assertEqual(sales.mapped("marketplace_status"),
                                 ["returned"] + ["editing"] * (count - 1))
            return call

        self.assertConstant(make_call)

    def test_mark_synced_queries_do_not_grow(self):
        def make_call(prefix, count):
            sales = self.orders(prefix, count)
            for sale in sales:
                # a local change to acknowledge (untracked: the chatter is not under test)
                sale.order_line[:1].with_context(
                    tracking_disable=True, mail_notrack=True).product_uom_qty = 9
            items = [{"sale_order_id": s.id, "kind": "details", "ok": True} for s in sales]
            items += [{"hashed_id": s.marketplace_order_id, "kind": "status", "ok": False,
                       "error": "refused"} for s in sales[:1]]

            def call():
                results = self.api.cartona_mark_synced(config_id=self.config.id, items=items)
                self.assertEqual([r["status"] for r in results],
                                 ["synced"] * count + ["kept_pending"])
                self.assertFalse(any(sales.mapped("marketplace_details_pending")))
                self.assertEqual(sales[0].order_line[:1].marketplace_amount, 9)
            return call

        self.assertConstant(make_call)

    def test_stock_change_writes_no_product_row(self):
        self.product_a.with_context(marketplace_no_outbox=True).marketplace_sync_status = "synced"
        self.env.flush_all()
        self.env.cr.execute("UPDATE product_product SET write_date = '2000-01-01' WHERE id = %s",
                            (self.product_a.id,))
        self.env["marketplace.outbox"].search([]).unlink()
        self.env["stock.quant"]._update_available_quantity(self.product_a, self.stock_location, 4)
        self.env.flush_all()
        entries = self.env["marketplace.outbox"].search(
            [("product_id", "=", self.product_a.id), ("kind", "=", "stock")])
        self.assertEqual(len(entries), 1)
        self.env.cr.execute("SELECT write_date, marketplace_sync_status FROM product_product "
                            "WHERE id = %s", (self.product_a.id,))
        write_date, status = self.env.cr.fetchone()
        self.assertEqual((str(write_date), status), ("2000-01-01 00:00:00", "synced"))
