from lxml import etree

from odoo.tests.common import TransactionCase, tagged

from .common import MarketplaceCase

# the quant lists people open (16.0-19.0): Physical Inventory and the stock report
QUANT_LISTS = ("stock.view_stock_quant_tree_inventory_editable",
               "stock.view_stock_quant_tree_editable", "stock.view_stock_quant_tree")


@tagged("post_install", "-at_install")
class TestStockViews(MarketplaceCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpMarketplace()

    def list_arch(self, model, view_id=None):
        list_type = "list" if "list" in dict(
            self.env["ir.ui.view"]._fields["type"].selection) else "tree"
        views = self.env[model].get_views([(view_id, list_type)])
        return etree.fromstring(views["views"][list_type]["arch"])

    def test_sync_indicator_in_the_quant_lists_people_open(self):
        for xmlid in QUANT_LISTS:
            arch = self.list_arch("stock.quant", self.env.ref(xmlid).id)
            names = {f.get("name") for f in arch.iter("field")}
            self.assertIn("marketplace_sync_status", names, xmlid)
            if xmlid != "stock.view_stock_quant_tree":
                self.assertIn("marketplace_last_sync_date", names, xmlid)

    def test_quant_shows_the_product_status(self):
        self.env["stock.quant"]._update_available_quantity(self.product_a, self.stock_location, 5)
        # what the outbox acknowledgement writes on the product
        self.product_a.with_context(marketplace_no_outbox=True).write(
            {"marketplace_sync_status": "synced", "last_sync_date": "2026-01-02 03:04:05"})
        rows = self.env["stock.quant"].search_read(
            [("product_id", "=", self.product_a.id), ("location_id", "=", self.stock_location.id)],
            ["marketplace_sync_status", "marketplace_last_sync_date"])
        self.assertEqual(rows[0]["marketplace_sync_status"], "synced")
        self.assertEqual(str(rows[0]["marketplace_last_sync_date"]), "2026-01-02 03:04:05")

    def test_optional_sync_column_in_product_lists(self):
        for model in ("product.template", "product.product"):
            arch = self.list_arch(model)
            fields = arch.xpath("//field[@name='marketplace_sync_status']")
            self.assertTrue(fields, model)
            self.assertIn(fields[0].get("optional"), ("show", "hide"), model)

    def test_stock_rule_fields_in_forms(self):
        for model, names in (
            ("product.template", ["cartona_stock_rule", "cartona_stock_buffer",
                                  "cartona_stock_max", "cartona_unlimited_quantity"]),
            ("marketplace.supplier.config", ["stock_safety_buffer", "stock_max_quantity",
                                             "unlimited_stock_quantity"]),
        ):
            arch = etree.fromstring(self.env[model].get_views([(None, "form")])["views"]["form"]["arch"])
            present = {f.get("name") for f in arch.iter("field")}
            for name in names:
                self.assertIn(name, present, "%s form lacks %s" % (model, name))
        view = self.env.ref("product.product_variant_easy_edit_view")
        arch = etree.fromstring(self.env["product.product"].get_views(
            [(view.id, "form")])["views"]["form"]["arch"])
        self.assertTrue(arch.xpath("//field[@name='cartona_variant_stock_rule']"))
