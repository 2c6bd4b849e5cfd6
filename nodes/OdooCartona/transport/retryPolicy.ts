import { sleep } from 'n8n-workflow';

import { budgetedWaitMs, NEVER_SENT_CODES, parseRetryAfterMs, type RetryLimits } from '../../shared/retryBudget';

import type { OdooFault } from './fault';
import type { OdooBackend, OdooOutcome } from './types';

/**
 * Which Odoo calls are retried on what (the Odoo twin of the Cartona transport's policy).
 *
 * | call                                                      | retried on |
 * |-----------------------------------------------------------|------------|
 * | `RETRYABLE_METHODS`: reads, and writes idempotent by       | 429, 502, 503, 504 without an Odoo error body, and every |
 * | design (import and state replay upsert by hashed_id,       | connection failure (refused, dropped, timed out, DNS) |
 * | mappings answer "unchanged")                               | |
 * | every other method (outbox claim and ack, mark-synced,     | 429 and 503 (refused before any work) and connection |
 * | sync-log writes)                                           | failures where the request never left (refused, DNS, unreachable). |
 * |                                                           | Never after a dropped connection, a timeout, 502 or 504: |
 * |                                                           | the call may have run, and a replay would log twice or re-claim. |
 *
 * An Odoo error (an answer with an Odoo exception) is never retried: sending the same call again
 * gets the same answer. Waits: `Retry-After` (seconds or an HTTP date) when the answer has one,
 * else 0.5 s, 1 s, 2 s ...; at most `maxRetries` retries and `maxWaitMs` of waiting in total: a
 * `Retry-After` beyond what is left stops the retries at once rather than waiting past the cap.
 * Waits use n8n-workflow's `sleep`.
 */
export const RETRYABLE_METHODS = new Set([
	'cartona_get_config',
	'cartona_get_status_changes',
	'cartona_get_details_changes',
	'cartona_resolve_products',
	'cartona_stock_snapshot',
	'cartona_price_snapshot',
	'cartona_snapshot_pages',
	'cartona_import_orders',
	'cartona_apply_order_states',
	'cartona_set_partner_ids',
	'cartona_set_product_ids',
	'cartona_match_partners',
	'search_count',
	'search_read',
	'read',
]);

export type OdooRetryLimits = RetryLimits;

export const DEFAULT_ODOO_RETRY_LIMITS: OdooRetryLimits = { maxRetries: 3, maxWaitMs: 30_000 };
/** Backoff without Retry-After: 0.5 s, 1 s, 2 s, ... */
export const ODOO_BACKOFF_BASE_MS = 500;


/** Whether this failure of this method may be sent again. */
export function isRetryableFault(fault: OdooFault, method: string): boolean {
	const repeatable = RETRYABLE_METHODS.has(method);
	if (fault.kind === 'unreachable') return repeatable || NEVER_SENT_CODES.has(fault.name);
	if (fault.kind !== 'http') return false;
	const status = fault.status ?? 0;
	if (status === 429 || status === 503) return true;
	return repeatable && (status === 502 || status === 504);
}

/** `Retry-After` in milliseconds (seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterMs(fault: OdooFault, now: number = Date.now()): number | undefined {
	return parseRetryAfterMs(fault.retryAfter, now);
}

/** How long to wait before retry number `attempt` (0-based), or undefined to stop. */
export function nextOdooWaitMs(
	fault: OdooFault,
	method: string,
	attempt: number,
	waitedMs: number,
	limits: OdooRetryLimits = DEFAULT_ODOO_RETRY_LIMITS,
): number | undefined {
	if (!isRetryableFault(fault, method)) return undefined;
	return budgetedWaitMs(attempt, waitedMs, limits, retryAfterMs(fault), ODOO_BACKOFF_BASE_MS);
}

/** Calls the backend, retrying what `isRetryableFault` allows, within `limits`. */
export async function callWithRetry(
	backend: OdooBackend,
	model: string,
	method: string,
	args: unknown[],
	kwargs: Parameters<OdooBackend['call']>[3],
	limits: OdooRetryLimits = DEFAULT_ODOO_RETRY_LIMITS,
): Promise<OdooOutcome> {
	let outcome = await backend.call(model, method, args, kwargs);
	let waited = 0;
	for (let attempt = 0; !outcome.ok; attempt++) {
		const wait = nextOdooWaitMs(outcome.fault, method, attempt, waited, limits);
		if (wait === undefined) break;
		await sleep(wait);
		waited += wait;
		outcome = await backend.call(model, method, args, kwargs);
	}
	return outcome;
}
