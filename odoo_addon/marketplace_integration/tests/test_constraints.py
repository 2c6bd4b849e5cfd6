from psycopg2.errors import UniqueViolation

from odoo.exceptions import ValidationError
from odoo.tests.common import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import MarketplaceCase


@tagged("post_install", "-at_install")
class TestConstraints(MarketplaceCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpMarketplace()
        cls.other_company = cls.env["res.company"].create({"name": "Other supplier"})

    def assertDuplicate(self, func, holder=None):
        """Refused: with a sentence naming the record that holds the key (``holder``) when
        the ORM answers first, else by the unique index."""
        error = ValidationError if holder else UniqueViolation
        with mute_logger("odoo.sql_db"), self.assertRaises(error) as caught, \
                self.env.cr.savepoint():
            func()
            self.env.flush_all()
        if holder:
            self.assertIn("already used by %s" % holder, str(caught.exception))

    def test_partner_cartona_id_unique_per_company(self):
        Partner = self.env["res.partner"]
        Partner.create({"name": "P1", "cartona_id": "retailer_X1", "company_id": self.company.id})
        self.assertDuplicate(lambda: Partner.create(
            {"name": "P2", "cartona_id": "retailer_X1", "company_id": self.company.id}), "P1")
        # another company may hold the same id
        Partner.create({"name": "P3", "cartona_id": "retailer_X1", "company_id": self.other_company.id})
        # shared partners (no company) are unique among themselves
        Partner.create({"name": "P4", "cartona_id": "retailer_X2"})
        self.assertDuplicate(lambda: Partner.create({"name": "P5", "cartona_id": "retailer_X2"}),
                             "P4")

    def test_partner_empty_ids_allowed(self):
        Partner = self.env["res.partner"]
        Partner.create([{"name": "E%s" % i, "cartona_id": value}
                        for i, value in enumerate([False, False, "", ""])])
        self.env.flush_all()

    def test_variant_and_template_unique(self):
        self.assertDuplicate(lambda: self.make_product("Dup", "479"), "Tea box")
        self.assertDuplicate(lambda: self.env["product.template"].create(
            {"name": "Dup tmpl", "cartona_id": "T-777"}), "Rice (template id)")
        # other company: allowed
        self.env["product.template"].create(
            {"name": "Other", "cartona_id": "T-777", "company_id": self.other_company.id})
        self.make_product("Other variant", "479", company_id=self.other_company.id)
        self.env.flush_all()

    def test_copy_does_not_copy_ids(self):
        copy = self.product_a.copy()
        self.assertFalse(copy.cartona_id)
        partner = self.env["res.partner"].create({"name": "C", "cartona_id": "retailer_C"})
        self.assertFalse(partner.copy().cartona_id)
        result = self.import_orders([self.order_payload("COPY1")])[0]
        order = self.env["sale.order"].browse(result["sale_order_id"])
        dup = order.copy()
        self.assertFalse(dup.marketplace_order_id)
        self.assertFalse(any(dup.order_line.mapped("marketplace_line_id")))

    def test_order_and_line_unique(self):
        result = self.import_orders([self.order_payload("UNIQ1")])[0]
        order = self.env["sale.order"].browse(result["sale_order_id"])
        partner = order.partner_id
        self.assertDuplicate(lambda: self.env["sale.order"].create(
            {"partner_id": partner.id, "marketplace_order_id": "UNIQ1"}))
        line = order.order_line.filtered("marketplace_line_id")[0]
        self.assertDuplicate(lambda: self.env["sale.order.line"].create(
            {"order_id": order.id, "product_id": self.product_b.id,
             "marketplace_line_id": line.marketplace_line_id}))
        # same Cartona line id on another order is fine
        other = self.env["sale.order"].create({"partner_id": partner.id})
        self.env["sale.order.line"].create(
            {"order_id": other.id, "product_id": self.product_b.id,
             "marketplace_line_id": line.marketplace_line_id})
        self.env.flush_all()

    def test_indexes_exist(self):
        self.env.cr.execute(
            "SELECT indexname FROM pg_indexes WHERE indexname IN %s",
            (("res_partner_cartona_id_company_uniq", "product_product_cartona_id_company_uniq",
              "product_template_cartona_id_company_uniq",
              "sale_order_marketplace_order_id_company_uniq",
              "sale_order_line_marketplace_line_id_uniq", "marketplace_outbox_open_uniq"),),
        )
        self.assertEqual(len(self.env.cr.fetchall()), 6)
        for model, field in (("res.partner", "cartona_id"), ("product.product", "cartona_id"),
                             ("product.template", "cartona_id"),
                             ("sale.order", "marketplace_order_id"),
                             ("sale.order.line", "marketplace_line_id")):
            f = self.env[model]._fields[field]
            self.assertFalse(f.copy, field)
            self.assertTrue(f.index, field)
