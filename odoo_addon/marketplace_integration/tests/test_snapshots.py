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

    def test_bad_arguments(self):
        with self.assertRaises(Exception):
            self.stock(offset=-1)
        with self.assertRaises(Exception):
            self.stock(product_ids=["x"])
