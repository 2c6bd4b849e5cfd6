import type { IExecuteFunctions } from 'n8n-workflow';
import { CARTONA_BASE_URLS } from '../schema';

export const CREDENTIAL_TYPE = 'cartonaApi';

/** Where requests go and the credential's default supplier account. */
export interface CartonaConnection {
	/** Base URL without trailing slash, e.g. https://supplier-integrations.cartona.com/api/v1 */
	baseUrl: string;
	defaultSupplierCode: string;
}

/** Reads the credential once per execution (the token itself is added by `authenticate`). */
export async function resolveConnection(this: IExecuteFunctions): Promise<CartonaConnection> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const environment = (credentials.environment as string | undefined) ?? 'production';
	const url =
		environment === 'custom'
			? String(credentials.url ?? '')
			: environment === 'staging'
				? CARTONA_BASE_URLS.staging
				: CARTONA_BASE_URLS.production;
	return {
		baseUrl: url.replace(/\/+$/, ''),
		defaultSupplierCode: String(credentials.internalSupplierCode ?? '').trim(),
	};
}
