"""The batch API the n8n OdooCartona node calls (docs/odoo-batch-api.md).

Every public method: one call per batch, one result per element, each element in
its own savepoint, errors naming the element and the field.
"""
import json
import logging
import math
import re
import time

import psycopg2

from odoo import _, api, fields, models, release
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_round

from ..exceptions import ElementError, RetryableElementError
from . import compat
from .marketplace_outbox import KINDS, MAX_ATTEMPTS
from .sale_order import MARKETPLACE_STATES

_logger = logging.getLogger(__name__)

MAX_ELEMENTS = 5000
MAX_LINES = 500
MAX_AMOUNT = 1e6
MAX_PRICE = 1e9
MAX_SNAPSHOT_LIMIT = 5000
STATE_CODES = {s for s, _label in MARKETPLACE_STATES}
CANCEL_STATES = {"cancelled_by_retailer", "cancelled_by_supplier"}
CONFIRM_STATES = {"approved", "assigned_to_salesman", "delivered", "returned"}


def _number(value, field, minimum=0.0, maximum=MAX_AMOUNT):
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ElementError(field, '"%s" must be a number' % field)
    try:
        number = float(value)
    except ValueError:
        raise ElementError(field, '"%s" must be a number, got %r' % (field, value)) from None
    if math.isnan(number) or math.isinf(number):
        raise ElementError(field, '"%s" must be a finite number' % field)
    if number < minimum:
        raise ElementError(field, '"%s" must not be negative (got %s)' % (field, value))
    if number > maximum:
        raise ElementError(field, '"%s" is absurdly large (got %s)' % (field, value))
    return number


def _key(value, field, required=True, max_len=64):
    if value is None or value == "":
        if required:
            raise ElementError(field, '"%s" is required' % field)
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ElementError(field, '"%s" must be a string' % field)
    value = str(value).strip()
    if not value or len(value) > max_len:
        raise ElementError(field, '"%s" must be 1 to %s characters' % (field, max_len))
    return value


def normalise_phone(phone):
    """Digits of an Egyptian/international number in a stable local form
    (+20 100 315 0160, 0020..., 01003150160 -> 1003150160)."""
    digits = re.sub(r"\D", "", str(phone or ""))
    if digits.startswith("00"):
        digits = digits[2:]
    if digits.startswith("20") and len(digits) == 12:
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = digits.lstrip("0")
    return digits


def retailer_key(retailer):
    """The partner's cartona_id for a retailer: retailer_<code>, or a stable phone key."""
    code = retailer.get("retailer_code")
    if code not in (None, ""):
        return "retailer_" + _key(code, "retailer.retailer_code")
    for field in ("retailer_number", "retailer_number2"):
        digits = normalise_phone(retailer.get(field))
        if len(digits) >= 6:
            return "retailer_phone_" + digits
    raise ElementError(
        "retailer.retailer_code", '"retailer.retailer_code" or a retailer phone number is required'
    )


class MarketplaceBatchApi(models.Model):
    _inherit = "marketplace.supplier.config"

    # ------------------------------------------------------------ framework
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

    def _cartona_run(self, elements, label, key_field, handler, indices=None, on_conflict=None,
                     on_error=None):
        """Run handler(element, index) for each element in its own savepoint.

        ``on_conflict(element, index)`` may turn a unique violation (a concurrent import)
        into a result; ``on_error()`` runs after any failed element (cache cleanup)."""
        results = []
        for position, element in enumerate(elements):
            index = indices[position] if indices is not None else position
            key = element.get(key_field) if isinstance(element, dict) else None
            try:
                with self.env.cr.savepoint():
                    if not isinstance(element, dict):
                        raise ElementError("element", '"element" must be an object')
                    result = handler(element, index)
                    # Flush here, as the superuser: leaving the savepoint would flush with the
                    # transaction's first environment, the caller's, whose least-privilege
                    # group cannot read e.g. sale.order.line (seen on a real 17.0 server).
                    self.env.flush_all()
                result.update({"index": index, "ok": True})
                if key_field not in result:
                    result[key_field] = key
                results.append(result)
            except ElementError as exc:
                results.append(self._cartona_error(index, label, key_field, key, exc.field,
                                                   exc.message, exc.retryable))
            except (UserError, ValidationError, AccessError) as exc:
                if isinstance(exc, AccessError):
                    # the batch methods run as superuser after the group check: an access error
                    # here is a defect of ours, so keep its traceback for the administrator
                    _logger.warning("%s %s: access error", label, index, exc_info=True)
                results.append(self._cartona_error(index, label, key_field, key, key_field,
                                                   str(exc.args[0] if exc.args else exc), False))
            except psycopg2.Error as exc:
                if on_error:
                    on_error()
                if on_conflict and isinstance(exc, psycopg2.errors.UniqueViolation):
                    try:
                        result = on_conflict(element, index)
                        result.update({"index": index, "ok": True})
                        results.append(result)
                        continue
                    except ElementError as conflict:
                        results.append(self._cartona_error(
                            index, label, key_field, key, conflict.field, conflict.message,
                            conflict.retryable))
                        continue
                results.append(self._cartona_error(index, label, key_field, key, key_field,
                                                   (exc.pgerror or str(exc)).strip(), True))
                continue
            except Exception:
                if on_error:
                    on_error()
                raise
            if on_error and not results[-1]["ok"]:
                on_error()
        return results

    @api.model
    def _cartona_error(self, index, label, key_field, key, field, message, retryable):
        key_text = "%s %s" % (key_field, key) if key not in (None, "") else "%s missing" % key_field
        return {
            "index": index,
            "ok": False,
            "status": "error",
            key_field: key,
            "field": field,
            "retryable": retryable,
            "error": '%s %s (%s): %s' % (label, index, key_text, message),
        }

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
    def _cartona_validate_order(self, order):
        hashed_id = _key(order.get("hashed_id"), "hashed_id")
        status = order.get("status")
        if status is not None and status not in STATE_CODES:
            raise ElementError("status", '"status" %r is not a Cartona order state' % (status,))
        retailer = order.get("retailer")
        if not isinstance(retailer, dict):
            raise ElementError("retailer", '"retailer" is required and must be an object')
        details = order.get("order_details")
        if not isinstance(details, list):
            raise ElementError("order_details", '"order_details" must be a list')
        if len(details) > MAX_LINES:
            raise ElementError(
                "order_details", '"order_details" has %s lines (at most %s)' % (len(details), MAX_LINES)
            )
        lines = []
        seen = set()
        for i, line in enumerate(details):
            prefix = "order_details[%s]" % i
            if not isinstance(line, dict):
                raise ElementError(prefix, '"%s" must be an object' % prefix)
            line_id = _key(line.get("id"), prefix + ".id")
            if line_id in seen:
                raise ElementError(prefix + ".id", '"%s.id" %s appears twice' % (prefix, line_id))
            seen.add(line_id)
            lines.append(
                {
                    "id": line_id,
                    "internal_product_id": _key(
                        line.get("internal_product_id"), prefix + ".internal_product_id",
                        required=False,
                    ),
                    "amount": _number(line.get("amount"), prefix + ".amount"),
                    "price": _number(line.get("selling_price"), prefix + ".selling_price",
                                     maximum=MAX_PRICE),
                    "name": str(line.get("product_name") or "")[:256],
                    "cancelled": bool(line.get("cancelled")),
                }
            )
        total = order.get("total_price")
        total = None if total is None else _number(total, "total_price", maximum=MAX_PRICE * 100)
        return hashed_id, status, retailer, lines, total

    @api.model
    def cartona_import_orders(self, config_id, orders):
        config = self._cartona_check_caller(config_id)
        self._cartona_check_list(orders, "orders")
        if not config.auto_sync_orders:
            return config._cartona_hold_orders(orders)
        SaleOrder = config.env["sale.order"]
        hashed_ids = [
            str(o["hashed_id"]) for o in orders
            if isinstance(o, dict) and isinstance(o.get("hashed_id"), (str, int))
            and not isinstance(o.get("hashed_id"), bool)
        ]
        existing = {
            o.marketplace_order_id: o
            for o in SaleOrder.search(
                [("company_id", "=", config.company_id.id),
                 ("marketplace_order_id", "in", hashed_ids)]
            )
        }
        codes = []
        for o in orders:
            if isinstance(o, dict) and isinstance(o.get("retailer"), dict):
                try:
                    codes.append(retailer_key(o["retailer"]))
                except ElementError:
                    pass
        partner_cache = config._cartona_find_partners(codes)
        product_cache = config._cartona_find_products(
            {
                str(line.get("internal_product_id"))
                for o in orders if isinstance(o, dict) and isinstance(o.get("order_details"), list)
                for line in o["order_details"]
                if isinstance(line, dict) and line.get("internal_product_id") not in (None, "")
            }
        )
        ctx = {"partner_cache": partner_cache, "product_cache": product_cache,
               "existing": existing, "log": [], "known_partners": set(partner_cache)}

        fast = config._cartona_import_fast(orders, ctx)
        rest = [i for i in range(len(orders)) if i not in fast]

        def handler(order, index):
            ctx["known_partners"] = set(ctx["partner_cache"])
            return config._cartona_import_one(order, index, ctx)

        def on_error():
            # the element's savepoint was rolled back: forget partners created in it
            for key in set(ctx["partner_cache"]) - ctx["known_partners"]:
                del ctx["partner_cache"][key]

        def on_conflict(order, index):
            return config._cartona_import_conflict(order, ctx)

        slow = config._cartona_run([orders[i] for i in rest], "Order", "hashed_id", handler,
                                   indices=rest, on_conflict=on_conflict, on_error=on_error)
        by_index = dict(fast)
        by_index.update({r["index"]: r for r in slow})
        results = [by_index[i] for i in range(len(orders))]
        log_vals = ctx["log"]
        for result in results:
            if not result["ok"]:
                log_vals.append({"state": "error", "message": result["error"],
                                 "record_ref": result.get("hashed_id") and str(result["hashed_id"])})
        if log_vals:
            config.env["marketplace.sync.log"].sudo().create(
                [dict(v, config_id=config.id, kind="order", direction="inbound") for v in log_vals]
            )
        return results

    def _cartona_hold_orders(self, orders):
        """Orders are off (``auto_sync_orders``): import nothing and answer ``held`` (ok, not
        acknowledged by the templates, so Cartona keeps the orders for the next pull), with
        one sync-log warning per call instead of one per order."""
        results = [
            {"index": index, "ok": True, "status": "held",
             "hashed_id": order.get("hashed_id") if isinstance(order, dict) else None}
            for index, order in enumerate(orders)
        ]
        if results:
            self.env["marketplace.sync.log"].sudo().create({
                "config_id": self.id,
                "kind": "order",
                "direction": "inbound",
                "state": "warning",
                "message": _(
                    "Orders are off on %(config)s (Auto Sync Orders): %(count)s Cartona order(s) "
                    "held, not imported and not acknowledged; Cartona sends them again once "
                    "orders are turned back on.",
                    config=self.name, count=len(results),
                ),
            })
        return results

    def _cartona_find_partners(self, keys):
        if not keys:
            return {}
        partners = self.env["res.partner"].sudo().with_context(active_test=False).search(
            [("cartona_id", "in", list(set(keys))),
             ("company_id", "in", [False, self.company_id.id])],
            order="company_id",
        )
        cache = {}
        for partner in partners:
            if partner.cartona_id not in cache or partner.company_id:
                cache[partner.cartona_id] = partner
        return cache

    def _cartona_find_products(self, cartona_ids):
        """{cartona_id: product.product}: variant cartona_id first, then template's."""
        if not cartona_ids:
            return {}
        cartona_ids = list(cartona_ids)
        company_domain = [("company_id", "in", [False, self.company_id.id])]
        cache = {}
        for product in self.env["product.product"].sudo().search(
            [("cartona_id", "in", cartona_ids)] + company_domain, order="id"
        ):
            cache.setdefault(product.cartona_id, product)
        missing = [c for c in cartona_ids if c not in cache]
        if missing:
            for template in self.env["product.template"].sudo().search(
                [("cartona_id", "in", missing)] + company_domain, order="id"
            ):
                if template.product_variant_ids:
                    cache.setdefault(template.cartona_id, template.product_variant_ids[0])
        return cache

    def _cartona_partner(self, retailer, ctx):
        key = retailer_key(retailer)
        partner = ctx["partner_cache"].get(key)
        if partner:
            return partner, False
        partner = self.env["res.partner"].sudo().create(self._cartona_partner_vals(retailer, key))
        ctx["partner_cache"][key] = partner
        return partner, True

    def _cartona_partner_vals(self, retailer, key):
        name = str(retailer.get("retailer_name") or "").strip()[:256] or _(
            "Cartona retailer %s", key[len("retailer_"):]
        )
        vals = {
            "name": name,
            "cartona_id": key,
            "company_id": self.company_id.id,
            "street": str(retailer.get("retailer_address") or "")[:256] or False,
            "comment": str(retailer.get("address_notes") or "")[:2000] or False,
            "customer_rank": 1,
            "marketplace_customer_type": "b2b",
            "marketplace_sync_status": "synced",
            "last_customer_sync_date": fields.Datetime.now(),
        }
        vals.update(compat.partner_phone_vals(retailer.get("retailer_number"),
                                              retailer.get("retailer_number2")))
        return vals

    def _cartona_line_vals(self, line, hashed_id, ctx, warnings):
        tax_field = compat.order_line_tax_field()
        product = ctx["product_cache"].get(line["internal_product_id"] or "")
        kind = "product"
        name = False
        if not product:
            if self.unknown_product_policy == "refuse":
                raise ElementError(
                    "order_details.internal_product_id",
                    "line %s: unknown internal_product_id %r (the configuration refuses orders "
                    "with unmapped products)" % (line["id"], line["internal_product_id"]),
                )
            product = self._get_placeholder_product()
            kind = "placeholder"
            name = _("[Cartona %(pid)s] %(name)s (product not mapped)",
                     pid=line["internal_product_id"], name=line["name"])
            warnings.append(
                "Order %s line %s: unknown internal_product_id %r placed on the placeholder product"
                % (hashed_id, line["id"], line["internal_product_id"])
            )
        vals = {
            "product_id": product.id,
            "product_uom_qty": line["amount"],
            "price_unit": line["price"],
            "discount": 0.0,
            tax_field: [(6, 0, [])],
            "marketplace_line_id": line["id"],
            "marketplace_line_kind": kind,
            "marketplace_internal_product_id": line["internal_product_id"],
            "marketplace_amount": line["amount"],
            "marketplace_price": line["price"],
        }
        if name:
            vals["name"] = name
        return vals

    def _cartona_import_one(self, order, index, ctx):
        """Slow path: one order in its own savepoint (see _cartona_run)."""
        hashed_id, status, retailer, lines, total = self._cartona_validate_order(order)
        warnings = []
        sale = ctx["existing"].get(hashed_id)
        if sale:
            return self._cartona_update_one(sale, order, status, lines, total, ctx, warnings)
        key = retailer_key(retailer)
        if key not in ctx["partner_cache"]:
            self._cartona_partner(retailer, ctx)
        vals, live = self._cartona_new_order_vals(order, hashed_id, status, retailer, lines, ctx,
                                                  warnings)
        sale = self.env["sale.order"].sudo().with_context(marketplace_no_outbox=True).create(vals)
        return self._cartona_created(sale, order, status, total, live, ctx, warnings)

    def _cartona_import_fast(self, orders, ctx):
        """Fast path: every valid new order of the batch in one savepoint and one create.

        Elements that fail validation, already exist, repeat a hashed_id or fall under the
        refuse policy are left to the slow path; if the batch as a whole fails (e.g. a
        concurrent import), it is rolled back and every element goes the slow path.
        Returns {index: result}."""
        candidates, seen = [], set()
        for index, order in enumerate(orders):
            if not isinstance(order, dict):
                continue
            try:
                hashed_id, status, retailer, lines, total = self._cartona_validate_order(order)
                key = retailer_key(retailer)
                self._cartona_requires_otp(order)
            except ElementError:
                continue
            if hashed_id in ctx["existing"] or hashed_id in seen:
                continue
            seen.add(hashed_id)
            if self.unknown_product_policy == "refuse" and any(
                (l["internal_product_id"] or "") not in ctx["product_cache"]
                for l in lines if not l["cancelled"]
            ):
                continue
            candidates.append((index, order, hashed_id, status, retailer, lines, total, key))
        if not candidates:
            return {}
        known = set(ctx["partner_cache"])
        done = []
        try:
            with self.env.cr.savepoint():
                missing = {}
                for _i, _o, _h, _s, retailer, _l, _t, key in candidates:
                    if key not in ctx["partner_cache"] and key not in missing:
                        missing[key] = self._cartona_partner_vals(retailer, key)
                if missing:
                    partners = self.env["res.partner"].sudo().create(list(missing.values()))
                    ctx["partner_cache"].update(zip(missing, partners))
                vals_list, prepared = [], []
                for index, order, hashed_id, status, retailer, lines, total, _key in candidates:
                    warnings = []
                    vals, live = self._cartona_new_order_vals(
                        order, hashed_id, status, retailer, lines, ctx, warnings)
                    vals_list.append(vals)
                    prepared.append((index, order, status, total, live, warnings))
                sales = self.env["sale.order"].sudo().with_context(
                    marketplace_no_outbox=True).create(vals_list)
                log_mark = len(ctx["log"])
                for sale, (index, order, status, total, live, warnings) in zip(sales, prepared):
                    done.append((index, self._cartona_created(sale, order, status, total, live,
                                                              ctx, warnings)))
                self.env.flush_all()  # as the superuser, see _cartona_run
        except (psycopg2.Error, ElementError, UserError, ValidationError) as exc:
            _logger.info("Cartona import: batch path failed (%s), importing one by one", exc)
            for key in set(ctx["partner_cache"]) - known:
                del ctx["partner_cache"][key]
            for _index, _order, hashed_id, *_rest in candidates:
                ctx["existing"].pop(hashed_id, None)
            if done:
                del ctx["log"][log_mark:]
            return {}
        return {index: dict(result, index=index, ok=True) for index, result in done}

    @api.model
    def _cartona_requires_otp(self, order):
        return bool(
            _number(order.get("installment_cost") or 0, "installment_cost", maximum=MAX_PRICE)
            or _number(order.get("wallet_top_up") or 0, "wallet_top_up", maximum=MAX_PRICE)
        )

    def _cartona_new_order_vals(self, order, hashed_id, status, retailer, lines, ctx, warnings):
        partner = ctx["partner_cache"][retailer_key(retailer)]
        live = [line for line in lines if not line["cancelled"]]
        vals = {
            "partner_id": partner.id,
            "company_id": self.company_id.id,
            "marketplace_order_id": hashed_id,
            "marketplace_config_id": self.id,
            "marketplace_status": "pending",
            "marketplace_sync_date": fields.Datetime.now(),
            "marketplace_requires_otp": self._cartona_requires_otp(order),
            "client_order_ref": str(order.get("receipt_id") or hashed_id)[:64],
            "order_line": [(0, 0, self._cartona_line_vals(line, hashed_id, ctx, warnings))
                           for line in live],
        }
        if self.pricelist_id:
            vals["pricelist_id"] = self.pricelist_id.id
        warehouses = self._get_warehouses()
        if "warehouse_id" in self.env["sale.order"]._fields and warehouses:
            vals["warehouse_id"] = warehouses[0].id
        if order.get("note_message"):
            vals["note"] = str(order["note_message"])[:2000]
        return vals, live

    def _cartona_created(self, sale, order, status, total, live, ctx, warnings):
        self._cartona_adjust_total(sale, total, warnings)
        if status and status != "pending":
            self._cartona_apply_state(sale, status, order)
        if warnings:
            ctx["log"].append({"state": "warning", "message": "; ".join(warnings),
                               "record_ref": sale.marketplace_order_id})
        ctx["existing"][sale.marketplace_order_id] = sale
        return {
            "hashed_id": sale.marketplace_order_id, "status": "created", "sale_order_id": sale.id,
            "sale_order_name": sale.name, "partner_id": sale.partner_id.id,
            "warnings": warnings, "lines": len(live),
        }

    def _cartona_import_conflict(self, order, ctx):
        """A unique violation while creating: another transaction imported this order (or
        created its retailer) at the same time. Our snapshot cannot see it: look with a
        fresh cursor."""
        hashed_id = _key(order.get("hashed_id"), "hashed_id")
        with self.env.registry.cursor() as cr:
            cr.execute(
                "SELECT id, name, partner_id FROM sale_order "
                "WHERE company_id = %s AND marketplace_order_id = %s",
                (self.company_id.id, hashed_id),
            )
            row = cr.fetchone()
        if row:
            return {
                "hashed_id": hashed_id, "status": "existing", "sale_order_id": row[0],
                "sale_order_name": row[1], "partner_id": row[2],
                "warnings": ["already imported (by a concurrent call)"],
                "lines": len([l for l in order.get("order_details") or []
                              if isinstance(l, dict) and not l.get("cancelled")]),
            }
        raise RetryableElementError(
            "retailer", "the retailer was created by a concurrent call; send the order again")

    def _cartona_adjust_total(self, sale, total, warnings):
        """Make amount_total equal Cartona's total_price to the cent (rebates, credits)."""
        if total is None:
            return
        currency = sale.currency_id
        adjustment = sale.order_line.filtered(lambda l: l.marketplace_line_kind == "adjustment")
        base = sum((sale.order_line - adjustment).mapped("price_total"))
        delta = currency.round(total - base)
        if currency.is_zero(delta):
            if adjustment:
                adjustment.with_context(marketplace_no_outbox=True).unlink()
            return
        vals = {"product_uom_qty": 1, "price_unit": delta}
        if adjustment:
            adjustment.with_context(marketplace_no_outbox=True).write(vals)
        else:
            product = self._get_adjustment_product()
            vals.update({
                "order_id": sale.id, "product_id": product.id,
                "marketplace_line_kind": "adjustment",
                compat.order_line_tax_field(): [(6, 0, [])],
                "name": _("Cartona total adjustment (rebate, credit, fees)"),
            })
            self.env["sale.order.line"].sudo().with_context(marketplace_no_outbox=True).create(vals)
        warnings.append("total_price %s differs from the lines (%s): adjustment line of %s"
                        % (total, base, delta))

    def _cartona_update_one(self, sale, order, status, lines, total, ctx, warnings):
        changed = False
        Line = self.env["sale.order.line"].sudo().with_context(marketplace_no_outbox=True)
        sale = sale.with_context(marketplace_no_outbox=True)
        if sale.marketplace_details_pending:
            warnings.append("Odoo line changes are waiting to be sent: Cartona lines not applied")
        elif sale.state in ("draft", "sent"):
            by_id = {l.marketplace_line_id: l for l in sale.order_line if l.marketplace_line_id}
            for line in lines:
                current = by_id.pop(line["id"], None)
                if line["cancelled"]:
                    if current:
                        current.unlink()
                        changed = True
                    continue
                if current:
                    if (round(current.product_uom_qty - line["amount"], 6)
                            or round(current.price_unit - line["price"], 6)):
                        current.write({
                            "product_uom_qty": line["amount"], "price_unit": line["price"],
                            "marketplace_amount": line["amount"], "marketplace_price": line["price"],
                        })
                        changed = True
                    continue
                vals = self._cartona_line_vals(line, sale.marketplace_order_id, ctx, warnings)
                adopt = sale.order_line.filtered(
                    lambda l: not l.marketplace_line_id and not l.display_type
                    and l.marketplace_line_kind != "adjustment"
                    and l.product_id.id == vals["product_id"]
                )[:1]
                if adopt:
                    adopt.write(vals)
                else:
                    Line.create(dict(vals, order_id=sale.id))
                changed = True
            for gone in by_id.values():
                gone.unlink()
                changed = True
            before = sale.amount_total
            self._cartona_adjust_total(sale, total, [])
            changed = changed or before != sale.amount_total
        elif any(l["id"] not in sale.order_line.mapped("marketplace_line_id") for l in lines):
            warnings.append("order is confirmed in Odoo: new Cartona lines were not added")
        if status and status != sale.marketplace_status:
            self._cartona_apply_state(sale, status, order)
            changed = True
        if changed:
            sale.write({"marketplace_sync_date": fields.Datetime.now()})
        return {
            "hashed_id": sale.marketplace_order_id,
            "status": "updated" if changed else "existing",
            "sale_order_id": sale.id, "sale_order_name": sale.name,
            "partner_id": sale.partner_id.id, "warnings": warnings,
            "lines": len(sale.order_line.filtered("marketplace_line_id")),
        }

    # ------------------------------------------------------------ state replay
    def _cartona_apply_state(self, sale, status, element):
        """Cartona state -> Odoo order (documented in readme/USAGE.md)."""
        if not status:
            return False
        sale = sale.with_context(marketplace_no_outbox=True)
        vals = {"marketplace_status": status}
        if status in CANCEL_STATES:
            if sale.state != "cancel":
                if "picking_ids" in sale._fields and any(
                    p.state == "done" and p.picking_type_code == "outgoing" for p in sale.picking_ids
                ):
                    raise ElementError(
                        "status", "cannot cancel %s: goods were already delivered" % sale.name
                    )
                sale.with_context(disable_cancel_warning=True).action_cancel()
            reason = element.get("cancellation_reason")
            if reason:
                vals["marketplace_cancellation_reason"] = (
                    reason if reason in dict(sale._fields["marketplace_cancellation_reason"].selection)
                    else False
                )
        elif status in CONFIRM_STATES:
            if sale.state in ("draft", "sent"):
                sale.action_confirm()
            elif sale.state == "cancel":
                raise ElementError(
                    "status", "%s is cancelled in Odoo and cannot become %s" % (sale.name, status)
                )
        if element.get("delivery_day"):
            try:
                vals["marketplace_delivery_day"] = fields.Date.to_date(
                    str(element["delivery_day"])[:10])
            except ValueError:
                raise ElementError("delivery_day", '"delivery_day" is not a date') from None
        sale.write(vals)
        return True

    @api.model
    def cartona_apply_order_states(self, config_id, states):
        config = self._cartona_check_caller(config_id)
        self._cartona_check_list(states, "states")
        SaleOrder = config.env["sale.order"].sudo()

        def handler(element, index):
            hashed_id = _key(element.get("hashed_id"), "hashed_id")
            status = element.get("status")
            if status not in STATE_CODES:
                raise ElementError("status", '"status" %r is not a Cartona order state' % (status,))
            sale = SaleOrder.search([("company_id", "=", config.company_id.id),
                                     ("marketplace_order_id", "=", hashed_id)], limit=1)
            if not sale:
                return {"hashed_id": hashed_id, "status": "not_found", "sale_order_id": None,
                        "marketplace_status": None}
            if sale.marketplace_status == status:
                return {"hashed_id": hashed_id, "status": "unchanged", "sale_order_id": sale.id,
                        "marketplace_status": status}
            config._cartona_apply_state(sale, status, element)
            return {"hashed_id": hashed_id, "status": "applied", "sale_order_id": sale.id,
                    "marketplace_status": sale.marketplace_status}

        return config._cartona_run(states, "State", "hashed_id", handler)

    # ------------------------------------------------------------ outbound orders
    def _cartona_pending_orders(self, flag, limit, sale_order_ids):
        domain = [("marketplace_config_id", "=", self.id), (flag, "=", True)]
        if sale_order_ids is not None:
            self._cartona_check_list(sale_order_ids, "sale_order_ids")
            domain.append(("id", "in", sale_order_ids))
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise ValidationError(_("limit must be a positive integer"))
        return self.env["sale.order"].sudo().search(domain, limit=min(limit, MAX_ELEMENTS),
                                                    order="id")

    @api.model
    def cartona_get_status_changes(self, config_id, limit=100, sale_order_ids=None):
        config = self._cartona_check_caller(config_id)
        orders = config._cartona_pending_orders("marketplace_status_pending", limit, sale_order_ids)
        return [item for item in (o._marketplace_status_item() for o in orders) if item["status"]]

    @api.model
    def cartona_get_details_changes(self, config_id, limit=100, sale_order_ids=None):
        config = self._cartona_check_caller(config_id)
        orders = config._cartona_pending_orders("marketplace_details_pending", limit, sale_order_ids)
        return [o._marketplace_details_item() for o in orders]

    @api.model
    def cartona_mark_synced(self, config_id, items):
        config = self._cartona_check_caller(config_id)
        self._cartona_check_list(items, "items")
        SaleOrder = config.env["sale.order"].sudo().with_context(marketplace_no_outbox=True)
        logs = []

        def handler(item, index):
            kind = item.get("kind")
            if kind not in ("status", "details"):
                raise ElementError("kind", '"kind" must be "status" or "details"')
            if item.get("sale_order_id"):
                sale = SaleOrder.browse(int(item["sale_order_id"])).exists()
            else:
                hashed_id = _key(item.get("hashed_id"), "hashed_id")
                sale = SaleOrder.search([("company_id", "=", config.company_id.id),
                                         ("marketplace_order_id", "=", hashed_id)], limit=1)
            if not sale or sale.marketplace_config_id != config:
                raise ElementError("sale_order_id", "order not found for this configuration")
            ok = item.get("ok")
            if not isinstance(ok, bool):
                raise ElementError("ok", '"ok" must be true or false')
            if ok:
                vals = {"marketplace_sync_date": fields.Datetime.now(),
                        "marketplace_sync_error": False}
                if kind == "status":
                    vals["marketplace_status_pending"] = False
                    pushed = item.get("status") or sale.marketplace_push_status
                    if pushed in STATE_CODES:
                        vals["marketplace_status"] = pushed
                else:
                    vals["marketplace_details_pending"] = False
                    vals["marketplace_cancelled_line_ids"] = False
                    for line in sale.order_line.filtered("marketplace_line_id"):
                        line.with_context(marketplace_no_outbox=True).write({
                            "marketplace_amount": line.product_uom_qty,
                            "marketplace_price": line.price_unit,
                        })
                sale.write(vals)
            else:
                error = str(item.get("error") or "unknown error")[:500]
                sale.write({"marketplace_sync_error": error})
                logs.append({"config_id": config.id, "kind": "order_" + kind,
                             "direction": "outbound", "state": "error",
                             "record_ref": sale.marketplace_order_id,
                             "message": "%s: %s" % (sale.name, error)})
            return {"sale_order_id": sale.id, "hashed_id": sale.marketplace_order_id,
                    "status": "synced" if ok else "kept_pending"}

        results = config._cartona_run(items, "Item", "hashed_id", handler)
        if logs:
            config.env["marketplace.sync.log"].sudo().create(logs)
        return results

    # ------------------------------------------------------------ mapping
    @api.model
    def cartona_match_partners(self, config_id, retailers):
        config = self._cartona_check_caller(config_id)
        self._cartona_check_list(retailers, "retailers")
        keys = []
        for r in retailers:
            try:
                keys.append(retailer_key(r) if isinstance(r, dict) else None)
            except ElementError:
                pass
        ctx = {"partner_cache": config._cartona_find_partners([k for k in keys if k])}

        def handler(retailer, index):
            partner, created = config._cartona_partner(retailer, ctx)
            return {"cartona_id": partner.cartona_id, "partner_id": partner.id,
                    "status": "created" if created else "matched"}

        return config._cartona_run(retailers, "Retailer", "cartona_id", handler)

    def _cartona_set_ids(self, model, mappings, dry_run, finders):
        Model = self.env[model].sudo().with_context(active_test=False, marketplace_no_outbox=dry_run)
        company_domain = [("company_id", "in", [False, self.company_id.id])]

        def handler(mapping, index):
            cartona_id = _key(mapping.get("cartona_id"), "cartona_id", max_len=128)
            record = Model.browse()
            for field, normalise in finders:
                value = mapping.get(field)
                if value in (None, "", False):
                    continue
                if field in ("partner_id", "product_id"):
                    if isinstance(value, bool) or not isinstance(value, int):
                        raise ElementError(field, '"%s" must be an integer' % field)
                    record = Model.search([("id", "=", value)] + company_domain)
                elif normalise:
                    digits = normalise(value)
                    if len(digits) < 6:
                        raise ElementError(field, '"%s" is not a phone number' % field)
                    Model.flush_model([field])
                    self.env.cr.execute(
                        "SELECT id FROM res_partner "
                        "WHERE regexp_replace(phone, '[^0-9]', '', 'g') LIKE %s",
                        ("%" + digits,),
                    )
                    candidates = Model.browse([r[0] for r in self.env.cr.fetchall()]).filtered_domain(
                        company_domain)
                    record = candidates.filtered(lambda r, f=field: normalise(r[f]) == digits)
                else:
                    record = Model.search([(field, "=", str(value))] + company_domain)
                if record:
                    break
            if not record:
                return {"cartona_id": cartona_id, "status": "unknown", "record_id": None}
            if len(record) > 1:
                raise ElementError("mapping", "%s records match: %s" % (
                    len(record), ", ".join(record.mapped("display_name")[:5])))
            other = Model.search([("cartona_id", "=", cartona_id), ("id", "!=", record.id)]
                                 + company_domain, limit=1)
            if other:
                return {"cartona_id": cartona_id, "status": "conflict", "record_id": record.id,
                        "conflict_id": other.id,
                        "error": "cartona_id %s is already on %s (id %s)" % (
                            cartona_id, other.display_name, other.id)}
            if record.cartona_id == cartona_id:
                return {"cartona_id": cartona_id, "status": "unchanged", "record_id": record.id}
            if dry_run:
                return {"cartona_id": cartona_id, "status": "would_set", "record_id": record.id,
                        "previous": record.cartona_id or None}
            record.with_context(marketplace_no_outbox=False).write({"cartona_id": cartona_id})
            return {"cartona_id": cartona_id, "status": "set", "record_id": record.id}

        return handler

    @api.model
    def cartona_set_partner_ids(self, config_id, mappings, dry_run=False):
        config = self._cartona_check_caller(config_id)
        self._cartona_check_list(mappings, "mappings")
        handler = config._cartona_set_ids(
            "res.partner", mappings, dry_run,
            [("partner_id", None), ("ref", None), ("phone", normalise_phone),
             ("email", None)],
        )
        results = config._cartona_run(mappings, "Mapping", "cartona_id", handler)
        for r in results:
            r["partner_id"] = r.pop("record_id", None)
        return results

    @api.model
    def cartona_set_product_ids(self, config_id, mappings, dry_run=False):
        config = self._cartona_check_caller(config_id)
        self._cartona_check_list(mappings, "mappings")
        handler = config._cartona_set_ids(
            "product.product", mappings, dry_run,
            [("product_id", None), ("default_code", None), ("barcode", None)],
        )
        results = config._cartona_run(mappings, "Mapping", "cartona_id", handler)
        for r in results:
            r["product_id"] = r.pop("record_id", None)
        return results

    @api.model
    def cartona_resolve_products(self, config_id, cartona_ids):
        config = self._cartona_check_caller(config_id)
        self._cartona_check_list(cartona_ids, "cartona_ids")
        cache = config._cartona_find_products(
            {str(c) for c in cartona_ids if isinstance(c, (str, int)) and not isinstance(c, bool)})
        results = []
        for index, cid in enumerate(cartona_ids):
            if isinstance(cid, bool) or not isinstance(cid, (str, int)) or cid == "":
                results.append(config._cartona_error(index, "Product", "cartona_id", cid,
                                                     "cartona_id", '"cartona_id" must be a string', False))
                continue
            product = cache.get(str(cid))
            results.append({
                "index": index, "ok": True, "cartona_id": str(cid),
                "status": "found" if product else "unknown",
                "product_id": product.id if product else None,
                "product_tmpl_id": product.product_tmpl_id.id if product else None,
                "name": product.name if product else None,
                "default_code": (product.default_code or None) if product else None,
            })
        return results

    # ------------------------------------------------------------ snapshots
    def _cartona_snapshot_products(self, product_ids, offset, limit):
        for name, value in (("offset", offset), ("limit", limit)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValidationError(_("%s must be a non-negative integer", name))
        limit = max(1, min(limit, MAX_SNAPSHOT_LIMIT))
        cr = self.env.cr
        self.env["product.product"].flush_model(["cartona_id", "active", "cartona_company_id"])
        if product_ids is None:
            cr.execute(
                """
                SELECT id, cartona_id FROM product_product
                 WHERE cartona_id IS NOT NULL AND cartona_id <> '' AND active
                   AND (cartona_company_id IS NULL OR cartona_company_id = %s)
                 ORDER BY id LIMIT %s OFFSET %s
                """,
                (self.company_id.id, limit + 1, offset),
            )
        else:
            self._cartona_check_list(product_ids, "product_ids")
            if any(isinstance(p, bool) or not isinstance(p, int) for p in product_ids):
                raise ValidationError(_("product_ids must be a list of integers"))
            cr.execute(
                """
                SELECT id, cartona_id FROM product_product
                 WHERE id = ANY(%s) AND (cartona_company_id IS NULL OR cartona_company_id = %s)
                 ORDER BY id LIMIT %s OFFSET %s
                """,
                (product_ids, self.company_id.id, limit + 1, offset),
            )
        rows = cr.fetchall()
        next_offset = offset + limit if len(rows) > limit else None
        return rows[:limit], next_offset

    @api.model
    def cartona_stock_snapshot(self, config_id, product_ids=None, offset=0, limit=2000):
        config = self._cartona_check_caller(config_id)
        rows, next_offset = config._cartona_snapshot_products(product_ids, offset, limit)
        ids = [r[0] for r in rows]
        config.env["stock.quant"].flush_model(["quantity", "reserved_quantity", "location_id"])
        paths = [w.view_location_id.parent_path + "%" for w in config._get_warehouses()]
        free = {}
        if ids and paths:
            self.env.cr.execute(
                """
                SELECT q.product_id,
                       SUM(COALESCE(q.quantity, 0) - COALESCE(q.reserved_quantity, 0))
                  FROM stock_quant q JOIN stock_location l ON l.id = q.location_id
                 WHERE q.product_id = ANY(%s) AND l.usage = 'internal'
                   AND l.parent_path LIKE ANY(%s)
                 GROUP BY q.product_id
                """,
                (ids, paths),
            )
            free = dict(self.env.cr.fetchall())
        # prefetched ORM reads (a constant number of queries per page; 19.0 computes
        # uom rounding, so no SQL on uom_uom)
        products = config.env["product.product"].sudo().browse(ids)
        rounding = {p.id: p.uom_id.rounding for p in products}
        items = []
        for product_id, cartona_id in rows:
            qty = float_round(max(free.get(product_id, 0.0), 0.0),
                              precision_rounding=rounding.get(product_id) or 0.01)
            items.append({
                "product_id": product_id,
                "internal_product_id": cartona_id,
                "available_stock_quantity": int(qty) if qty == int(qty) else qty,
                "in_stock": qty > 0,
            })
        return {"items": items, "next_offset": next_offset}

    @api.model
    def cartona_price_snapshot(self, config_id, product_ids=None, offset=0, limit=2000):
        config = self._cartona_check_caller(config_id)
        rows, next_offset = config._cartona_snapshot_products(product_ids, offset, limit)
        products = config.env["product.product"].sudo().browse([r[0] for r in rows])
        currency = config.currency_id
        if config.pricelist_id:
            prices = compat.pricelist_prices(config.pricelist_id.sudo(), products)
        else:
            prices = {p.id: p.lst_price for p in products}
        items = [
            {
                "product_id": product_id,
                "internal_product_id": cartona_id,
                "selling_price": round(currency.round(prices.get(product_id, 0.0)),
                                       currency.decimal_places),
            }
            for product_id, cartona_id in rows
        ]
        return {"items": items, "next_offset": next_offset}

    # ------------------------------------------------------------ outbox
    @api.model
    def cartona_outbox_claim(self, config_id, kinds=None, limit=500, lease_seconds=120):
        config = self._cartona_check_caller(config_id)
        valid = [k for k, _label in KINDS]
        if kinds is None:
            kinds = valid
        self._cartona_check_list(kinds, "kinds")
        if any(k not in valid for k in kinds):
            raise ValidationError(_("kinds must be among %s", ", ".join(valid)))
        for name, value in (("limit", limit), ("lease_seconds", lease_seconds)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValidationError(_("%s must be a positive integer", name))
        self.env["marketplace.outbox"].flush_model()
        self.env.cr.execute(
            """
            UPDATE marketplace_outbox o
               SET state = 'leased', claimed_seq = o.seq,
                   lease_until = (clock_timestamp() AT TIME ZONE 'UTC') + make_interval(secs => %s),
                   write_date = clock_timestamp() AT TIME ZONE 'UTC'
             WHERE o.id IN (
                   SELECT id FROM marketplace_outbox
                    WHERE config_id = %s AND kind = ANY(%s)
                      AND (state = 'pending'
                           OR (state = 'leased' AND lease_until < (clock_timestamp() AT TIME ZONE 'UTC')))
                    ORDER BY id LIMIT %s
                    FOR UPDATE SKIP LOCKED)
            RETURNING o.id, o.kind, o.res_model, o.res_id, o.product_id, o.sale_order_id,
                      o.attempts, o.lease_until
            """,
            (min(lease_seconds, 3600), config.id, kinds, min(limit, MAX_ELEMENTS)),
        )
        rows = sorted(self.env.cr.fetchall())
        self.env["marketplace.outbox"].invalidate_model()
        products = {p.id: p.cartona_id for p in config.env["product.product"].sudo().browse(
            [r[4] for r in rows if r[4]])}
        orders = {o.id: o.marketplace_order_id for o in config.env["sale.order"].sudo().browse(
            [r[5] for r in rows if r[5]])}
        items = []
        for entry_id, kind, res_model, res_id, product_id, order_id, attempts, lease in rows:
            item = {"entry_id": entry_id, "kind": kind, "res_model": res_model, "res_id": res_id,
                    "attempts": attempts, "lease_until": fields.Datetime.to_string(lease)}
            if product_id:
                item["product_id"] = product_id
                item["cartona_id"] = products.get(product_id) or None
            if order_id:
                item["sale_order_id"] = order_id
                item["cartona_id"] = orders.get(order_id) or None
            items.append(item)
        return items

    @api.model
    def cartona_outbox_ack(self, config_id, entries):
        config = self._cartona_check_caller(config_id)
        self._cartona_check_list(entries, "entries")
        cr = self.env.cr
        self.env["marketplace.outbox"].flush_model()
        synced, failed = [], []

        def handler(entry, index):
            entry_id = entry.get("entry_id")
            if isinstance(entry_id, bool) or not isinstance(entry_id, int):
                raise ElementError("entry_id", '"entry_id" must be an integer')
            ok = entry.get("ok")
            if not isinstance(ok, bool):
                raise ElementError("ok", '"ok" must be true or false')
            if ok:
                cr.execute(
                    """
                    UPDATE marketplace_outbox
                       SET state = CASE WHEN seq = claimed_seq THEN 'done' ELSE 'pending' END,
                           done_date = CASE WHEN seq = claimed_seq
                                            THEN now() AT TIME ZONE 'UTC' END,
                           lease_until = NULL, last_error = NULL,
                           write_date = now() AT TIME ZONE 'UTC'
                     WHERE id = %s AND config_id = %s AND state = 'leased'
                    RETURNING state, product_id
                    """,
                    (entry_id, config.id),
                )
            else:
                cr.execute(
                    """
                    UPDATE marketplace_outbox
                       SET state = CASE WHEN attempts + 1 >= %s THEN 'failed' ELSE 'pending' END,
                           attempts = attempts + 1, last_error = %s, lease_until = NULL,
                           write_date = now() AT TIME ZONE 'UTC'
                     WHERE id = %s AND config_id = %s AND state = 'leased'
                    RETURNING state, product_id
                    """,
                    (MAX_ATTEMPTS, str(entry.get("error") or "unknown error")[:2000],
                     entry_id, config.id),
                )
            row = cr.fetchone()
            if not row:
                raise ElementError("entry_id", "entry %s is not leased by this configuration "
                                   "(unknown, already acknowledged, or its lease expired)" % entry_id)
            if row[1]:
                (synced if ok else failed).append(row[1])
            return {"entry_id": entry_id, "status": row[0]}

        results = config._cartona_run(entries, "Entry", "entry_id", handler)
        self.env["marketplace.outbox"].invalidate_model()
        Product = config.env["product.product"].sudo().with_context(marketplace_no_outbox=True)
        now = fields.Datetime.now()
        if synced:
            products = Product.browse(sorted(set(synced)))
            products.write({"marketplace_sync_status": "synced", "last_sync_date": now})
            products.product_tmpl_id.with_context(marketplace_no_outbox=True).write(
                {"marketplace_sync_status": "synced", "last_sync_date": now})
        if failed:
            products = Product.browse(sorted(set(failed)))
            products.write({"marketplace_sync_status": "error"})
            products.product_tmpl_id.with_context(marketplace_no_outbox=True).write(
                {"marketplace_sync_status": "error"})
        return results

    # ------------------------------------------------------------ sync log
    @api.model
    def cartona_write_sync_log(self, config_id, entries):
        config = self._cartona_check_caller(config_id)
        self._cartona_check_list(entries, "entries")
        Log = config.env["marketplace.sync.log"].sudo()
        kinds = dict(Log._fields["kind"].selection)
        vals_list, results = [], []
        for index, entry in enumerate(entries):
            try:
                if not isinstance(entry, dict):
                    raise ElementError("entry", "must be an object")
                kind = entry.get("kind") or "other"
                if kind not in kinds:
                    raise ElementError("kind", '"kind" %r is not one of %s' % (kind, ", ".join(kinds)))
                direction = entry.get("direction") or "inbound"
                if direction not in ("inbound", "outbound"):
                    raise ElementError("direction", '"direction" must be inbound or outbound')
                state = entry.get("state") or "ok"
                if state not in ("ok", "warning", "error"):
                    raise ElementError("state", '"state" must be ok, warning or error')
                vals = {"config_id": config.id, "kind": kind, "direction": direction,
                        "state": state, "message": str(entry.get("message") or "")[:2000],
                        "record_ref": str(entry.get("record_ref") or "")[:256] or False,
                        "execution_id": str(entry.get("execution_id") or "")[:64] or False}
                for field in ("count_ok", "count_failed", "duration_ms"):
                    if entry.get(field) is not None:
                        vals[field] = int(_number(entry[field], field, maximum=2**31 - 1))
                vals_list.append(vals)
                results.append({"index": index, "ok": True, "status": "logged"})
            except ElementError as exc:
                results.append(config._cartona_error(index, "Log entry", "kind",
                                                     entry.get("kind") if isinstance(entry, dict) else None,
                                                     exc.field, exc.message, False))
        logs = Log.create(vals_list)
        ids = iter(logs.ids)
        for result in results:
            if result["ok"]:
                result["log_id"] = next(ids)
        return results
