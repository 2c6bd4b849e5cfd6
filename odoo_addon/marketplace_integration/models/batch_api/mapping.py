"""Mapping existing catalogues to Cartona: retailers to partners, cartona_ids onto partners
and products (with dry run), and resolving Cartona product ids."""
from odoo import _
from odoo.exceptions import ValidationError

from ...cartona_rules import (
    MAX_KEY, echo, error_result, normalise_phone, parse_key, parse_record_id, retailer_key,
    type_name,
)
from ...exceptions import ElementError
from .import_batch import ImportBatch
from .lookup import find_products
from .runner import BatchRunner

# (mapping field, field searched, normaliser): the first that finds a record wins
PARTNER_FINDERS = [("partner_id", "id", None), ("ref", "ref", None),
                   ("phone", "cartona_phone_key", normalise_phone), ("email", "email", None)]
PRODUCT_FINDERS = [("product_id", "id", None), ("default_code", "default_code", None),
                   ("barcode", "barcode", None)]


class CatalogueMapping:
    def __init__(self, config):
        self.config = config
        self.runner = BatchRunner(config.env)

    def match_partners(self, retailers):
        keys = []
        for r in retailers:
            try:
                keys.append(retailer_key(r) if isinstance(r, dict) else None)
            except ElementError:
                pass
        batch = ImportBatch(self.config, retailer_keys=[k for k in keys if k])

        def handler(retailer, index):
            partner, created = batch.partner(retailer)
            return {"cartona_id": partner.cartona_id, "partner_id": partner.id,
                    "status": "created" if created else "matched"}

        return self.runner.run(retailers, "Retailer", "cartona_id", handler, scope=batch)

    def set_ids(self, model, mappings, dry_run, finders, id_field):
        if not isinstance(dry_run, bool):
            # "false" is a text, and a text is true: refuse it rather than run dry (or not)
            raise ValidationError(_("dry_run must be true or false, got %s", echo(dry_run)))
        results = self.runner.run(mappings, "Mapping", "cartona_id",
                                  self._set_id_handler(model, dry_run, finders))
        for r in results:
            r[id_field] = r.pop("record_id", None)
        return results

    def _find(self, Model, mapping, finders, company_domain):
        for field, searched, normalise in finders:
            value = mapping.get(field)
            if value in (None, "", False):
                continue
            if searched == "id":
                if isinstance(value, bool) or not isinstance(value, int):
                    raise ElementError(field, '"%s" must be an integer' % field)
                value = parse_record_id(value, field)
            elif isinstance(value, bool) or not isinstance(value, (str, int)):
                # never searched as its Python text ("{'x': 1}" matches nothing: a silent ok)
                raise ElementError(field, '"%s" must be text, got %s' % (field, type_name(value)))
            elif len(str(value)) > 256:
                raise ElementError(field, '"%s" is longer than 256 characters' % field)
            elif normalise:
                value = normalise(value)
                if len(value) < 6:
                    raise ElementError(field, '"%s" is not a phone number' % field)
            else:
                value = str(value)
            record = Model.search([(searched, "=", value)] + company_domain)
            if record:
                return record
        return Model.browse()

    def _set_id_handler(self, model, dry_run, finders):
        Model = self.config.env[model].sudo().with_context(
            active_test=False, marketplace_no_outbox=dry_run)
        company_domain = [("company_id", "in", [False, self.config.company_id.id])]

        def handler(mapping, index):
            cartona_id = parse_key(mapping.get("cartona_id"), "cartona_id", max_len=MAX_KEY * 2)
            record = self._find(Model, mapping, finders, company_domain)
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

    def resolve_products(self, cartona_ids):
        cache = find_products(
            self.config,
            {str(c) for c in cartona_ids if isinstance(c, (str, int)) and not isinstance(c, bool)
             and 0 < len(str(c)) <= MAX_KEY * 2})
        results = []
        for index, cid in enumerate(cartona_ids):
            if (isinstance(cid, bool) or not isinstance(cid, (str, int)) or cid == ""
                    or len(str(cid)) > MAX_KEY * 2):
                field = "cartona_ids[%s]" % index  # the argument the caller sent
                results.append(error_result(
                    index, "Product", "cartona_id", cid, field,
                    '"%s" must be a Cartona product id (text of 1 to %s characters), got %s'
                    % (field, MAX_KEY * 2, echo(cid)), False))
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
