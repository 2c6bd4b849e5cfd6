import hashlib
import hmac
import json

from odoo.exceptions import UserError
from odoo.tests.common import TransactionCase, tagged

from .common import FakeN8n, MarketplaceCase, free_port


@tagged("post_install", "-at_install")
class TestConnection(MarketplaceCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpMarketplace()

    def run_test(self, **server):
        with FakeN8n(**server) as n8n:
            self.config.api_endpoint = n8n.url + "/"
            action = self.config.test_connection()
        return action, n8n

    def test_unreachable(self):
        self.config.api_endpoint = "http://127.0.0.1:%s" % free_port()
        action = self.config.test_connection()
        self.assertEqual(self.config.connection_status, "unreachable")
        self.assertIn("unreachable", action["params"]["message"])
        self.assertEqual(action["params"]["type"], "danger")

    def test_bad_signature(self):
        self.run_test(status=401, body={"error": "bad signature"})
        self.assertEqual(self.config.connection_status, "bad_signature")
        self.assertIn("shared secret", self.config.connection_message)

    def test_cartona_rejected(self):
        self.run_test(body={"ok": False, "cartona": "rejected", "message": "401 from Cartona"})
        self.assertEqual(self.config.connection_status, "rejected")
        self.assertIn("rejected", self.config.connection_message)

    def test_ok_and_signed(self):
        action, n8n = self.run_test(body={"ok": True, "cartona": "ok", "message": "3 products"})
        self.assertEqual(self.config.connection_status, "ok")
        self.assertEqual(action["params"]["type"], "success")
        request = n8n.requests[0]
        self.assertEqual(request["path"], "/webhook/cartona-connection-test")
        body = json.loads(request["body"])
        self.assertEqual(body["event"], "connection_test")
        self.assertEqual(body["internal_supplier_code"], "2")
        self.assertNotIn("s3cret", request["body"].decode())
        h = {k.lower(): v for k, v in request["headers"].items()}
        msg = ("%s.%s." % (h["x-cartona-timestamp"], h["x-cartona-nonce"])).encode() + request["body"]
        self.assertEqual(h["x-cartona-signature"],
                         "sha256=" + hmac.new(b"s3cret", msg, hashlib.sha256).hexdigest())
        log = self.env["marketplace.sync.log"].search(
            [("config_id", "=", self.config.id), ("kind", "=", "connection")])
        self.assertEqual(log.state, "ok")

    def test_workflow_missing(self):
        self.run_test(status=404, body={"message": "not registered"})
        self.assertEqual(self.config.connection_status, "error")

    def test_not_configured(self):
        self.config.api_endpoint = False
        with self.assertRaises(UserError):
            self.config.test_connection()
