import type { ICredentialTestFunctions } from 'n8n-workflow';

import { describeNetworkError } from './index';
import type { HttpSend, OdooConnection, OdooHttpRequest, OdooHttpResponse } from './types';

/**
 * The HTTP sender of the credential test. A credential test gets the decrypted credential and
 * only `helpers.request` (no httpRequestWithAuthentication), so it applies the same header the
 * credential's `authenticate` declares: `Authorization: bearer <key>` for JSON-2, none for JSON-RPC.
 */
export function credentialTestSend(context: ICredentialTestFunctions, connection: OdooConnection): HttpSend {
	return async (request: OdooHttpRequest): Promise<OdooHttpResponse> => {
		const headers: Record<string, string> = { ...request.headers };
		if (connection.protocol === 'json2') headers.Authorization = `bearer ${connection.password}`;
		try {
			const response = (await context.helpers.request({
				method: 'POST',
				uri: request.url,
				headers,
				body: request.body,
				json: true,
				resolveWithFullResponse: true,
				simple: false,
				timeout: 20000,
			})) as { statusCode: number; body: unknown };
			return { statusCode: response.statusCode, body: response.body };
		} catch (error) {
			return { statusCode: 0, body: undefined, networkError: describeNetworkError(error) };
		}
	};
}
