"""``cartona_write_sync_log``: what n8n reports, validated per entry, created in one create."""
import logging

from ...cartona_rules import MAX_KEY, MAX_NAME, echo, error_result, parse_number, parse_text
from ...exceptions import ElementError
from .runner import unexpected_message

_logger = logging.getLogger(__name__)


def _choice(entry, field, allowed, default):
    value = entry.get(field) or default
    if not isinstance(value, str) or value not in allowed:
        raise ElementError(field, '"%s" %s is not one of %s' % (
            field, echo(value), ", ".join(allowed)))
    return value


def _key(entry, field, max_len):
    value = parse_text(entry.get(field), field, max_len=None)
    if value and len(value) > max_len:
        raise ElementError(field, '"%s" must be at most %s characters, got %s' % (
            field, max_len, len(value)))
    return value or False


def _vals(config, entry, kinds):
    if not isinstance(entry, dict):
        raise ElementError("entry", "must be an object")
    vals = {"config_id": config.id,
            "kind": _choice(entry, "kind", list(kinds), "other"),
            "direction": _choice(entry, "direction", ["inbound", "outbound"], "inbound"),
            "state": _choice(entry, "state", ["ok", "warning", "error"], "ok"),
            # the message is free text: cut to MAX_TEXT characters (parse_text)
            "message": parse_text(entry.get("message"), "message") or "",
            # record_ref (indexed) and execution_id are keys: one cut short would name another
            # record or none, so a longer one refuses the entry
            "record_ref": _key(entry, "record_ref", MAX_NAME),
            "execution_id": _key(entry, "execution_id", MAX_KEY)}
    for field in ("count_ok", "count_failed", "duration_ms"):
        if entry.get(field) is not None:
            vals[field] = int(parse_number(entry[field], field, maximum=2**31 - 1))
    return vals


def write_sync_log(config, entries):
    Log = config.env["marketplace.sync.log"].sudo()
    kinds = dict(Log._fields["kind"].selection)
    vals_list, results = [], []
    for index, entry in enumerate(entries):
        try:
            vals_list.append(_vals(config, entry, kinds))
            results.append({"index": index, "ok": True, "status": "logged"})
        except ElementError as exc:
            results.append(error_result(
                index, "Log entry", "kind", entry.get("kind") if isinstance(entry, dict) else None,
                exc.field, exc.message, False))
        except Exception as exc:  # pylint: disable=broad-except
            _logger.exception("Log entry %s: unexpected error", index)
            results.append(error_result(
                index, "Log entry", "kind", entry.get("kind") if isinstance(entry, dict) else None,
                "entry", unexpected_message(exc), False))
    ids = iter(Log.create(vals_list).ids)
    for result in results:
        if result["ok"]:
            result["log_id"] = next(ids)
    return results
