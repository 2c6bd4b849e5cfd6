from odoo.tests.common import TransactionCase, tagged

from .common import MarketplaceCase


@tagged("post_install", "-at_install")
class TestReconciliationRefusals(MarketplaceCase, TransactionCase):
    """A product Cartona refuses for the first time in the full reconciliation (no outbox
    entry): recorded as the acknowledgement records it, alerted once, left out next run."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpMarketplace()

    def record(self, refusals):
        return self.api.cartona_record_refusals(config_id=self.config.id, refusals=refusals)

    def reconciled(self, method):
        return [i["product_id"] for i in method(config_id=self.config.id)["items"]]

    def logs(self, ref):
        return self.env["marketplace.sync.log"].search(
            [("kind", "=", "product"), ("record_ref", "=", ref), ("state", "=", "error")])

    def test_first_refusal_is_new_then_the_same_refusal_is_not(self):
        reason = 'Cartona rejected it: unknown internal_product_id "479"'
        self.assertIn(self.product_a.id, self.reconciled(self.api.cartona_stock_snapshot))
        res = self.record([{"cartona_id": "479", "reason": reason, "kind": "stock"}])
        self.assertEqual(len(res), 1)
        self.assertEqual(
            (res[0]["ok"], res[0]["status"], res[0]["new"], res[0]["product_id"],
             res[0]["cartona_id"], res[0]["kind"], res[0]["reason"]),
            (True, "refused", True, self.product_a.id, "479", "stock", reason))
        self.assertEqual(self.product_a.marketplace_sync_status, "refused")
        self.assertEqual(self.product_a.marketplace_sync_error, reason)
        self.assertEqual(self.product_a.product_tmpl_id.marketplace_sync_status, "refused")
        self.assertEqual(len(self.logs("479")), 1)
        self.assertIn("refused by Cartona", self.logs("479").message)
        # the next reconciliation leaves it out (stock and price); the other product stays
        for method in (self.api.cartona_stock_snapshot, self.api.cartona_price_snapshot):
            self.assertNotIn(self.product_a.id, self.reconciled(method))
            self.assertIn(self.product_b.id, self.reconciled(method))
        # the same refusal again (the price run, by the Odoo id the snapshot items carry):
        # no alert, no second log line
        again = self.record([{"product_id": self.product_a.id, "reason": reason,
                              "kind": "price"}])[0]
        self.assertEqual((again["ok"], again["status"], again["new"]),
                         (True, "already_refused", False))
        self.assertEqual(len(self.logs("479")), 1)
        # another reason is a new refusal: alerted, and the product shows the new reason
        other = self.record([{"cartona_id": "479", "reason": "price below cost",
                              "kind": "price"}])[0]
        self.assertEqual((other["status"], other["new"]), ("refused", True))
        self.assertEqual(self.product_a.marketplace_sync_error, "price below cost")
        self.assertEqual(len(self.logs("479")), 2)

    def test_refused_by_the_push_first_is_not_new(self):
        """The real-time push's acknowledgement recorded it: the reconciliation's refusal of
        the same values is the same refusal."""
        outbox = self.env["marketplace.outbox"]
        outbox.search([]).unlink()
        self.product_b.sync_to_marketplace()
        claimed = self.api.cartona_outbox_claim(config_id=self.config.id, kinds=["stock"])
        self.api.cartona_outbox_ack(config_id=self.config.id, entries=[{
            "entry_id": claimed[0]["entry_id"], "ok": False, "refused": True,
            "error": "stock refused"}])
        self.assertEqual(self.product_b.marketplace_sync_status, "refused")
        res = self.record([{"cartona_id": "480", "reason": "stock refused", "kind": "stock"}])
        self.assertEqual((res[0]["status"], res[0]["new"]), ("already_refused", False))
        self.assertEqual(len(self.logs("480")), 1)

    def test_one_batch_one_alert_per_product_and_bad_elements_are_their_own_errors(self):
        reason = "refused"
        res = self.record([
            {"cartona_id": "479", "reason": reason, "kind": "stock"},
            {"cartona_id": "479", "reason": reason, "kind": "price"},
            {"cartona_id": "480", "reason": reason, "kind": "price"},
            {"cartona_id": "no-such-id", "reason": reason, "kind": "stock"},
            {"cartona_id": "479", "reason": reason, "kind": "orders"},
            {"cartona_id": "479", "reason": "", "kind": "stock"},
            {"product_id": "479", "reason": reason, "kind": "stock"},
            {"reason": reason, "kind": "stock"},
            "not an object",
        ])
        self.assertEqual([r["index"] for r in res], list(range(9)))
        self.assertEqual([(r.get("status"), r.get("new")) for r in res[:3]],
                         [("refused", True), ("already_refused", False), ("refused", True)])
        self.assertEqual([(r["ok"], r["field"]) for r in res[3:]], [
            (False, "cartona_id"), (False, "kind"), (False, "reason"), (False, "product_id"),
            (False, "cartona_id"), (False, "element")])
        self.assertIn("no-such-id", res[3]["error"])
        self.assertEqual(len(self.logs("479")), 1)
        self.assertEqual(len(self.logs("480")), 1)
        self.assertEqual((self.product_a | self.product_b).mapped("marketplace_sync_status"),
                         ["refused", "refused"])

    def test_other_company_product_is_unknown(self):
        company = self.env["res.company"].create({"name": "Other Co"})
        self.product_a.cartona_company_id = company
        res = self.record([{"product_id": self.product_a.id, "reason": "x", "kind": "stock"},
                           {"cartona_id": "479", "reason": "x", "kind": "stock"}])
        self.assertEqual([(r["ok"], r["field"]) for r in res],
                         [(False, "product_id"), (False, "cartona_id")])
        self.assertNotEqual(self.product_a.marketplace_sync_status, "refused")
