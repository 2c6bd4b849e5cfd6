"""Cartona keys: a sentence for the user, the index as the guarantee, installs that say what
is wrong, and lookups that never guess between two partners."""
from psycopg2.errors import UniqueViolation

from odoo.exceptions import UserError, ValidationError
from odoo.tests.common import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import MarketplaceCase

INDEX = "res_partner_cartona_id_company_uniq"


@tagged("post_install", "-at_install")
class TestUniqueKeys(MarketplaceCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpMarketplace()
        cls.Partner = cls.env["res.partner"]

    def indexdef(self):
        self.env.cr.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", (INDEX,))
        row = self.env.cr.fetchone()
        return row and row[0]

    def test_write_names_the_holder(self):
        holder = self.Partner.create({"name": "Holder shop", "cartona_id": "retailer_H1",
                                      "company_id": self.company.id})
        other = self.Partner.create({"name": "Other shop", "company_id": self.company.id})
        with self.assertRaises(ValidationError) as caught:
            other.cartona_id = "retailer_H1"
        message = str(caught.exception)
        self.assertIn("retailer_H1 is already used by Holder shop (id %s" % holder.id, message)
        with self.assertRaises(ValidationError):
            self.Partner.create([{"name": "A", "cartona_id": "retailer_TWICE"},
                                 {"name": "B", "cartona_id": "retailer_TWICE"}])

    def test_index_still_refuses_what_the_orm_does_not_see(self):
        self.Partner.create({"name": "Holder", "cartona_id": "retailer_DB1",
                             "company_id": self.company.id})
        other = self.Partner.create({"name": "Raw", "company_id": self.company.id})
        self.env.flush_all()
        with mute_logger("odoo.sql_db"), self.assertRaises(UniqueViolation), \
                self.env.cr.savepoint():
            self.env.cr.execute("UPDATE res_partner SET cartona_id = 'retailer_DB1' "
                                "WHERE id = %s", (other.id,))

    def test_shared_and_company_partner_may_not_share_a_key(self):
        self.Partner.create({"name": "Shared shop", "cartona_id": "retailer_S1"})
        with self.assertRaisesRegex(ValidationError, "already used by Shared shop"):
            self.Partner.create({"name": "Company shop", "cartona_id": "retailer_S1",
                                 "company_id": self.company.id})

    def test_install_on_duplicates_lists_them(self):
        a = self.Partner.create({"name": "Dup A", "company_id": self.company.id})
        b = self.Partner.create({"name": "Dup B", "company_id": self.company.id})
        self.env.flush_all()
        with self.assertRaises(UserError) as caught, self.env.cr.savepoint():
            self.env.cr.execute('DROP INDEX "%s"' % INDEX)
            self.env.cr.execute("UPDATE res_partner SET cartona_id = 'retailer_OLD' "
                                "WHERE id IN %s", ((a.id, b.id),))
            self.Partner.init()  # what an install or update runs
        message = str(caught.exception)
        self.assertIn("these rows share a key", message)
        self.assertIn("%s, retailer_OLD: ids %s, %s" % (self.company.id, a.id, b.id), message)
        self.assertIn("WHERE", self.indexdef())  # the savepoint put the index back

    def test_index_recreated_when_its_definition_changes(self):
        self.env.cr.execute('DROP INDEX "%s"' % INDEX)
        self.env.cr.execute('CREATE UNIQUE INDEX "%s" ON res_partner (cartona_id, id)' % INDEX)
        self.Partner.init()
        self.assertIn("COALESCE(company_id, 0), cartona_id", self.indexdef())
        self.assertIn("WHERE", self.indexdef())
        before = self.indexdef()
        self.Partner.init()  # unchanged definition: left alone
        self.assertEqual(self.indexdef(), before)

    def make_ambiguous(self, code):
        shared = self.Partner.create({"name": "Shared %s" % code})
        company = self.Partner.create({"name": "Company %s" % code, "company_id": self.company.id,
                                       "cartona_id": "retailer_" + code})
        self.env.flush_all()
        # left by an older version, or by two concurrent transactions
        self.env.cr.execute("UPDATE res_partner SET cartona_id = %s WHERE id = %s",
                            ("retailer_" + code, shared.id))
        self.Partner.invalidate_model(["cartona_id"])
        return shared, company

    def test_two_candidate_partners_are_an_error_not_a_guess(self):
        shared, company = self.make_ambiguous("AMB1")
        retailer = {"retailer_code": "AMB1", "retailer_name": "Ambiguous"}
        results = self.import_orders([self.order_payload("AMB-1", retailer=retailer),
                                      self.order_payload("AMB-2")])
        self.assertEqual([r["ok"] for r in results], [False, True])
        self.assertEqual(results[0]["field"], "retailer")
        self.assertIn("is on 2 partners", results[0]["error"])
        self.assertIn("id %s" % shared.id, results[0]["error"])
        self.assertIn("id %s" % company.id, results[0]["error"])
        self.assertFalse(self.env["sale.order"].search([("marketplace_order_id", "=", "AMB-1")]))
        matched = self.api.cartona_match_partners(config_id=self.config.id, retailers=[retailer])
        self.assertEqual((matched[0]["ok"], matched[0]["field"]), (False, "retailer"))
