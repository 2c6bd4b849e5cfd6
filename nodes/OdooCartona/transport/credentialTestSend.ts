import type { ICredentialTestFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { OdooCartonaApi } from '../../../credentials/OdooCartonaApi.credentials';
import { describeNetworkError } from './index';
import type { HttpSend, OdooConnection, OdooHttpRequest, OdooHttpResponse } from './types';

const credentialType = new OdooCartonaApi();

/**
 * The HTTP sender of the credential test. A credential test gets the decrypted credential and
 * only `helpers.request` (no httpRequestWithAuthentication), so it applies the credential's own
 * `authenticate`: `Authorization: bearer <key>` for JSON-2, no header for JSON-RPC.
 */
export function credentialTestSend(
	context: ICredentialTestFunctions,
	connection: OdooConnection,
): HttpSend {
	return async (request: OdooHttpRequest): Promise<OdooHttpResponse> => {
		const authenticated: IHttpRequestOptions = await credentialType.authenticate(
			{ protocol: connection.protocol, password: connection.password },
			{ url: request.url, headers: { ...request.headers } },
		);
		try {
			const response = (await context.helpers.request({
				method: 'POST',
				uri: request.url,
				headers: authenticated.headers,
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
