import type { IExecuteFunctions } from 'n8n-workflow';
import type { CartonaConnection } from '../../transport/connection';
import type { RetryLimits } from '../../transport/retryPolicy';
import { DEFAULT_RETRY_LIMITS } from '../../transport/retryPolicy';
import type { RequestGateLimits } from '../../transport/requestGate';
import { DEFAULT_BATCH_SIZE, DEFAULT_CONCURRENCY, DEFAULT_MAX_REQUESTS_PER_SECOND, PARAM } from './common.descriptions';

const option = (name: string) => `${PARAM.options}.${name}`;

/** The node option, else the credential's default; '' sends none. */
export function readSupplierCode(this: IExecuteFunctions, connection: CartonaConnection, itemIndex: number): string {
	const fromNode = String(this.getNodeParameter(option(PARAM.internalSupplierCode), itemIndex, '') ?? '').trim();
	return fromNode || connection.defaultSupplierCode;
}

/** Retry bounds are node-wide: read from the first item. */
export function readRetryLimits(this: IExecuteFunctions): RetryLimits {
	const maxRetries = Number(this.getNodeParameter(option(PARAM.maxRetries), 0, DEFAULT_RETRY_LIMITS.maxRetries));
	const maxWaitSeconds = Number(
		this.getNodeParameter(option(PARAM.maxRetryWaitSeconds), 0, DEFAULT_RETRY_LIMITS.maxWaitMs / 1000),
	);
	return {
		maxRetries: Number.isFinite(maxRetries) ? Math.max(0, Math.floor(maxRetries)) : DEFAULT_RETRY_LIMITS.maxRetries,
		maxWaitMs: Number.isFinite(maxWaitSeconds) ? Math.max(0, maxWaitSeconds * 1000) : DEFAULT_RETRY_LIMITS.maxWaitMs,
	};
}

/** Batch size is node-wide: read from the first item. */
export function readBatchSize(this: IExecuteFunctions): number {
	const size = Number(this.getNodeParameter(option(PARAM.batchSize), 0, DEFAULT_BATCH_SIZE));
	return Number.isFinite(size) && size >= 1 ? Math.floor(size) : DEFAULT_BATCH_SIZE;
}

/** Concurrency and the requests-per-second cap are node-wide: read from the first item. */
export function readGateLimits(this: IExecuteFunctions): RequestGateLimits {
	const concurrency = Number(this.getNodeParameter(option(PARAM.concurrency), 0, DEFAULT_CONCURRENCY));
	const maxPerSecond = Number(
		this.getNodeParameter(option(PARAM.maxRequestsPerSecond), 0, DEFAULT_MAX_REQUESTS_PER_SECOND),
	);
	return {
		concurrency: Number.isFinite(concurrency) && concurrency >= 1 ? Math.floor(concurrency) : DEFAULT_CONCURRENCY,
		maxPerSecond: Number.isFinite(maxPerSecond) && maxPerSecond > 0 ? maxPerSecond : 0,
	};
}

/** Return All reads every page (no limit); otherwise the Limit parameter of item i. */
export function readListLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = this.getNodeParameter(PARAM.returnAll, itemIndex, false) as boolean;
	return returnAll ? undefined : (this.getNodeParameter(PARAM.limit, itemIndex, 50) as number);
}
