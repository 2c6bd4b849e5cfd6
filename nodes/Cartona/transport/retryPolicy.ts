import { budgetedWaitMs, NEVER_SENT_CODES, parseRetryAfterMs, type RetryLimits } from '../../shared/retryBudget';
import { RETRY_AFTER_HEADER } from '../schema';
import type { HttpFailure } from './httpFailure';

/**
 * Which Cartona calls are retried on what. This is the one place that decides.
 *
 * | call                                                        | class        | retried on |
 * |-------------------------------------------------------------|--------------|------------|
 * | every GET (pull-orders, supplier-product, base-products)    | `repeatable` | 429, any 5xx, timeouts, connection refused/reset/dropped, DNS hiccups |
 * | supplier-product/bulk-update, base-product/bulk-update,     | `repeatable` | same: they set absolute values (price, stock, flags), so sending  |
 * | base-product/bulk-update-stock                              |              | them twice leaves the same state |
 * | order/update-order-status (bulk and one order) carrying only | `repeatable` | same: `synced` only acknowledges that an order was received,     |
 * | `synced` acknowledgements (statusEntry.ts)                  |              | so a repeat changes nothing; bulk batches never mix it with transitions |
 * | order/update-order-status (bulk and one order),             | `notReplayable` | 429 (refused before processing), 503 (server says it is   |
 * | order/update-order-details                                  |              | unavailable), connection refused and DNS failures (the request never left). |
 * |                                                             |              | Never after a timeout, a dropped connection, 500, 502 or 504: the |
 * |                                                             |              | change may have been applied, and a replay could re-add lines or |
 * |                                                             |              | hit a refused transition. The error surfaces instead (a details |
 * |                                                             |              | batch with no answer is confirmed entry by entry: schema.ts). |
 *
 * Bounds: at most `maxRetries` retries (node option, default 3) and at most `maxWaitMs` of waiting
 * in total per request (default 60 s). A `Retry-After` longer than the remaining budget stops the
 * retries at once rather than waiting past the cap. Waits use n8n-workflow's `sleep`.
 */
export type RetryClass = 'repeatable' | 'notReplayable';

export type { RetryLimits };

export const DEFAULT_RETRY_LIMITS: RetryLimits = { maxRetries: 3, maxWaitMs: 60_000 };
/** Backoff without Retry-After: 1 s, 2 s, 4 s, ... */
export const BACKOFF_BASE_MS = 1_000;

/** The request may or may not have been processed: only repeatable calls retry. */
const MAYBE_SENT_CODES = new Set([
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'ESOCKETTIMEDOUT',
	'UND_ERR_SOCKET',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
]);

export function isRetryable(failure: HttpFailure, retryClass: RetryClass): boolean {
	const { status, code } = failure;
	if (status !== undefined) {
		if (status === 429) return true;
		if (status >= 500) return retryClass === 'repeatable' || status === 503;
		return false;
	}
	if (code === undefined) return false;
	if (NEVER_SENT_CODES.has(code)) return true;
	return retryClass === 'repeatable' && MAYBE_SENT_CODES.has(code);
}

/**
 * Whether a failed request may have been processed without its answer reaching us: the
 * connection broke or timed out after it left, or a gateway timed out waiting (504). A refused
 * connection, a DNS failure, 429 and 503 mean it was not processed; other answers are answers.
 */
export function outcomeUnknown(failure: HttpFailure): boolean {
	const { status, code } = failure;
	if (status !== undefined) return status === 504;
	return code === undefined || !NEVER_SENT_CODES.has(code);
}

/** `Retry-After` in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(failure: HttpFailure, now: number = Date.now()): number | undefined {
	return parseRetryAfterMs(failure.headers[RETRY_AFTER_HEADER], now);
}

/** How long to wait before retry number `attempt` (0-based), or undefined to stop retrying. */
export function nextWaitMs(
	failure: HttpFailure,
	retryClass: RetryClass,
	attempt: number,
	waitedMs: number,
	limits: RetryLimits,
): number | undefined {
	if (!isRetryable(failure, retryClass)) return undefined;
	return budgetedWaitMs(attempt, waitedMs, limits, retryAfterMs(failure), BACKOFF_BASE_MS);
}
