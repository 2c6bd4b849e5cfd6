"""``cartona_write_sync_log``: what n8n reports, validated per entry, created in one create."""
from ...cartona_rules import error_result, parse_number
from ...exceptions import ElementError


def _vals(config, entry, kinds):
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
    ids = iter(Log.create(vals_list).ids)
    for result in results:
        if result["ok"]:
            result["log_id"] = next(ids)
    return results
