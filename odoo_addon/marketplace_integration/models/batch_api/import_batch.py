"""``ImportBatch``: what one order import (or retailer match) call knows, in explicit fields.

Read once per call (orders already imported, partners and products of the batch), grown as
elements are imported, and put back when an element's savepoint is rolled back
(``begin``/``rollback``, called by the runner), so a later element never sees a partner,
an order or a log line that no longer exists.
"""
from ...cartona_rules import retailer_key
from ...exceptions import ElementError
from . import lookup


class ImportBatch:
    def __init__(self, config, existing=None, products=None, retailer_keys=()):
        self.config = config
        self.existing = dict(existing or {})  # hashed_id -> sale.order
        self.products = dict(products or {})  # Cartona internal_product_id -> product.product
        # cartona_id -> res.partner, and the keys two partners hold (an error, not a guess)
        self.partners, self.ambiguous = lookup.find_partners(config, list(retailer_keys))
        self.log = []  # sync-log vals (state, message, record_ref) written at the end
        self._mark = None

    # ------------------------------------------------------------ element scope
    def begin(self):
        self._mark = (set(self.partners), set(self.existing), len(self.log))

    def rollback(self):
        if self._mark is None:
            return
        partners, existing, log_len = self._mark
        for key in set(self.partners) - partners:
            del self.partners[key]
        for hashed_id in set(self.existing) - existing:
            del self.existing[hashed_id]
        del self.log[log_len:]

    # ------------------------------------------------------------ partners
    def has_partner(self, retailer):
        key = retailer_key(retailer)
        lookup.raise_if_ambiguous(self.ambiguous, key)
        return key in self.partners

    def partner(self, retailer):
        """``(res.partner, created)`` for a retailer: the known one, else a new partner."""
        key = retailer_key(retailer)
        lookup.raise_if_ambiguous(self.ambiguous, key)
        partner = self.partners.get(key)
        if partner:
            return partner, False
        partner = self.config.env["res.partner"].sudo().create(
            lookup.retailer_partner_vals(self.config, retailer, key))
        self.partners[key] = partner
        return partner, True

    def create_partners(self, retailers):
        """Create the partners of these retailers that do not exist yet, in one create."""
        missing = {}
        for retailer in retailers:
            key = retailer_key(retailer)
            if key in self.ambiguous:
                raise ElementError("retailer", self.ambiguous[key])
            if key not in self.partners and key not in missing:
                missing[key] = lookup.retailer_partner_vals(self.config, retailer, key)
        if missing:
            partners = self.config.env["res.partner"].sudo().create(list(missing.values()))
            self.partners.update(zip(missing, partners))
