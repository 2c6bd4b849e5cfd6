from odoo.tests.common import TransactionCase, tagged

from ..cartona_settlement import settle
from ..exceptions import ElementError
from ..cartona_settlement import order_parts
from .common import MarketplaceCase
from .test_otp_wizard import set_quantities_done


@tagged("post_install", "-at_install")
class TestSettlementRules(TransactionCase):
    """The [assumed] money rules (docs/cartona-settlement.md), without the database."""

    def test_cash_order_with_credit_and_wallet_top_up(self):
        s = settle(91.23, supplier_rebate=10, cartona_credit=20, wallet_top_up=15)
        self.assertEqual((s.collect_from_cartona, s.collect_at_door, s.owed_to_cartona),
                         (20.0, 86.23, 15.0))
        self.assertEqual(s.supplier_rebate, 10.0)  # shown: already inside the total

    def test_installment_order_is_paid_by_cartona(self):
        s = settle(100, cartona_credit=10, installment_cost=5)
        self.assertEqual((s.collect_from_cartona, s.collect_at_door), (100.0, 0.0))

    def test_credit_never_above_the_invoice(self):
        s = settle(30, cartona_credit=50)
        self.assertEqual((s.collect_from_cartona, s.collect_at_door), (30.0, 0.0))

    def test_bad_part_names_the_field(self):
        with self.assertRaisesRegex(ElementError, "wallet_top_up"):
            order_parts({"wallet_top_up": "lots"})
        self.assertEqual(order_parts({})["cartona_credit"], 0.0)


def ensure_sales_accounting(env, company):
    """The test database has no chart of accounts when none was loaded at install (16.0
    without a company country): then a sales journal, an income and a receivable account,
    as a chart would give. With a chart (17.0+ here), nothing is created."""
    Journal = env["account.journal"]
    if Journal.search([("type", "=", "sale"), ("company_id", "=", company.id)], limit=1):
        return
    Account = env["account.account"]
    income = Account.create({"name": "Sales (test)", "code": "400900", "account_type": "income"})
    receivable = Account.create({"name": "Receivable (test)", "code": "121900",
                                 "account_type": "asset_receivable", "reconcile": True})
    Journal.create({"name": "Sales (test)", "code": "TSAL", "type": "sale",
                    "default_account_id": income.id, "company_id": company.id})
    env["ir.property"]._set_default("property_account_receivable_id", "res.partner",
                                    receivable, company)


@tagged("post_install", "-at_install")
class TestReturnsInvoices(MarketplaceCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpMarketplace()
        ensure_sales_accounting(cls.env, cls.company)
        Quant = cls.env["stock.quant"]
        for product in (cls.product_a, cls.product_b):
            Quant._update_available_quantity(product, cls.stock_location, 100)

    def states(self, *states):
        return self.api.cartona_apply_order_states(config_id=self.config.id, states=[
            {"hashed_id": h, "status": s} for h, s in states])

    def delivered_order(self, hashed_id, **extra):
        """A Cartona order approved by Cartona and delivered by the warehouse."""
        res = self.import_orders([self.order_payload(hashed_id, **extra)])[0]
        self.assertTrue(res["ok"], res)
        order = self.env["sale.order"].browse(res["sale_order_id"])
        self.states((hashed_id, "approved"))
        order.marketplace_retailer_otp = "123456"  # wallet top-up orders need it
        picking = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        set_quantities_done(picking)
        self.assertIs(picking.button_validate(), True)
        self.assertEqual(picking.state, "done")
        return order, picking

    def money(self, total=91.23):
        return {"total_price": total, "applied_supplier_rebate": 10, "cartona_credit": 20,
                "wallet_top_up": 15, "installment_cost": 0}

    def test_invoice_on_delivery_says_what_the_supplier_collects(self):
        self.config.auto_invoice_delivered = True
        order, _picking = self.delivered_order("INV-1", **self.money())
        self.assertEqual((order.marketplace_supplier_rebate, order.marketplace_cartona_credit,
                          order.marketplace_wallet_top_up), (10, 20, 15))
        invoice = order.invoice_ids
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.state, "draft")  # nothing posted automatically
        self.assertAlmostEqual(invoice.amount_total, 91.23, places=2)
        self.assertEqual(invoice.marketplace_order_id, "INV-1")
        self.assertAlmostEqual(invoice.marketplace_collect_from_cartona, 20.0, places=2)
        self.assertAlmostEqual(invoice.marketplace_collect_at_door, 86.23, places=2)
        self.assertAlmostEqual(invoice.marketplace_owed_to_cartona, 15.0, places=2)

    def test_usual_button_invoice_carries_the_parts(self):
        order, _picking = self.delivered_order("INV-2", **self.money())
        self.assertFalse(order.invoice_ids)  # the configuration does not invoice by itself
        invoice = order._create_invoices()
        self.assertEqual(invoice.state, "draft")
        self.assertAlmostEqual(invoice.marketplace_cartona_credit, 20.0, places=2)
        self.assertAlmostEqual(invoice.marketplace_collect_at_door, 86.23, places=2)

    def test_returned_order_prepares_one_return_and_one_draft_credit_note(self):
        order, picking = self.delivered_order("RET-1", **self.money())
        invoice = order._create_invoices()
        invoice.action_post()
        self.states(("RET-1", "returned"))
        self.assertEqual(order.marketplace_status, "returned")
        returns = order.marketplace_return_picking_ids
        self.assertEqual(len(returns), 1)
        self.assertNotIn(returns.state, ("done", "cancel"))  # prepared, not validated
        self.assertEqual(returns.move_ids.origin_returned_move_id, picking.move_ids)
        self.assertEqual(sorted(returns.move_ids.mapped("product_uom_qty")), [2.0, 5.0])
        refund = order.marketplace_refund_ids
        self.assertEqual(len(refund), 1)
        self.assertEqual((refund.move_type, refund.state), ("out_refund", "draft"))
        self.assertAlmostEqual(refund.amount_total, invoice.amount_total, places=2)
        self.assertEqual(invoice.state, "posted")
        # replayed: the same state again, the order pulled again, a direct write
        self.states(("RET-1", "returned"))
        self.import_orders([self.order_payload("RET-1", status="returned", **self.money())])
        order.write({"marketplace_status": "returned"})
        self.assertEqual(order.marketplace_return_picking_ids, returns)
        self.assertEqual(order.marketplace_refund_ids, refund)
        outgoing_returns = self.env["stock.picking"].search(
            [("move_ids.origin_returned_move_id", "in", picking.move_ids.ids)])
        self.assertEqual(outgoing_returns, returns)
        refunds = self.env["account.move"].search([("reversed_entry_id", "=", invoice.id)])
        self.assertEqual(refunds, refund)

    def test_returned_order_without_invoice_gets_no_credit_note(self):
        order, _picking = self.delivered_order("RET-2")
        self.states(("RET-2", "returned"))
        self.assertEqual(len(order.marketplace_return_picking_ids), 1)
        self.assertFalse(order.marketplace_refund_ids)
        self.assertFalse(order.invoice_ids.filtered(lambda m: m.move_type == "out_refund"))

    def test_line_cancelled_after_delivery_returns_that_line_once(self):
        order, picking = self.delivered_order("RET-3")
        invoice = order._create_invoices()
        invoice.action_post()
        payload = self.order_payload("RET-3")
        payload["order_details"][1]["cancelled"] = True  # the sugar bags came back
        self.import_orders([payload])
        returns = order.marketplace_return_picking_ids
        self.assertEqual(len(returns), 1)
        self.assertEqual(returns.move_ids.product_id, self.product_b)
        self.assertEqual(returns.move_ids.product_uom_qty, 2.0)
        refund = order.marketplace_refund_ids
        self.assertEqual(refund.state, "draft")
        self.assertEqual(refund.invoice_line_ids.product_id, self.product_b)
        self.import_orders([payload])  # pulled again: nothing more
        self.assertEqual(order.marketplace_return_picking_ids, returns)
        self.assertEqual(order.marketplace_refund_ids, refund)
