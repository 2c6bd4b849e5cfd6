# Copyright 2026 n8n-nodes-cartona contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Marketplace Integration (Cartona)",
    "summary": "Cartona marketplace: product/partner/order mapping, batch API for n8n, "
    "transactional outbox, sync log and dashboard",
    "version": "1.0.0",
    "category": "Sales",
    "license": "LGPL-3",
    "author": "n8n-nodes-cartona contributors",
    "website": "https://github.com/n8n-nodes-cartona/n8n-nodes-cartona",
    "depends": ["sale_management", "sale_stock"],
    "external_dependencies": {"python": ["requests"]},
    "data": [
        "security/security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "data/marketplace_data.xml",
        "views/marketplace_supplier_config_views.xml",
        "views/marketplace_sync_log_views.xml",
        "views/marketplace_outbox_views.xml",
        "views/marketplace_dashboard_views.xml",
        "views/product_template_views.xml",
        "views/product_product_views.xml",
        "views/res_partner_views.xml",
        "views/sale_order_views.xml",
        "views/stock_quant_views.xml",
        "views/stock_rule_views.xml",
        "views/marketplace_menus.xml",
    ],
    "installable": True,
    "application": False,
}
