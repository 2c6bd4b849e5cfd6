"""Who pays the supplier what for one Cartona order: the settlement rules, without the ORM.

Nothing public says how Cartona settles an order's money with the supplier. These rules are
**[assumed]** and written down in ``docs/cartona-settlement.md``; they live here only, so a
correction is one edit. The pulled order carries ``total_price``, ``applied_supplier_rebate``,
``cartona_credit``, ``installment_cost`` and ``wallet_top_up`` (docs: cartona-api.md).

1. ``total_price`` is what the order is worth after every discount, the supplier's rebate
   (``applied_supplier_rebate``) included: it is the invoice total (the import already makes
   the Odoo order total equal it with an adjustment line). The rebate is shown, not deducted
   again.
2. ``cartona_credit`` is the part of ``total_price`` Cartona pays for the retailer (its credit
   or wallet balance): the supplier collects it from Cartona, not at the door.
3. ``installment_cost`` > 0 marks an installment order: the retailer's financing fee, which
   is neither the supplier's revenue nor on the invoice. Cartona (its financing partner)
   pays the whole rest of ``total_price``: nothing of the invoice is collected at the door.
4. ``wallet_top_up`` is cash the retailer hands over at the door to top up its Cartona
   wallet: the supplier collects it on top of the invoice and owes it to Cartona.
"""
from dataclasses import dataclass

from .cartona_rules import MAX_PRICE, parse_number, round_money

PARTS = ("applied_supplier_rebate", "cartona_credit", "installment_cost", "wallet_top_up")


@dataclass(frozen=True)
class Settlement:
    invoice_total: float
    supplier_rebate: float
    cartona_credit: float
    installment_cost: float
    wallet_top_up: float
    collect_at_door: float
    collect_from_cartona: float
    owed_to_cartona: float


def order_parts(order):
    """The four money parts of a pulled Cartona order (absent: 0); ElementError if bad."""
    return {part: parse_number(order.get(part) or 0, part, maximum=MAX_PRICE) for part in PARTS}


def settle(invoice_total, supplier_rebate=0.0, cartona_credit=0.0, installment_cost=0.0,
           wallet_top_up=0.0, rounding=0.01):
    """The Settlement of an invoice of ``invoice_total`` under the rules above."""
    def money(value):
        return round_money(value or 0.0, rounding)

    total = money(invoice_total)
    credit = min(money(cartona_credit), max(total, 0.0))
    wallet = money(wallet_top_up)
    if money(installment_cost) > 0:
        from_cartona, at_door = total, 0.0
    else:
        from_cartona, at_door = credit, money(total - credit)
    return Settlement(
        invoice_total=total,
        supplier_rebate=money(supplier_rebate),
        cartona_credit=credit,
        installment_cost=money(installment_cost),
        wallet_top_up=wallet,
        collect_at_door=money(at_door + wallet),
        collect_from_cartona=from_cartona,
        owed_to_cartona=wallet,
    )
