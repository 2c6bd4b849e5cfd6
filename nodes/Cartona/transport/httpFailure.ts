/**
 * What a failed HTTP call tells us, read from the error n8n throws: `httpRequestWithAuthentication`
 * wraps the client's error (axios: `response.status`, `response.headers`, `response.data`, `code`)
 * in a NodeApiError whose `cause` chain holds it.
 */
export interface HttpFailure {
	status?: number;
	headers: Record<string, string>;
	body?: unknown;
	/** Node's socket error code: ECONNREFUSED, ECONNRESET, ETIMEDOUT, ECONNABORTED... */
	code?: string;
}

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
		if (failure.code === undefined && typeof level.code === 'string' && /^E[A-Z_]+$/.test(level.code) && !level.code.startsWith('ERR_')) {
			failure.code = level.code;
		}
		level = level.cause as ErrorLevel | undefined;
	}
	return failure;
}
