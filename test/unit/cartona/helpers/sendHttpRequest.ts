import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * Sends one request with Node's fetch (nock 14 intercepts it deterministically; its socket-level
 * error emulation for http.request races under load) and fails the way n8n's axios client does:
 * an error with `response: { status, headers, data }` for HTTP errors, an error whose `code` is
 * the socket error (ECONNRESET, ECONNREFUSED, ...) or ECONNABORTED on timeout otherwise.
 */
export async function sendHttpRequest(options: IHttpRequestOptions, headers: Record<string, string>): Promise<unknown> {
	const url = new URL(String(options.url ?? '').replace(/^\//, ''), `${String(options.baseURL ?? '').replace(/\/?$/, '/')}`);
	for (const [key, value] of Object.entries((options.qs ?? {}) as IDataObject)) {
		if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
	}
	const init: RequestInit = { method: options.method ?? 'GET', headers: { ...headers } };
	if (options.body !== undefined) {
		init.body = JSON.stringify(options.body);
		(init.headers as Record<string, string>)['content-type'] = 'application/json';
	}
	if (options.timeout) init.signal = AbortSignal.timeout(options.timeout);

	let response: Response;
	try {
		response = await fetch(url, init);
	} catch (error) {
		throw toNetworkError(error);
	}
	let text: string;
	try {
		text = await response.text();
	} catch (error) {
		throw toNetworkError(error);
	}
	let data: unknown = text;
	try {
		data = text === '' ? '' : JSON.parse(text);
	} catch {
		data = text;
	}
	if (response.status >= 400) {
		const responseHeaders: Record<string, string> = {};
		response.headers.forEach((value, name) => (responseHeaders[name] = value));
		throw Object.assign(new Error(`Request failed with status code ${response.status}`), {
			isAxiosError: true,
			response: { status: response.status, headers: responseHeaders, data },
		});
	}
	return data;
}

function toNetworkError(error: unknown): Error {
	const name = (error as Error | undefined)?.name;
	if (name === 'TimeoutError' || name === 'AbortError') {
		return Object.assign(new Error('timeout exceeded'), { code: 'ECONNABORTED', isAxiosError: true });
	}
	let cause: unknown = error;
	while (cause && typeof cause === 'object') {
		const code = (cause as { code?: unknown }).code;
		if (typeof code === 'string') return Object.assign(new Error((cause as Error).message), { code, isAxiosError: true });
		cause = (cause as { cause?: unknown }).cause;
	}
	return Object.assign(new Error((error as Error)?.message ?? 'network error'), { code: 'ECONNRESET', isAxiosError: true });
}
