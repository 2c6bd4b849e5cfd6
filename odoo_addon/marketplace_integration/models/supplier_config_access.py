"""Who may press Test Connection: the integration's administrators only.

The test runs as the superuser, signs a call to n8n with the shared secret and writes the
configuration's connection status, so a user who may only read the configuration (Sales,
Marketplace User) must not trigger it over RPC either (the button is hidden from them too).
"""
from odoo import _, models
from odoo.exceptions import AccessError

ADMIN_GROUP = "marketplace_integration.group_marketplace_manager"


class SupplierConfigAccess(models.Model):
    _inherit = "marketplace.supplier.config"

    def test_connection(self):
        if not self.env.su and not self.env.user.has_group(ADMIN_GROUP):
            raise AccessError(_("Only Marketplace Managers may test the connection to n8n."))
        return super().test_connection()
