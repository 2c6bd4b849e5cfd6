from odoo.tests.common import TransactionCase, tagged

from ..stock_rules import ProductRule, StockRule, published_stock, resolve_rule
from .common import MarketplaceCase


@tagged("post_install", "-at_install")
class TestStockRulesPure(TransactionCase):
    """The one rule function, without the database."""

    def test_buffer_maximum_never_negative(self):
        rule = StockRule(buffer=2, maximum=50)
        self.assertEqual(published_stock(7, rule), (5, True))
        self.assertEqual(published_stock(100, rule), (50, True))
        self.assertEqual(published_stock(2, rule), (0, False))
        self.assertEqual(published_stock(1, rule), (0, False))
        self.assertEqual(published_stock(-4, StockRule()), (0, False))
        # never more than is there: rounded down to the unit's step
        self.assertEqual(published_stock(7.37, StockRule(), 0.1), (7.3, True))

    def test_unlimited_whatever_odoo_holds(self):
        rule = StockRule(unlimited=True, unlimited_quantity=500, buffer=10, maximum=5)
        self.assertEqual(published_stock(0, rule), (500, True))
        self.assertEqual(published_stock(-3, rule), (500, True))

    def test_variant_then_template_then_config(self):
        config = StockRule(buffer=1, maximum=0, unlimited_quantity=999)
        self.assertEqual(resolve_rule(config, ProductRule("default")), config)
        self.assertEqual(resolve_rule(config, ProductRule("custom", 3, 20)),
                         StockRule(buffer=3, maximum=20, unlimited_quantity=999))
        unlimited = resolve_rule(config, ProductRule("unlimited"), ProductRule("template"))
        self.assertEqual((unlimited.unlimited, unlimited.unlimited_quantity), (True, 999))
        # the variant's own choice wins, "default" included
        self.assertEqual(resolve_rule(config, ProductRule("unlimited"), ProductRule("default")),
                         config)
        own = resolve_rule(config, ProductRule("custom", 3, 20),
                           ProductRule("unlimited", unlimited_quantity=40))
        self.assertEqual((own.unlimited, own.unlimited_quantity), (True, 40))


@tagged("post_install", "-at_install")
class TestStockRules(MarketplaceCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpMarketplace()
        Quant = cls.env["stock.quant"]
        Quant._update_available_quantity(cls.product_a, cls.stock_location, 10)
        Quant._update_reserved_quantity(cls.product_a, cls.stock_location, 3)  # free 7
        Quant._update_available_quantity(cls.product_b, cls.stock_location, 40)
        cls.Outbox = cls.env["marketplace.outbox"]

    def snapshot(self, config=None, product_ids=None):
        """Items by Cartona id; with ``product_ids`` as the real-time push asks, without as
        the full reconciliation reads every page."""
        config = config or self.config
        items, offset = [], 0
        while offset is not None:
            page = self.api.cartona_stock_snapshot(config_id=config.id, product_ids=product_ids,
                                                   offset=offset, limit=100)
            items += page["items"]
            offset = page["next_offset"]
        return {i["internal_product_id"]: (i["available_stock_quantity"], i["in_stock"])
                for i in items}

    def both_paths(self, config=None):
        """The real-time push (product ids of the outbox) and the reconciliation agree."""
        ids = [self.product_a.id, self.product_b.id]
        push = self.snapshot(config, ids)
        full = self.snapshot(config)
        self.assertEqual(push, {k: full[k] for k in push})
        return push

    def test_config_buffer_and_maximum(self):
        self.config.write({"stock_safety_buffer": 2, "stock_max_quantity": 30})
        items = self.both_paths()
        self.assertEqual(items["479"], (5, True))
        self.assertEqual(items["480"], (30, True))
        self.config.stock_safety_buffer = 8  # more than the free 7: zero, out of stock
        self.assertEqual(self.both_paths()["479"], (0, False))

    def test_template_and_variant_overrides(self):
        self.config.write({"stock_safety_buffer": 2, "unlimited_stock_quantity": 750})
        self.product_b.product_tmpl_id.write(
            {"cartona_stock_rule": "custom", "cartona_stock_buffer": 0, "cartona_stock_max": 12})
        items = self.both_paths()
        self.assertEqual(items["480"], (12, True))
        self.assertEqual(items["479"], (5, True))  # still the configuration's buffer
        self.product_b.write({"cartona_variant_stock_rule": "default"})
        self.assertEqual(self.both_paths()["480"], (38, True))

    def test_unlimited_stock(self):
        empty = self.make_product("Made to order", "481")
        self.config.unlimited_stock_quantity = 750
        empty.product_tmpl_id.cartona_stock_rule = "unlimited"
        ids = [empty.id]
        push = self.snapshot(product_ids=ids)
        self.assertEqual(push["481"], (750, True))
        self.assertEqual(self.snapshot()["481"], (750, True))
        empty.write({"cartona_variant_stock_rule": "unlimited",
                     "cartona_variant_unlimited_quantity": 25})
        self.assertEqual(self.snapshot(product_ids=ids)["481"], (25, True))

    def stock_entries(self, config=None):
        return self.Outbox.search([("config_id", "=", (config or self.config).id),
                                   ("kind", "=", "stock"), ("state", "=", "pending")])

    def test_changing_a_rule_enqueues_the_affected_products(self):
        self.Outbox.search([]).unlink()
        self.product_b.product_tmpl_id.cartona_stock_buffer = 4
        self.assertEqual(self.stock_entries().product_id, self.product_b)
        self.Outbox.search([]).unlink()
        self.product_a.cartona_variant_stock_rule = "unlimited"
        self.assertEqual(self.stock_entries().product_id, self.product_a)
        self.Outbox.search([]).unlink()
        unmapped = self.make_product("Unmapped")
        unmapped.product_tmpl_id.cartona_stock_rule = "unlimited"
        self.assertFalse(self.stock_entries())
        # a configuration default: every product it publishes
        self.config.stock_max_quantity = 3
        mapped = self.env["product.product"].search([("cartona_id", "!=", False)])
        self.assertEqual(self.stock_entries().product_id, mapped)
        self.assertIn(self.product_a, mapped)

    def test_two_warehouses_two_configurations_one_company(self):
        """Each configuration publishes only its own warehouses' free quantity, and a stock
        change in one warehouse is queued only for the configuration that publishes it."""
        north = self.env["stock.warehouse"].create(
            {"name": "North", "code": "NRT", "company_id": self.company.id})
        north_config = self.Config.create({
            "name": "Cartona north", "company_id": self.company.id,
            "internal_supplier_code": "3", "warehouse_ids": [(6, 0, north.ids)],
            "stock_safety_buffer": 1})
        Quant = self.env["stock.quant"]
        self.Outbox.search([]).unlink()
        Quant._update_available_quantity(self.product_a, north.lot_stock_id, 25)
        self.assertEqual(self.stock_entries(north_config).product_id, self.product_a)
        self.assertFalse(self.stock_entries(self.config))
        main = self.both_paths(self.config)
        self.assertEqual(main["479"], (7, True))
        self.assertEqual(main["480"], (40, True))
        other = self.both_paths(north_config)
        self.assertEqual(other["479"], (24, True))
        self.assertEqual(other["480"], (0, False))
        self.Outbox.search([]).unlink()
        Quant._update_available_quantity(self.product_b, self.stock_location, 1)
        self.assertEqual(self.stock_entries(self.config).product_id, self.product_b)
        self.assertFalse(self.stock_entries(north_config))
