from odoo.exceptions import AccessError
from odoo.tests.common import TransactionCase, new_test_user, tagged

from .common import MarketplaceCase


@tagged("post_install", "-at_install")
class TestSecurity(MarketplaceCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpMarketplace()

    def test_salesman_cannot_read_token(self):
        config = self.config.with_user(self.salesman)
        self.assertEqual(config.name, "Cartona test")
        self.assertNotIn("auth_token", config.fields_get())
        with self.assertRaises(AccessError):
            config.read(["auth_token"])
        with self.assertRaises(AccessError):
            config.auth_token  # noqa: B018
        data = config.read()[0]
        self.assertNotIn("auth_token", data)
        self.assertNotIn("s3cret", str(data))
        with self.assertRaises(AccessError):
            config.write({"name": "renamed"})

    def test_integration_user_least_privilege(self):
        api_config = self.config.with_user(self.integration_user)
        with self.assertRaises(AccessError):
            api_config.read(["auth_token"])
        with self.assertRaises(AccessError):
            api_config.write({"api_endpoint": "http://evil"})
        with self.assertRaises(AccessError):
            self.env["marketplace.sync.log"].with_user(self.integration_user).search([])
        # ...but the batch API works (sudo scoped to the config's company)
        self.assertEqual(len(self.import_orders([self.order_payload("SEC1")])), 1)

    def test_system_admin_reads_token(self):
        admin = self.env.ref("base.user_admin")
        self.assertEqual(self.config.with_user(admin).auth_token, "s3cret")

    def test_multi_company_rules(self):
        other = self.env["res.company"].create({"name": "Second supplier"})
        other_config = self.env["marketplace.supplier.config"].create(
            {"name": "Other", "company_id": other.id})
        visible = self.env["marketplace.supplier.config"].with_user(self.salesman).search([])
        self.assertIn(self.config, visible)
        self.assertNotIn(other_config, visible)
        # the integration user cannot drive a config of a company it is not in
        with self.assertRaises(AccessError):
            self.api.cartona_get_config(config_id=other_config.id)
        manager = new_test_user(
            self.env, login="mp_manager2", company_id=other.id, company_ids=[(6, 0, other.ids)],
            groups="base.group_user,marketplace_integration.group_marketplace_manager")
        self.assertEqual(
            self.Config.with_user(manager).cartona_get_config(config_id=other_config.id)["id"],
            other_config.id)
