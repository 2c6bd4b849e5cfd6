import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { BAD_TOKEN_STATUSES, ERROR_BODY } from '../schema';
import type { HttpFailure } from './httpFailure';
import type { RetryClass } from './retryPolicy';
import { outcomeUnknown } from './retryPolicy';

export interface FailedCall {
	method: string;
	path: string;
	retryClass: RetryClass;
	/** Requests made for this call, first attempt included. */
	attempts: number;
	itemIndex?: number;
}

/** Cartona's `error` text and `details` object from an error body [assumed shape]. */
export function readCartonaErrorBody(body: unknown): { error?: string; details?: unknown } {
	if (typeof body === 'string') return body.trim() ? { error: body.trim().slice(0, 500) } : {};
	if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
	const record = body as Record<string, unknown>;
	const error = record[ERROR_BODY.error];
	return {
		error: typeof error === 'string' ? error : error !== undefined ? JSON.stringify(error) : undefined,
		details: record[ERROR_BODY.details],
	};
}

function headline(failure: HttpFailure, call: FailedCall): string {
	const { status } = failure;
	if (status === 401) return 'Cartona rejected the token';
	if (status === 400) return 'Cartona refused the request';
	if (status === 403) return 'Cartona refused access for this token';
	if (status === 404) return 'Cartona does not know this order or path';
	if (status === 422) return 'Cartona refused the data';
	if (status === 429) return 'Cartona kept rate limiting the requests';
	if (status !== undefined && status >= 500) return 'Cartona failed to process the request';
	if (status !== undefined) return `Cartona answered HTTP ${status}`;
	// No answer from here on: the retry policy knows which network errors mean it never left.
	if (!outcomeUnknown(failure)) return 'Could not reach Cartona';
	if (call.retryClass === 'notReplayable') {
		return 'The connection to Cartona broke before an answer; the change may or may not have been applied';
	}
	return 'The connection to Cartona broke before an answer';
}

function explanation(failure: HttpFailure, call: FailedCall, cartonaError?: string): string {
	const parts: string[] = [];
	if (cartonaError) parts.push(`Cartona says: ${cartonaError}`);
	const where = `${call.method} ${call.path}`;
	const tries = call.attempts === 1 ? '1 request' : `${call.attempts} requests`;
	parts.push(
		failure.status !== undefined
			? `${where} answered HTTP ${failure.status} (${tries}).`
			: `${where} failed with network error ${failure.code ?? 'unknown'} (${tries}).`,
	);
	if (failure.status !== undefined && (BAD_TOKEN_STATUSES as readonly number[]).includes(failure.status)) {
		parts.push('If every call fails this way, check the token and environment of the Cartona credential.');
	}
	if (failure.status === undefined && call.retryClass === 'notReplayable' && outcomeUnknown(failure)) {
		parts.push('Order changes are not sent twice automatically: check the order in Cartona before running again.');
	}
	return parts.join(' ');
}

/**
 * The NodeApiError for a failed Cartona call, mapped from the HTTP status and Cartona's
 * documented `error`/`details` body (never from English message text).
 */
export function toCartonaApiError(node: INode, failure: HttpFailure, call: FailedCall): NodeApiError {
	const { error: cartonaError, details } = readCartonaErrorBody(failure.body);
	const title = headline(failure, call);
	const response: JsonObject = {
		status: failure.status ?? null,
		error: cartonaError ?? null,
		details: (details as JsonObject | undefined) ?? null,
		network: failure.code ?? null,
	};
	const error = new NodeApiError(node, response, {
		message: cartonaError && failure.status !== undefined ? `${title}: ${cartonaError}` : title,
		description: explanation(failure, call, cartonaError),
		httpCode: failure.status !== undefined ? String(failure.status) : undefined,
		itemIndex: call.itemIndex,
	});
	// Cartona's own words, for callers that restate the failure for one order (confirmStatusEntry.ts).
	if (cartonaError !== undefined) error.context.cartonaError = cartonaError;
	// A change that was not replayed and may have been applied: bulkBatches.ts can confirm it.
	if (call.retryClass === 'notReplayable' && outcomeUnknown(failure)) error.context.outcomeUnknown = true;
	return error;
}
