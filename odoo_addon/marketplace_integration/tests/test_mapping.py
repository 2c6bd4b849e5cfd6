from odoo.tests.common import TransactionCase, tagged

from .common import MarketplaceCase


@tagged("post_install", "-at_install")
class TestMapping(MarketplaceCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpMarketplace()
        cls.plain = cls.make_product("Flour", default_code="FL-1", barcode="6221000000017")
        cls.plain2 = cls.make_product("Oil", default_code="OIL-1")

    def test_products_dry_run_then_set(self):
        mappings = [
            {"cartona_id": "900", "default_code": "FL-1"},
            {"cartona_id": "479", "default_code": "OIL-1"},   # already on product_a
            {"cartona_id": "479", "product_id": self.product_a.id},
            {"cartona_id": "901", "barcode": "0000"},
            {"default_code": "OIL-1"},
        ]
        dry = self.api.cartona_set_product_ids(config_id=self.config.id, mappings=mappings,
                                               dry_run=True)
        self.assertEqual([r["status"] for r in dry],
                         ["would_set", "conflict", "unchanged", "unknown", "error"])
        self.assertIn("Tea box", dry[1]["error"])
        self.assertEqual(dry[4]["field"], "cartona_id")
        self.assertFalse(self.plain.cartona_id)  # dry run wrote nothing
        done = self.api.cartona_set_product_ids(config_id=self.config.id, mappings=mappings[:1])
        self.assertEqual(done[0]["status"], "set")
        self.assertEqual(done[0]["product_id"], self.plain.id)
        self.assertEqual(self.plain.cartona_id, "900")
        by_barcode = self.api.cartona_set_product_ids(
            config_id=self.config.id, mappings=[{"cartona_id": "902", "barcode": "6221000000017"}])
        self.assertEqual(by_barcode[0]["status"], "set")  # remapped from 900
        self.assertEqual(self.plain.cartona_id, "902")

    def test_partners_by_phone_and_ref(self):
        shop = self.env["res.partner"].create({"name": "Shop", "phone": "+20 100 123 4567",
                                               "ref": "C-7"})
        results = self.api.cartona_set_partner_ids(config_id=self.config.id, mappings=[
            {"cartona_id": "retailer_P1", "phone": "01001234567"},
            {"cartona_id": "retailer_P2", "ref": "C-7"},
            {"cartona_id": "retailer_P3", "email": "nobody@example.com"},
        ])
        self.assertEqual(results[0]["status"], "set")
        self.assertEqual(results[0]["partner_id"], shop.id)
        self.assertEqual(results[1]["status"], "set")  # remap to a new id
        self.assertEqual(shop.cartona_id, "retailer_P2")
        self.assertEqual(results[2]["status"], "unknown")

    def test_resolve_products(self):
        res = self.api.cartona_resolve_products(config_id=self.config.id,
                                                cartona_ids=["479", "T-777", "zzz", None])
        self.assertEqual([r["status"] for r in res], ["found", "found", "unknown", "error"])
        self.assertEqual(res[0]["product_id"], self.product_a.id)
        self.assertEqual(res[1]["product_tmpl_id"], self.template_c.id)
