/**
 * What a failed HTTP call tells us, read from the error n8n throws: `httpRequestWithAuthentication`
 * wraps the client's error (axios: `response.status`, `response.headers`, `response.data`, `code`)
 * in a NodeApiError whose `cause` chain holds it.
 */
export interface HttpFailure {
	status?: number;
	headers: Record<string, string>;
	body?: unknown;
	/** Socket error code: ECONNREFUSED, ECONNRESET, ETIMEDOUT, ECONNABORTED, UND_ERR_SOCKET... */
	code?: string;
}

/** Node socket codes (ECONNRESET...) and undici's (UND_ERR_SOCKET...); not axios's ERR_BAD_RESPONSE. */
const SOCKET_ERROR_CODE = /^(E(?!RR_)[A-Z_]+|UND_ERR_[A-Z_]+)$/;

interface ErrorLevel {
	response?: { status?: unknown; headers?: unknown; data?: unknown };
	code?: unknown;
	cause?: unknown;
}

function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const result: Record<string, string> = {};
	if (!headers || typeof headers !== 'object') return result;
	const source =
		typeof (headers as { toJSON?: unknown }).toJSON === 'function'
			? ((headers as { toJSON: () => unknown }).toJSON() as Record<string, unknown>)
			: (headers as Record<string, unknown>);
	for (const [name, value] of Object.entries(source)) {
		if (value !== undefined && value !== null) result[name.toLowerCase()] = String(value);
	}
	return result;
}

export function readHttpFailure(error: unknown): HttpFailure {
	const failure: HttpFailure = { headers: {} };
	const seen = new Set<unknown>();
	let level = error as ErrorLevel | undefined;
	while (level && typeof level === 'object' && !seen.has(level)) {
		seen.add(level);
		const response = level.response;
		if (failure.status === undefined && response && typeof response.status === 'number') {
			failure.status = response.status;
			failure.headers = lowerCaseHeaders(response.headers);
			failure.body = response.data;
		}
		if (failure.code === undefined && typeof level.code === 'string' && SOCKET_ERROR_CODE.test(level.code)) {
			failure.code = level.code;
		}
		level = level.cause as ErrorLevel | undefined;
	}
	return failure;
}
