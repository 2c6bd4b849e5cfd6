"""Refusals met by the full reconciliation (the stock and price snapshots of every mapped
product): the product is marked "Refused by Cartona" as the outbox acknowledgement does
(``OutboxApi.mark_refused``), and each element says whether the refusal is new.

A product Cartona refused for the first time in the reconciliation (never refused by the
real-time push, so no outbox entry to acknowledge) made the reconciliation fail and alert
on every run. Recorded here, the snapshots leave it out from the next run on; ``new`` tells
n8n to alert once: ``false`` when the product already shows the same refusal (the stock and
the price run of the same reconciliation, or a run replayed), ``true`` otherwise.
"""
from ...exceptions import ElementError
from .outbox import OutboxApi
from .runner import BatchRunner

KINDS = ("stock", "price")


class RefusalApi:
    def __init__(self, config):
        self.config = config
        self.env = config.env

    def _products(self, refusals):
        """The batch's products in two queries: ``({product_id: p}, {cartona_id: p})``."""
        Product = self.env["product.product"].sudo().with_context(active_test=False)
        company = self.config.company_id.id
        in_company = ["|", ("cartona_company_id", "=", False),
                      ("cartona_company_id", "=", company)]
        elements = [r for r in refusals if isinstance(r, dict)]
        ids = [r["product_id"] for r in elements if isinstance(r.get("product_id"), int)
               and not isinstance(r.get("product_id"), bool)]
        refs = [r["cartona_id"] for r in elements if isinstance(r.get("cartona_id"), str)
                and r["cartona_id"]]
        by_id = {p.id: p for p in Product.search([("id", "in", ids)] + in_company)} if ids else {}
        by_ref = {}
        if refs:
            # a company's own mapping wins over a shared one (unique per company)
            for product in Product.search([("cartona_id", "in", refs)] + in_company,
                                          order="cartona_company_id, id"):
                by_ref.setdefault(product.cartona_id, product)
        return by_id, by_ref

    def record(self, refusals):
        by_id, by_ref = self._products(refusals)
        refused, seen = {}, {}

        def handler(element, index):
            kind = element.get("kind")
            if kind not in KINDS:
                raise ElementError("kind", '"kind" must be "stock" or "price"')
            reason = element.get("reason")
            if not isinstance(reason, str) or not reason.strip():
                raise ElementError("reason", '"reason" must be a non-empty string')
            reason = reason.strip()[:500]
            product_id, cartona_id = element.get("product_id"), element.get("cartona_id")
            if product_id is not None:
                if isinstance(product_id, bool) or not isinstance(product_id, int):
                    raise ElementError("product_id", '"product_id" must be an integer')
                product = by_id.get(product_id)
                if not product:
                    raise ElementError("product_id", "product %s is unknown in the company of "
                                       "this configuration" % product_id)
            elif isinstance(cartona_id, str) and cartona_id:
                product = by_ref.get(cartona_id)
                if not product:
                    raise ElementError("cartona_id", 'no product is mapped to Cartona id "%s" '
                                       "in the company of this configuration" % cartona_id)
            else:
                raise ElementError("cartona_id", 'give "cartona_id" (a string) or '
                                   '"product_id" (an integer)')
            result = {"product_id": product.id, "cartona_id": product.cartona_id or None,
                      "kind": kind, "reason": reason}
            known = seen.get(product.id)
            if known is None and product.marketplace_sync_status == "refused":
                known = product.marketplace_sync_error
            if known == reason:
                return dict(result, status="already_refused", new=False)
            seen[product.id] = reason
            refused.setdefault(reason, []).append(product.id)
            return dict(result, status="refused", new=True)

        results = BatchRunner(self.env).run(refusals, "Refusal", "cartona_id", handler)
        # a product refused with two reasons in one batch shows the last one
        last = {}
        for reason, product_ids in refused.items():
            for product_id in product_ids:
                last[product_id] = reason
        final = {}
        for product_id, reason in last.items():
            final.setdefault(reason, []).append(product_id)
        OutboxApi(self.config).mark_refused(final, [
            r for r in results if r.get("status") == "refused"])
        return results
