"""Arabic: the addon's own terms (i18n/ar.po) load with the language and reach the screens a
supplier's staff use: the configuration form, the sale order, the overview, the messages."""
from lxml import etree

from odoo.tests.common import TransactionCase, tagged

from .common import MarketplaceCase

LANG = "ar_001"


@tagged("post_install", "-at_install")
class TestArabic(MarketplaceCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpMarketplace()
        lang = cls.env["res.lang"]._activate_lang(LANG)
        cls.env["ir.module.module"]._load_module_terms(["marketplace_integration"], [LANG],
                                                       overwrite=True)
        cls.lang = lang
        cls.ar = cls.env(context=dict(cls.env.context, lang=LANG))

    def form(self, model):
        views = self.ar[model].get_views([(False, "form")])
        return etree.fromstring(views["views"]["form"]["arch"]), views["models"]

    def label(self, model, field):
        return self.ar[model].fields_get([field])[field]["string"]

    def test_language_is_right_to_left(self):
        self.assertEqual(self.lang.direction, "rtl")

    def test_config_form_in_arabic(self):
        self.assertEqual(self.label("marketplace.supplier.config", "api_endpoint"), "عنوان n8n الأساسي")
        self.assertEqual(self.label("marketplace.supplier.config", "connection_status"), "الاتصال")
        selection = dict(self.ar["marketplace.supplier.config"].fields_get(
            ["connection_status"])["connection_status"]["selection"])
        self.assertEqual(selection["ok"], "متصل")
        arch, _models = self.form("marketplace.supplier.config")
        button = arch.xpath("//button[@name='test_connection']")[0]
        self.assertEqual(button.get("string"), "اختبار الاتصال")
        groups = {g.get("string") for g in arch.xpath("//group[@string]")}
        self.assertIn("اتصال n8n", groups)

    def test_sale_order_in_arabic(self):
        self.assertEqual(self.label("sale.order", "marketplace_order_id"), "رقم طلب كرتونة")
        arch, _models = self.form("sale.order")
        group = arch.xpath("//group[@name='marketplace_info']")[0]
        self.assertEqual(group.get("string"), "كرتونة")
        button = arch.xpath("//button[@name='update_marketplace_status']")[0]
        self.assertEqual(button.get("string"), "تحديث الحالة")

    def test_messages_and_menus_in_arabic(self):
        self.config.api_endpoint = "http://127.0.0.1:1"
        action = self.config.with_context(lang=LANG).test_connection()
        self.assertIn("لم يرد n8n", action["params"]["message"])
        menu = self.env.ref("marketplace_integration.marketplace_dashboard_menu").with_context(lang=LANG)
        self.assertEqual(menu.name, "نظرة عامة على كرتونة")

    def test_every_term_translated(self):
        """No empty msgstr: a term added without its translation shows in English."""
        import os

        import polib

        path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "i18n", "ar.po")
        untranslated = [e.msgid for e in polib.pofile(path) if not e.msgstr and not e.obsolete]
        self.assertEqual(untranslated, [])
