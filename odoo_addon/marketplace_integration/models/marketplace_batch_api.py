"""The batch API the n8n OdooCartona node calls (docs/odoo-batch-api.md): its public methods.

Each method checks the caller and the call as a whole, then hands the elements to the
concern that owns them (``models/batch_api/``); every element gets one result, in its own
savepoint or in a grouped write that falls back to savepoints.
"""
from odoo import _, api, models, release
from odoo.exceptions import AccessError, ValidationError

from . import compat
from ..cartona_rules import MAX_ELEMENTS
from .batch_api.mapping import PARTNER_FINDERS, PRODUCT_FINDERS, CatalogueMapping
from .batch_api.order_import import OrderImport, hold_orders
from .batch_api.order_outbound import OrderOutbound
from .batch_api.order_state import StateReplay
from .batch_api.outbox import OutboxApi
from .batch_api.refusal import RefusalApi
from .batch_api.snapshot import Snapshot
from .batch_api.status_hold import StatusHold
from .batch_api.sync_log import write_sync_log
from .marketplace_outbox import LEASE_SECONDS


class MarketplaceBatchApi(models.Model):
    _inherit = "marketplace.supplier.config"

    # ------------------------------------------------------------ the caller and the call
    @api.model
    def _cartona_check_group(self):
        user = self.env.user
        if not (
            user.has_group("marketplace_integration.group_marketplace_integration")
            or user.has_group("marketplace_integration.group_marketplace_manager")
        ):
            raise AccessError(
                _("Only Marketplace Integration users may call the Cartona batch API.")
            )

    @api.model
    def _cartona_check_caller(self, config_id):
        """The config in sudo, limited to its company, once the caller is checked."""
        user = self.env.user
        self._cartona_check_group()
        if isinstance(config_id, bool) or not isinstance(config_id, int):
            raise ValidationError(_("config_id must be an integer, got %r", config_id))
        config = self.sudo().browse(config_id).exists()
        if not config:
            raise ValidationError(_("Unknown marketplace configuration %s", config_id))
        if config.company_id not in user.sudo().company_ids:
            raise AccessError(
                _("You have no access to the company of configuration %s.", config.name)
            )
        return config.with_company(config.company_id).with_context(
            allowed_company_ids=[config.company_id.id],
            tracking_disable=True,
            mail_create_nosubscribe=True,
            mail_notrack=True,
        )

    @api.model
    def _cartona_check_list(self, value, name):
        if not isinstance(value, list):
            raise ValidationError(_("%s must be a list", name))
        if len(value) > MAX_ELEMENTS:
            raise ValidationError(
                _("Too many elements in %(name)s: %(n)s (at most %(max)s)",
                  name=name, n=len(value), max=MAX_ELEMENTS)
            )
        return value

    def _cartona_call(self, config_id, **lists):
        config = self._cartona_check_caller(config_id)
        for name, value in lists.items():
            if value is not None:
                self._cartona_check_list(value, name)
        return config

    # ------------------------------------------------------------ config
    @api.model
    def cartona_get_config(self, config_id=None, name=None):
        if config_id is None:
            self._cartona_check_group()
            domain = [("name", "=", name)] if name else []
            configs = self.sudo().search(domain)
            if len(configs) != 1:
                raise ValidationError(
                    _("Give config_id: %s active configurations match.", len(configs))
                )
            config_id = configs.id
        config = self._cartona_check_caller(config_id)
        return {
            "id": config.id,
            "name": config.name,
            "company_id": config.company_id.id,
            "internal_supplier_code": config.internal_supplier_code or None,
            "warehouse_ids": config._get_warehouses().ids,
            "pricelist_id": config.pricelist_id.id or None,
            "currency": config.currency_id.name,
            "unknown_product_policy": config.unknown_product_policy,
            "auto_sync_products": config.auto_sync_products,
            "auto_sync_orders": config.auto_sync_orders,
            "sync_frequency": config.sync_frequency,
            "addon_version": self._cartona_addon_version(),
            "odoo_series": compat.SERIES_STR,
        }

    @api.model
    def _cartona_addon_version(self):
        module = self.env["ir.module.module"].sudo().search(
            [("name", "=", "marketplace_integration")], limit=1
        )
        version = module.latest_version or module.installed_version or ""
        prefix = release.major_version + "."
        return version[len(prefix):] if version.startswith(prefix) else version

    # ------------------------------------------------------------ orders
    @api.model
    def cartona_import_orders(self, config_id, orders):
        config = self._cartona_call(config_id, orders=orders)
        if not config.auto_sync_orders:
            return hold_orders(config, orders)
        return OrderImport(config, orders).run()

    @api.model
    def cartona_apply_order_states(self, config_id, states):
        config = self._cartona_call(config_id, states=states)
        return StateReplay(config).apply_states(states)

    @api.model
    def cartona_get_status_changes(self, config_id, limit=100, sale_order_ids=None):
        config = self._cartona_call(config_id, sale_order_ids=sale_order_ids)
        return StatusHold(config).plan(OrderOutbound(config).status_changes(limit, sale_order_ids))

    @api.model
    def cartona_get_details_changes(self, config_id, limit=100, sale_order_ids=None):
        config = self._cartona_call(config_id, sale_order_ids=sale_order_ids)
        return OrderOutbound(config).details_changes(limit, sale_order_ids)

    @api.model
    def cartona_mark_synced(self, config_id, items):
        config = self._cartona_call(config_id, items=items)
        return StatusHold(config).hold_refused_deliveries(
            items, OrderOutbound(config).mark_synced(items))

    # ------------------------------------------------------------ mapping
    @api.model
    def cartona_match_partners(self, config_id, retailers):
        config = self._cartona_call(config_id, retailers=retailers)
        return CatalogueMapping(config).match_partners(retailers)

    @api.model
    def cartona_set_partner_ids(self, config_id, mappings, dry_run=False):
        config = self._cartona_call(config_id, mappings=mappings)
        return CatalogueMapping(config).set_ids("res.partner", mappings, dry_run,
                                                PARTNER_FINDERS, "partner_id")

    @api.model
    def cartona_set_product_ids(self, config_id, mappings, dry_run=False):
        config = self._cartona_call(config_id, mappings=mappings)
        return CatalogueMapping(config).set_ids("product.product", mappings, dry_run,
                                                PRODUCT_FINDERS, "product_id")

    @api.model
    def cartona_resolve_products(self, config_id, cartona_ids):
        config = self._cartona_call(config_id, cartona_ids=cartona_ids)
        return CatalogueMapping(config).resolve_products(cartona_ids)

    # ------------------------------------------------------------ snapshots
    @api.model
    def cartona_stock_snapshot(self, config_id, product_ids=None, offset=0, limit=2000,
                               after_id=None, until_id=None):
        config = self._cartona_call(config_id, product_ids=product_ids)
        return Snapshot(config).stock(product_ids, offset, limit, after_id, until_id)

    @api.model
    def cartona_price_snapshot(self, config_id, product_ids=None, offset=0, limit=2000,
                               after_id=None, until_id=None):
        config = self._cartona_call(config_id, product_ids=product_ids)
        return Snapshot(config).price(product_ids, offset, limit, after_id, until_id)

    @api.model
    def cartona_snapshot_pages(self, config_id, limit=2000):
        config = self._cartona_call(config_id)
        return Snapshot(config).pages(limit)

    # ------------------------------------------------------------ outbox and sync log
    @api.model
    def cartona_outbox_claim(self, config_id, kinds=None, limit=500, lease_seconds=LEASE_SECONDS):
        config = self._cartona_call(config_id, kinds=kinds)
        return OutboxApi(config).claim(kinds, limit, lease_seconds)

    @api.model
    def cartona_outbox_ack(self, config_id, entries):
        config = self._cartona_call(config_id, entries=entries)
        return OutboxApi(config).ack(entries)

    @api.model
    def cartona_record_refusals(self, config_id, refusals):
        config = self._cartona_call(config_id, refusals=refusals)
        return RefusalApi(config).record(refusals)

    @api.model
    def cartona_write_sync_log(self, config_id, entries):
        config = self._cartona_call(config_id, entries=entries)
        return write_sync_log(config, entries)
