"""Finding Odoo records by their Cartona keys, a whole batch in one query per model.

A key must designate one record of the configuration's company (or a shared one): two
candidates (a shared partner and a company partner with the same cartona_id, left from
before 1.1.0 or created concurrently) are an error for the element, never a guess.
"""
from odoo import _, fields

from .. import compat
from ...cartona_rules import RETAILER_TEXTS, parse_text
from ...exceptions import ElementError


def find_partners(config, keys):
    """``({cartona_id: res.partner}, {cartona_id: error message})`` for these keys."""
    if not keys:
        return {}, {}
    partners = config.env["res.partner"].sudo().with_context(active_test=False).search(
        [("cartona_id", "in", list(set(keys))),
         ("company_id", "in", [False, config.company_id.id])],
        order="id",
    )
    found, ambiguous = {}, {}
    for partner in partners:
        other = found.get(partner.cartona_id)
        if other:
            ambiguous[partner.cartona_id] = ambiguous_partner_message(other | partner)
        found[partner.cartona_id] = partner
    for key in ambiguous:
        del found[key]
    return found, ambiguous


def ambiguous_partner_message(partners):
    return "cartona_id %s is on %s partners: %s; keep it on one of them" % (
        partners[0].cartona_id, len(partners), ", ".join(
            "%s (id %s, %s)" % (p.display_name, p.id, p.company_id.name or "shared")
            for p in partners))


def retailer_partner_vals(config, retailer, key):
    # parse_order validated these texts and warned of any it cuts to these limits
    text = {field: parse_text(retailer.get(field), "retailer." + field, max_len)
            for field, max_len in RETAILER_TEXTS}
    name = (text["retailer_name"] or "").strip() or _(
        "Cartona retailer %s", key[len("retailer_"):]
    )
    vals = {
        "name": name,
        "cartona_id": key,
        "company_id": config.company_id.id,
        "street": text["retailer_address"] or False,
        "comment": text["address_notes"] or False,
        "customer_rank": 1,
        "marketplace_customer_type": "b2b",
        "marketplace_sync_status": "synced",
        "last_customer_sync_date": fields.Datetime.now(),
    }
    vals.update(compat.partner_phone_vals(text["retailer_number"], text["retailer_number2"]))
    return vals


def find_products(config, cartona_ids):
    """{cartona_id: product.product}: variant cartona_id first, then template's."""
    if not cartona_ids:
        return {}
    cartona_ids = list(cartona_ids)
    company_domain = [("company_id", "in", [False, config.company_id.id])]
    cache = {}
    for product in config.env["product.product"].sudo().search(
        [("cartona_id", "in", cartona_ids)] + company_domain, order="id"
    ):
        cache.setdefault(product.cartona_id, product)
    missing = [c for c in cartona_ids if c not in cache]
    if missing:
        for template in config.env["product.template"].sudo().search(
            [("cartona_id", "in", missing)] + company_domain, order="id"
        ):
            if template.product_variant_ids:
                cache.setdefault(template.cartona_id, template.product_variant_ids[0])
    return cache


def raise_if_ambiguous(ambiguous, key):
    if key in ambiguous:
        raise ElementError("retailer", ambiguous[key])
