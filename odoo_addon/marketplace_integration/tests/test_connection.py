import hashlib
import hmac
import json
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests.common import TransactionCase, tagged

from ..models import marketplace_supplier_config as config_module
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

    def last_log(self):
        return self.env["marketplace.sync.log"].search(
            [("config_id", "=", self.config.id), ("kind", "=", "connection")], limit=1)

    def assert_plain(self, message):
        """One sentence for a person: no exception class, no Python repr, no stack."""
        for raw in ("Error(", "HTTPConnectionPool", "urllib3", "Traceback", "Max retries", "{"):
            self.assertNotIn(raw, message)
        self.assertLess(len(message), 220)

    def test_unreachable(self):
        base = "http://127.0.0.1:%s" % free_port()
        self.config.api_endpoint = base
        action = self.config.test_connection()
        self.assertEqual(self.config.connection_status, "unreachable")
        message = action["params"]["message"]
        self.assertEqual(
            message,
            "n8n did not answer at %s: is it running, and is the \"Cartona: connection test\" "
            "workflow published?" % base,
        )
        self.assertEqual(self.config.connection_message, message)
        self.assertEqual(action["params"]["type"], "danger")
        log = self.last_log()
        self.assertEqual(log.state, "error")
        self.assertEqual((log.count_ok, log.count_failed), (0, 1))
        self.assertIn("ConnectionError", log.message)  # the technical detail, for support
        self.assertTrue(log.message.startswith(message))

    def test_not_a_url(self):
        self.config.api_endpoint = "127.0.0.1:5678"
        action = self.config.test_connection()
        self.assert_plain(action["params"]["message"])
        self.assertIn("is not a web address", action["params"]["message"])
        self.assertIn("http://127.0.0.1:5678", action["params"]["message"])

    def test_timeout(self):
        # 19.0's test framework raises request timeouts to 10 s: the fake n8n waits longer
        with patch.object(config_module, "CONNECTION_TEST_TIMEOUT", 0.3):
            action, _n8n = self.run_test(delay=12, body={"ok": True})
        self.assertEqual(self.config.connection_status, "unreachable")
        self.assert_plain(action["params"]["message"])
        self.assertIn("did not answer within", action["params"]["message"])
        self.assertIn("Timeout", self.last_log().message)

    def test_workflow_failed(self):
        action, _n8n = self.run_test(status=500, body={"message": "Workflow could not be started"})
        self.assertEqual(self.config.connection_status, "error")
        self.assert_plain(action["params"]["message"])
        self.assertIn("last execution", action["params"]["message"])
        self.assertIn("HTTP 500", self.last_log().message)
        self.assertIn("Workflow could not be started", self.last_log().message)

    def test_bad_signature(self):
        self.run_test(status=401, body={"error": "bad signature"})
        self.assertEqual(self.config.connection_status, "bad_signature")
        self.assertIn("shared secret", self.config.connection_message)
        self.assert_plain(self.config.connection_message)

    def test_cartona_rejected(self):
        self.run_test(body={"ok": False, "cartona": "rejected", "message": "401 from Cartona"})
        self.assertEqual(self.config.connection_status, "rejected")
        self.assertIn("Cartona refused the token", self.config.connection_message)
        self.assertIn("401 from Cartona", self.last_log().message)

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
        self.assertEqual((log.count_ok, log.count_failed), (1, 0))
        self.assertEqual(action["params"]["message"],
                         "Connected: n8n and Cartona accepted the credentials.")
        self.assertIn("3 products", log.message)

    def test_workflow_missing(self):
        action, n8n = self.run_test(status=404, body={"message": "not registered"})
        self.assertEqual(self.config.connection_status, "error")
        self.assertEqual(
            action["params"]["message"],
            "n8n at %s has no connection-test webhook: import and publish the "
            "\"Cartona: connection test\" workflow." % n8n.url,
        )
        self.assertIn("not registered", self.last_log().message)

    def test_not_configured(self):
        self.config.api_endpoint = False
        with self.assertRaises(UserError):
            self.config.test_connection()
