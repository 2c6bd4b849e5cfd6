import { sleep } from 'n8n-workflow';

import type { OdooFault } from './fault';
import type { OdooBackend, OdooOutcome } from './types';

/**
 * Batch API methods that may be sent twice without harm: reads, and writes that are idempotent
 * by design (import and state replay upsert by hashed_id, mappings report "unchanged"). Claims,
 * acknowledgements, mark-synced and log writes are never replayed blindly.
 */
export const RETRYABLE_METHODS = new Set([
	'cartona_get_config',
	'cartona_get_status_changes',
	'cartona_get_details_changes',
	'cartona_resolve_products',
	'cartona_stock_snapshot',
	'cartona_price_snapshot',
	'cartona_import_orders',
	'cartona_apply_order_states',
	'cartona_set_partner_ids',
	'cartona_set_product_ids',
	'cartona_match_partners',
	'search_count',
	'search_read',
	'read',
]);

/** Waits before the 1st and 2nd retry (ms). */
export const RETRY_DELAYS_MS = [500, 2000];

/** No answer, or a gateway/overload answer without an Odoo error body. */
function isTransient(fault: OdooFault): boolean {
	if (fault.kind === 'unreachable') return true;
	return fault.kind === 'http' && [429, 502, 503, 504].includes(fault.status ?? 0);
}

/** Calls the backend, retrying transient failures of retryable methods twice. */
export async function callWithRetry(
	backend: OdooBackend,
	model: string,
	method: string,
	args: unknown[],
	kwargs: Parameters<OdooBackend['call']>[3],
	delaysMs: readonly number[] = RETRY_DELAYS_MS,
): Promise<OdooOutcome> {
	let outcome = await backend.call(model, method, args, kwargs);
	for (const delay of delaysMs) {
		if (outcome.ok || !RETRYABLE_METHODS.has(method) || !isTransient(outcome.fault)) break;
		await sleep(delay);
		outcome = await backend.call(model, method, args, kwargs);
	}
	return outcome;
}
