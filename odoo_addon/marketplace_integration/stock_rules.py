"""What quantity Cartona is shown for one product: the stock rules, without the ORM.

One function, ``published_stock``, serves the real-time push and the full reconciliation
(both read ``cartona_stock_snapshot``, ``models/batch_api/snapshot.py``). ``resolve_rule``
picks the rule that applies: the variant's own, else the template's, else the
configuration's defaults.

- free quantity minus the safety buffer, capped at the maximum (0: no maximum), never
  negative, rounded down to the unit's rounding step (never more than is there);
- unlimited stock: the configured quantity, always in stock, whatever Odoo holds;
- ``in_stock`` is true exactly when the published quantity is above zero.
"""
import math
from dataclasses import dataclass

# per-product rule choices (template: "default" = the configuration's rule; variant:
# "template" = the template's rule)
RULE_DEFAULT, RULE_TEMPLATE, RULE_CUSTOM, RULE_UNLIMITED = (
    "default", "template", "custom", "unlimited")
TEMPLATE_RULES = [
    (RULE_DEFAULT, "Configuration default"),
    (RULE_CUSTOM, "Own buffer and maximum"),
    (RULE_UNLIMITED, "Unlimited stock"),
]
VARIANT_RULES = [(RULE_TEMPLATE, "As the product template")] + TEMPLATE_RULES
DEFAULT_UNLIMITED_QUANTITY = 1000.0


@dataclass(frozen=True)
class StockRule:
    buffer: float = 0.0
    maximum: float = 0.0  # 0: no maximum
    unlimited: bool = False
    unlimited_quantity: float = DEFAULT_UNLIMITED_QUANTITY


@dataclass(frozen=True)
class ProductRule:
    """A template's or a variant's own rule fields (``rule`` one of the choices above)."""

    rule: str = RULE_DEFAULT
    buffer: float = 0.0
    maximum: float = 0.0
    unlimited_quantity: float = 0.0  # 0: the configuration's quantity


def resolve_rule(config_rule, template_rule, variant_rule=None):
    """The StockRule that applies: the variant's own rule unless it says "as the template",
    else the template's unless it says "configuration default", else the config's."""
    own = template_rule
    if variant_rule is not None and variant_rule.rule != RULE_TEMPLATE:
        own = variant_rule
    if own is None or own.rule == RULE_DEFAULT:
        return config_rule
    if own.rule == RULE_UNLIMITED:
        return StockRule(unlimited=True, unlimited_quantity=(
            own.unlimited_quantity or config_rule.unlimited_quantity))
    return StockRule(buffer=own.buffer, maximum=own.maximum,
                     unlimited_quantity=config_rule.unlimited_quantity)


def _round_down(quantity, step):
    if not step or step <= 0:
        return quantity
    units = math.floor(quantity / step + 1e-9)
    # the step's own number of decimals, so 0.1 * 3 reads 0.3
    decimals = max(0, -int(math.floor(math.log10(step)))) if step < 1 else 0
    return round(units * step, decimals + 2)


def published_stock(free_quantity, rule, rounding=1.0):
    """``(quantity, in_stock)`` to show Cartona for ``free_quantity`` (on hand minus reserved
    in the configuration's warehouses) under ``rule``."""
    if rule.unlimited:
        quantity = max(float(rule.unlimited_quantity or 0.0), 0.0)
    else:
        quantity = float(free_quantity or 0.0) - max(float(rule.buffer or 0.0), 0.0)
        if rule.maximum and rule.maximum > 0:
            quantity = min(quantity, float(rule.maximum))
        quantity = max(quantity, 0.0)
    quantity = _round_down(quantity, rounding)
    if quantity == int(quantity):
        quantity = int(quantity)
    return quantity, quantity > 0
