"""Sale orders handed to one push run at a time: the outbox's lease, for order changes.

``cartona_get_status_changes`` and ``cartona_get_details_changes`` answer the orders whose
change is pending. Two runs overlapping (a ping a second after another, the sweep meeting a
ping) read the same pending orders and both sent them: the same delivery and OTP twice, two
refusals and two alerts for one wrong OTP (bench/faults). As ``cartona_outbox_claim`` does
for its entries, the orders answered are leased (``marketplace_status_lease_until`` /
``marketplace_details_lease_until``, in the same statement that picks them, ``FOR UPDATE SKIP
LOCKED``): another call answers none of them until ``cartona_mark_synced`` (ok or error)
releases the lease or it expires (``LEASE_SECONDS``, the outbox's), when the next run (the
sweep) takes the order again. The pending flag is untouched: the sale order still shows the
change as waiting to be sent.
"""
from ..marketplace_outbox import LEASE_SECONDS

LEASE_FIELDS = {
    "marketplace_status_pending": "marketplace_status_lease_until",
    "marketplace_details_pending": "marketplace_details_lease_until",
}

# The pick is a MATERIALIZED CTE, as in the outbox's claim (outbox.py): otherwise the planner
# may run the subquery more than once and lease more than ``limit`` orders.
_LEASE_SQL = """
    WITH picked AS MATERIALIZED (
           SELECT id FROM sale_order
            WHERE marketplace_config_id = %%s AND %(flag)s
              AND (%(lease)s IS NULL OR %(lease)s < (clock_timestamp() AT TIME ZONE 'UTC'))
              AND (%%s::int[] IS NULL OR id = ANY(%%s::int[]))
            ORDER BY id LIMIT %%s
            FOR UPDATE SKIP LOCKED)
    UPDATE sale_order s
       SET %(lease)s = (clock_timestamp() AT TIME ZONE 'UTC') + make_interval(secs => %%s)
      FROM picked
     WHERE s.id = picked.id
    RETURNING s.id
"""
LEASE_SQL = {flag: _LEASE_SQL % {"flag": flag, "lease": lease}
             for flag, lease in LEASE_FIELDS.items()}


def lease_pending_orders(config, flag, limit, sale_order_ids=None, lease_seconds=LEASE_SECONDS):
    """Lease up to ``limit`` orders of ``config`` with ``flag`` set and no running lease (of
    ``sale_order_ids`` only, when given); answers them (sudo), in id order."""
    env = config.env
    Sale = env["sale.order"]
    lease = LEASE_FIELDS[flag]
    Sale.flush_model(["marketplace_config_id", flag, lease])
    env.cr.execute(LEASE_SQL[flag], (config.id, sale_order_ids, sale_order_ids, limit,
                                     lease_seconds))
    ids = sorted(row[0] for row in env.cr.fetchall())
    Sale.invalidate_model([lease])
    return Sale.sudo().browse(ids)


def release_vals(flag):
    """The values that end the lease of ``flag``'s push (to write with the acknowledgement)."""
    return {LEASE_FIELDS[flag]: False}
