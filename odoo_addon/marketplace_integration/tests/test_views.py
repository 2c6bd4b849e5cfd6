from lxml import etree

from odoo.tests.common import TransactionCase, tagged

SEED = {
    ("product.template", "form"): ["cartona_id", "marketplace_sync_status", "last_sync_date"],
    ("product.template", None): ["marketplace_sync_status"],
    ("product.product", None): ["marketplace_sync_status"],
    ("product.product", "form"): ["cartona_id", "marketplace_sync_status", "last_sync_date"],
    ("res.partner", "form"): ["cartona_id", "marketplace_customer_type",
                              "marketplace_sync_status", "last_customer_sync_date"],
    ("sale.order", "form"): ["marketplace_order_id", "marketplace_status",
                             "marketplace_sync_date", "marketplace_retailer_otp"],
    ("marketplace.supplier.config", "form"): [
        "name", "api_endpoint", "auth_token", "auto_sync_products", "auto_sync_orders",
        "sync_frequency", "connection_status", "warehouse_ids", "pricelist_id",
        "internal_supplier_code", "placeholder_product_id", "unknown_product_policy",
        "log_retention_days"],
    ("marketplace.dashboard", None): ["pending_count", "failed_count", "errors_24h",
                                      "last_order_sync", "last_stock_sync", "last_price_sync"],
    ("marketplace.sync.log", None): ["kind", "direction", "state", "message"],
}


@tagged("post_install", "-at_install")
class TestViews(TransactionCase):
    def arch(self, model, view_type, view_id=None):
        list_type = "list" if "list" in dict(
            self.env["ir.ui.view"]._fields["type"].selection) else "tree"
        view_type = view_type or list_type
        views = self.env[model].get_views([(view_id, view_type)])
        return etree.fromstring(views["views"][view_type]["arch"])

    def test_seed_fields_in_views(self):
        for (model, view_type), names in SEED.items():
            arch = self.arch(model, view_type)
            present = {n.get("name") for n in arch.iter("field")}
            for name in names:
                self.assertIn(name, present, "%s %s view lacks %s" % (model, view_type, name))

    def test_seed_buttons_and_widgets(self):
        form = self.arch("product.template", "form")
        self.assertTrue(form.xpath("//button[@name='sync_to_marketplace']"))
        form = self.arch("sale.order", "form")
        self.assertTrue(form.xpath("//button[@name='update_marketplace_status']"))
        self.assertTrue(form.xpath("//field[@name='order_line']//field[@name='marketplace_line_id']"))
        form = self.arch("marketplace.supplier.config", "form")
        self.assertTrue(form.xpath("//button[@name='test_connection']"))
        # one result badge, not a six-step status bar; the name once (the title)
        self.assertEqual([f.get("widget") for f in form.xpath("//field[@name='connection_status']")],
                         ["badge"])
        self.assertEqual(len(form.xpath("//field[@name='name']")), 1)
        self.assertTrue(form.xpath("//field[@name='auth_token'][@password='True']"))
        quant = self.arch("stock.quant", None, self.env.ref("stock.view_stock_quant_tree").id)
        self.assertTrue(quant.xpath("//field[@name='marketplace_sync_status']"))

    def test_menu_and_actions(self):
        for xmlid in ("marketplace_dashboard_action", "marketplace_sync_log_action",
                      "marketplace_supplier_config_action", "marketplace_outbox_action",
                      "marketplace_menu_root"):
            self.assertTrue(self.env.ref("marketplace_integration." + xmlid))
