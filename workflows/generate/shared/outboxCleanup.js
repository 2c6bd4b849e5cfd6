'use strict';
const { odoo } = require('./nodes');

/**
 * Order outbox entries only say "an order changed, ping n8n"; what must go to Cartona is the
 * order's pending flag, which Mark Synced clears (or keeps, with the error). After the push
 * branch (n8n's v1 order runs the upper branch first), the entries are claimed and acknowledged
 * so Odoo stops re-pinging; an order still flagged pending is retried by the sweep.
 */
function outboxCleanup(kind, at) {
	const label = kind === 'order_status' ? 'status' : 'line change';
	return [
		odoo(`Claim the ${label} pings from the outbox`, 'outbox', 'claim', { kinds: [kind], maxEntries: 500, leaseSeconds: 120 }, at),
		odoo(`Acknowledge the ${label} pings`, 'outbox', 'acknowledge', { entryId: '={{ $json.entry_id }}', succeeded: true, options: {} }, [at[0] + 240, at[1]]),
	];
}

function outboxCleanupEdges(kind) {
	const label = kind === 'order_status' ? 'status' : 'line change';
	return [
		['Settings', `Claim the ${label} pings from the outbox`],
		[`Claim the ${label} pings from the outbox`, `Acknowledge the ${label} pings`],
	];
}

module.exports = { outboxCleanup, outboxCleanupEdges };
