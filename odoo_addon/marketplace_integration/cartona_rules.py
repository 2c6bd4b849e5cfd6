"""Cartona payload rules, without the ORM (imports nothing from odoo).

What a Cartona order, state or amount must look like, how retailer keys and phone numbers
are normalised, what a Cartona state does to an Odoo order, and how money is rounded. The
models call these functions; unit tests can too, without a database.
"""
import datetime
import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .exceptions import ElementError

MAX_ELEMENTS = 5000
MAX_LINES = 500
MAX_AMOUNT = 1e6
MAX_PRICE = 1e9
MAX_SNAPSHOT_LIMIT = 5000
MAX_KEY = 64  # characters of a Cartona key (hashed_id, line id, product id) Odoo accepts
MAX_RECORD_ID = 2**31 - 1  # PostgreSQL integer: a larger id cannot name a record
MAX_ECHO = 64  # characters of a refused key repeated in an error result
MAX_TEXT = 2000  # characters of free text stored (notes, messages)
MAX_NAME = 256  # characters of a name or an address line stored on a partner
# the retailer's texts Odoo stores, and how many characters of each it keeps
RETAILER_TEXTS = (("retailer_name", MAX_NAME), ("retailer_address", MAX_NAME),
                  ("address_notes", MAX_TEXT), ("retailer_number", MAX_KEY),
                  ("retailer_number2", MAX_KEY))
# [assumed] dates of a pulled order Odoo does not import (ISO 8601 when present)
ORDER_DATES = ("created_at", "updated_at", "estimated_delivery_day",
               "retailer_preferred_delivery_date")

MARKETPLACE_STATES = [
    ("pending", "Pending"),
    ("editing", "Editing"),
    ("approved", "Approved"),
    ("cancelled_by_retailer", "Cancelled by Retailer"),
    ("assigned_to_salesman", "Assigned to Salesman"),
    ("delivered", "Delivered"),
    ("cancelled_by_supplier", "Cancelled by Supplier"),
    ("returned", "Returned"),
]
PUSH_STATES = [
    ("approved", "Approved"),
    ("assigned_to_salesman", "Assigned to Salesman"),
    ("delivered", "Delivered"),
    ("cancelled_by_supplier", "Cancelled by Supplier"),
]
CANCELLATION_REASONS = [
    (r, r.replace("_", " ").capitalize())
    for r in (
        "out_of_stock",
        "cannot_deliver_the_order",
        "supplier_asked_me_to_cancel",
        "delayed_order",
        "pending_order_without_action",
        "removed_items",
        "supplier_attitude",
        "missing_items",
        "expired_products",
        "different_prices",
        "different_products",
    )
]
STATE_CODES = frozenset(s for s, _label in MARKETPLACE_STATES)

# The state table (readme/USAGE.md): what a Cartona state does to the Odoo order.
KEEP, CONFIRM, CANCEL = "keep", "confirm", "cancel"
STATE_EFFECTS = {
    "pending": KEEP,
    "editing": KEEP,
    "approved": CONFIRM,
    "assigned_to_salesman": CONFIRM,
    "delivered": CONFIRM,
    "returned": CONFIRM,
    "cancelled_by_retailer": CANCEL,
    "cancelled_by_supplier": CANCEL,
}
assert set(STATE_EFFECTS) == STATE_CODES


def parse_number(value, field, minimum=0.0, maximum=MAX_AMOUNT):
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


def parse_key(value, field, required=True, max_len=MAX_KEY):
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


def key_or_none(value):
    """The element's key as a string if it is a usable one (for pre-reads), else None."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    value = str(value).strip()
    return value if value and len(value) <= MAX_KEY else None


def parse_status(value, field="status"):
    if not isinstance(value, str) or value not in STATE_CODES:
        raise ElementError(field, '"%s" %s is not a Cartona order state' % (field, echo(value)))
    return value


def parse_record_id(value, field):
    """An Odoo record id: a positive integer, or its digits as a string (never 18.9 or True)."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ElementError(field, '"%s" must be an integer, got %s' % (field, echo(value)))
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or not 0 < int(text) <= MAX_RECORD_ID:
        raise ElementError(field, '"%s" must be a positive integer, got %s' % (field, echo(value)))
    return int(text)


def parse_bool(value, field, default=False):
    """true/false; the texts "true"/"false" too (as the node accepts them); None = default."""
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise ElementError(field, '"%s" must be true or false, got %s' % (field, echo(value)))


def parse_text(value, field, max_len=MAX_TEXT):
    """Free text (a number is taken as its text), cut to ``max_len``; None when empty.
    An object or a list is an error, never stored as its Python text."""
    if value is None or value == "" or value is False:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ElementError(field, '"%s" must be text, got %s' % (field, type_name(value)))
    return str(value)[:max_len] or None


def cut_warning(value, field, max_len):
    """The warning for a text longer than Odoo keeps (``parse_text`` cuts it): None if it fits."""
    if isinstance(value, str) and len(value) > max_len:
        return '"%s" has %s characters: only the first %s are kept' % (field, len(value), max_len)
    return None


def text_number_warning(value, field):
    """A number Cartona sent as text ("12") is read as the number, and the result says so."""
    if isinstance(value, str):
        number = float(value)
        return '"%s" is the text %s: read as the number %s' % (
            field, echo(value), int(number) if number.is_integer() else number)
    return None


def date_warning(value, field):
    """None for an ISO 8601 date or date-time (or an absent one), else the warning: the import
    does not use the field, so the order is imported and the bad value ignored."""
    if value in (None, ""):
        return None
    if isinstance(value, str) and re.match(r"\d{4}-\d{2}-\d{2}([T ]|$)", value):
        try:
            datetime.date.fromisoformat(value[:10])
            return None
        except ValueError:
            pass
    return '"%s" %s is not an ISO 8601 date: ignored' % (field, echo(value))


def type_name(value):
    return {dict: "an object", list: "a list", bool: "true/false"}.get(type(value), "a %s" % (
        type(value).__name__))


def echo(value):
    """A refused value as a short text for a message (never the whole of a 5 MB string)."""
    if isinstance(value, (dict, list, tuple)):
        return type_name(value)
    text = repr(value)
    return text if len(text) <= MAX_ECHO else "%s... (%s characters)" % (text[:MAX_ECHO], len(text))


def echo_key(value):
    """An element's key as its result repeats it: short strings and ints as given, else a
    short text (a list, an object or a 5 MB string never goes back or into the sync log)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int) and abs(value) <= MAX_RECORD_ID:
        return value
    if isinstance(value, str) and len(value) <= MAX_ECHO:
        return value
    return echo(value)


def parse_delivery_day(value):
    """``delivery_day`` as a date (the first 10 characters, ISO), or None when absent."""
    if not value:
        return None
    try:
        return datetime.datetime.strptime(str(value)[:10], "%Y-%m-%d").date()
    except ValueError:
        raise ElementError("delivery_day", '"delivery_day" is not a date') from None


def cancellation_reason(value, field="cancellation_reason"):
    """Cartona's reason if it is one Odoo knows, False when absent or unknown (stored empty,
    see ``unknown_reason_warning``); a list or an object is an error."""
    if value in (None, "", False):
        return False
    if not isinstance(value, str):
        raise ElementError(field, '"%s" must be text, got %s' % (field, type_name(value)))
    return value if value in dict(CANCELLATION_REASONS) else False


def unknown_reason_warning(value, field="cancellation_reason"):
    """The warning for a reason Odoo does not know (Cartona may add reasons): the state is
    applied, the reason is stored empty and the result says so. None when known or absent."""
    if isinstance(value, str) and value and not cancellation_reason(value, field):
        return '"%s" %s is not a reason Odoo knows: stored empty' % (field, echo(value))
    return None


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
        return "retailer_" + parse_key(code, "retailer.retailer_code")
    for field in ("retailer_number", "retailer_number2"):
        digits = normalise_phone(retailer.get(field))
        if len(digits) >= 6:
            return "retailer_phone_" + digits
    raise ElementError(
        "retailer.retailer_code", '"retailer.retailer_code" or a retailer phone number is required'
    )


def requires_otp(order):
    """Installment and wallet top-up orders need the retailer's OTP to be delivered."""
    return bool(
        parse_number(order.get("installment_cost") or 0, "installment_cost", maximum=MAX_PRICE)
        or parse_number(order.get("wallet_top_up") or 0, "wallet_top_up", maximum=MAX_PRICE)
    )


def round_money(amount, rounding):
    """Half-up rounding to the currency's rounding step (as Odoo's ``currency.round``)."""
    step = Decimal(repr(float(rounding)))
    units = (Decimal(repr(float(amount))) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return float(units * step)


@dataclass(frozen=True)
class CartonaLine:
    id: str
    internal_product_id: str
    amount: float
    price: float
    name: str
    cancelled: bool


@dataclass(frozen=True)
class CartonaOrder:
    """A validated Cartona order (the fields the import uses; the rest is ignored)."""

    hashed_id: str
    status: str
    retailer: dict
    lines: tuple
    total: float
    raw: dict
    notes: tuple = ()  # warnings of the parse (zero-quantity lines, an unknown reason)

    @property
    def live_lines(self):
        return [line for line in self.lines if not line.cancelled]


def parse_order(order):
    """Validate one pulled Cartona order; ElementError names the first bad field."""
    hashed_id = parse_key(order.get("hashed_id"), "hashed_id")
    status = order.get("status")
    if status is not None:
        parse_status(status)
    retailer = order.get("retailer")
    if not isinstance(retailer, dict):
        raise ElementError("retailer", '"retailer" is required and must be an object')
    details = order.get("order_details")
    if not isinstance(details, list):
        raise ElementError("order_details", '"order_details" must be a list, got %s' % (
            "nothing" if details is None else echo(details)))
    if not details:
        # decision (readme/USAGE.md): an order without lines is never a sale order, and a
        # re-pulled one must not empty the Odoo order; Cartona keeps it (not acknowledged)
        raise ElementError("order_details", '"order_details" is empty: an order without lines '
                           'is not imported')
    if len(details) > MAX_LINES:
        raise ElementError(
            "order_details", '"order_details" has %s lines (at most %s)' % (len(details), MAX_LINES)
        )
    lines, seen, notes = [], set(), []
    for i, line in enumerate(details):
        prefix = "order_details[%s]" % i
        if not isinstance(line, dict):
            raise ElementError(prefix, '"%s" must be an object' % prefix)
        line_id = parse_key(line.get("id"), prefix + ".id")
        if line_id in seen:
            raise ElementError(prefix + ".id", '"%s.id" %s appears twice' % (prefix, line_id))
        seen.add(line_id)
        amount = parse_number(line.get("amount"), prefix + ".amount")
        cancelled = parse_bool(line.get("cancelled"), prefix + ".cancelled")
        price = parse_number(line.get("selling_price"), prefix + ".selling_price",
                             maximum=MAX_PRICE)
        # decision (readme/USAGE.md): numbers and true/false sent as text are read, with a
        # warning naming the line's field (Cartona's own types are numbers and booleans)
        notes.extend(w for w in (
            text_number_warning(line.get("amount"), prefix + ".amount"),
            text_number_warning(line.get("selling_price"), prefix + ".selling_price"),
            isinstance(line.get("cancelled"), str) and '"%s.cancelled" is the text %s: read '
            'as %s' % (prefix, echo(line["cancelled"]), "true" if cancelled else "false"),
        ) if w)
        if not amount and not cancelled:
            # decision (readme/USAGE.md): a line of quantity 0 is no line; it is treated as
            # cancelled (not created, removed from an imported order) and the result says so
            cancelled = True
            notes.append("line %s: amount 0, treated as cancelled (no line)" % line_id)
        lines.append(CartonaLine(
            id=line_id,
            internal_product_id=parse_key(
                line.get("internal_product_id"), prefix + ".internal_product_id", required=False),
            amount=amount,
            price=price,
            name=parse_text(line.get("product_name"), prefix + ".product_name", 256) or "",
            cancelled=cancelled,
        ))
    total = order.get("total_price")
    total = None if total is None else parse_number(total, "total_price", maximum=MAX_PRICE * 100)
    for field, max_len in (("receipt_id", MAX_KEY), ("note_message", MAX_TEXT)):
        parse_text(order.get(field), field, max_len)
    notes.extend(w for w in [text_number_warning(order.get("total_price"), "total_price")]
                 + [cut_warning(order.get(f), f, n) for f, n in (("receipt_id", MAX_KEY),
                                                                 ("note_message", MAX_TEXT))]
                 + [date_warning(order.get(field), field) for field in ORDER_DATES] if w)
    for field, max_len in RETAILER_TEXTS:
        parse_text(retailer.get(field), "retailer." + field, max_len)
        warning = cut_warning(retailer.get(field), "retailer." + field, max_len)
        if warning:
            notes.append(warning)
    reason = order.get("cancellation_reason")
    cancellation_reason(reason)
    warning = unknown_reason_warning(reason)
    if warning:
        notes.append(warning)
    return CartonaOrder(hashed_id, status, retailer, tuple(lines), total, order, tuple(notes))


def error_result(index, label, key_field, key, field, message, retryable):
    """A batch method's error result: names the element (index and key) and the field.
    The key is repeated shortened (``echo_key``) and the message is bounded."""
    key = echo_key(key)
    message = str(message)[:MAX_TEXT]
    key_text = "%s %s" % (key_field, key) if key not in (None, "") else "%s missing" % key_field
    return {
        "index": index,
        "ok": False,
        "status": "error",
        key_field: key,
        "field": field,
        "retryable": retryable,
        "error": "%s %s (%s): %s" % (label, index, key_text, message),
    }
