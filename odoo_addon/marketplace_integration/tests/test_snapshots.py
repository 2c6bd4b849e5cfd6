from odoo.tests.common import TransactionCase, tagged

from .common import MarketplaceCase


@tagged("post_install", "-at_install")
class TestSnapshots(MarketplaceCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpMarketplace()
        Quant = cls.env["stock.quant"]
        Quant._update_available_quantity(cls.product_a, cls.stock_location, 10)
        Quant._update_reserved_quantity(cls.product_a, cls.stock_location, 3)
        cls.other_wh = cls.env["stock.warehouse"].create(
            {"name": "Other WH", "code": "OWH", "company_id": cls.company.id})
        Quant._update_available_quantity(cls.product_a, cls.other_wh.lot_stock_id, 100)

    def stock(self, **kw):
        return self.api.cartona_stock_snapshot(config_id=self.config.id, **kw)

    def test_free_quantity_in_config_warehouses(self):
        items = {i["internal_product_id"]: i
                 for i in self.stock(product_ids=[self.product_a.id, self.product_b.id])["items"]}
        self.assertEqual(items["479"]["available_stock_quantity"], 7)
        self.assertTrue(items["479"]["in_stock"])
        self.assertEqual(items["480"]["available_stock_quantity"], 0)
        self.assertFalse(items["480"]["in_stock"])
        # both warehouses
        self.config.warehouse_ids = [(4, self.other_wh.id)]
        items = self.stock(product_ids=[self.product_a.id])["items"]
        self.assertEqual(items[0]["available_stock_quantity"], 107)

    def test_quant_without_quantity_counts_as_zero(self):
        """A quant row whose quantity is NULL (counted over RPC outside inventory mode)
        must not break the snapshot of the whole page."""
        self.env["stock.quant"]._update_available_quantity(self.product_b, self.stock_location, 4)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE stock_quant SET quantity = NULL WHERE product_id = %s",
            (self.product_b.id,))
        self.env.invalidate_all()
        items = {i["internal_product_id"]: i
                 for i in self.stock(product_ids=[self.product_a.id, self.product_b.id])["items"]}
        self.assertEqual(items["480"]["available_stock_quantity"], 0)
        self.assertEqual(items["479"]["available_stock_quantity"], 7)

    def test_pagination_and_query_count(self):
        products = [self.make_product("P%s" % i, "PG-%s" % i) for i in range(120)]
        mapped = self.env["product.product"].search_count([("cartona_id", "!=", False)])
        seen, offset, calls = [], 0, 0
        while offset is not None:
            page = self.stock(offset=offset, limit=50)
            seen += [i["product_id"] for i in page["items"]]
            offset = page["next_offset"]
            calls += 1
        self.assertEqual(len(seen), mapped)
        self.assertEqual(len(set(seen)), mapped)
        self.assertEqual(seen, sorted(seen))
        self.assertEqual(calls, -(-mapped // 50))
        self.assertTrue({p.id for p in products} <= set(seen))
        # the number of queries does not grow with the page size
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self.stock(offset=0, limit=10)
        small = self.env.cr.sql_log_count - before
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self.stock(offset=0, limit=120)
        large = self.env.cr.sql_log_count - before
        self.assertLessEqual(large, small + 2)
        self.assertLess(large, 20)

    def test_price_snapshot(self):
        items = {i["product_id"]: i for i in self.api.cartona_price_snapshot(
            config_id=self.config.id, product_ids=[self.product_a.id, self.product_b.id])["items"]}
        self.assertEqual(items[self.product_a.id]["selling_price"], 12.5)
        pricelist = self.env["product.pricelist"].create({"name": "Cartona", "item_ids": [
            (0, 0, {"applied_on": "0_product_variant", "product_id": self.product_b.id,
                    "compute_price": "fixed", "fixed_price": 18.333})]})
        self.config.pricelist_id = pricelist
        items = {i["product_id"]: i for i in self.api.cartona_price_snapshot(
            config_id=self.config.id, product_ids=[self.product_a.id, self.product_b.id])["items"]}
        self.assertEqual(items[self.product_b.id]["selling_price"], 18.33)
        self.assertEqual(items[self.product_b.id]["internal_product_id"], "480")
        self.assertEqual(items[self.product_a.id]["selling_price"], 12.5)

    def test_keyset_pages_survive_a_refusal_between_pages(self):
        """Keyset paging (after_id / next_after) and the page ranges of cartona_snapshot_pages:
        a product refused while the pages are read (Record Refusals of an earlier page) moves
        no later page, where an offset would skip the first product of the next page."""
        for i in range(7):
            self.make_product("K%s" % i, "KS-%s" % i)
        mapped = self.stock(limit=5000)["items"]
        ids = [i["product_id"] for i in mapped]
        self.assertGreater(len(ids), 6)
        first = self.stock(after_id=0, limit=3)
        self.assertEqual([i["product_id"] for i in first["items"]], ids[:3])
        self.assertEqual(first["next_after"], ids[2])
        ranges = self.api.cartona_snapshot_pages(config_id=self.config.id, limit=3)["pages"]
        self.assertEqual(ranges[0], {"after": 0, "until": ids[2]})
        self.assertEqual(ranges[1], {"after": ids[2], "until": ids[5]})
        self.assertEqual(ranges[-1]["until"], None)
        self.assertEqual(len(ranges), len(ids) // 3 + 1)
        # the first page's product is refused; the next page (keyset) starts where it did
        refused = self.env["product.product"].browse(ids[1])
        self.api.cartona_record_refusals(config_id=self.config.id, refusals=[
            {"cartona_id": refused.cartona_id, "reason": "unknown id", "kind": "stock"}])
        self.assertEqual(refused.marketplace_sync_status, "refused")
        second = self.stock(after_id=first["next_after"], limit=3)
        self.assertEqual([i["product_id"] for i in second["items"]], ids[3:6])
        # by offset, the same second page skips ids[3] (what keyset paging fixes)
        self.assertEqual([i["product_id"] for i in self.stock(offset=3, limit=3)["items"]],
                         ids[4:7])
        # a range reads exactly its products, price as stock; the last one is open
        price = self.api.cartona_price_snapshot(
            config_id=self.config.id, after_id=ranges[1]["after"], until_id=ranges[1]["until"])
        self.assertEqual([i["product_id"] for i in price["items"]], ids[3:6])
        self.assertIsNone(price["next_after"])
        last = self.stock(after_id=ranges[-1]["after"])
        self.assertEqual([i["product_id"] for i in last["items"]], ids[len(ids) // 3 * 3:])
        # within a range that grew beyond the limit, next_after pages on inside it
        part = self.stock(after_id=0, until_id=ids[5], limit=2)
        self.assertEqual([i["product_id"] for i in part["items"]], [ids[0], ids[2]])
        self.assertEqual(part["next_after"], ids[2])

    def test_bad_arguments(self):
        with self.assertRaises(Exception):
            self.stock(offset=-1)
        with self.assertRaises(Exception):
            self.stock(product_ids=["x"])
        with self.assertRaises(Exception):
            self.stock(after_id=-1)
        with self.assertRaises(Exception):
            self.stock(until_id="3")
        with self.assertRaises(Exception):
            self.api.cartona_snapshot_pages(config_id=self.config.id, limit=True)
