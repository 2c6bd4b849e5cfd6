import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Base URL (no trailing slash) of the chosen environment. The hosts repeat
 * nodes/Cartona/schema.ts (CARTONA_BASE_URLS): credential expressions cannot import it.
 */
const BASE_URL_EXPRESSION =
	'={{ ($credentials.environment === "custom" ? $credentials.url : $credentials.environment === "staging" ? "https://supplier-integrations.cartona.space/api/v1/" : "https://supplier-integrations.cartona.com/api/v1/").replace(/\\/+$/, "") }}';

export class CartonaApi implements ICredentialType {
	name = 'cartonaApi';

	displayName = 'Cartona API';

	icon: Icon = {
		light: 'file:../nodes/Cartona/cartona.svg',
		dark: 'file:../nodes/Cartona/cartona.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-cartona/n8n-nodes-cartona#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{
					name: 'Production',
					value: 'production',
					description: 'https://supplier-integrations.cartona.com/api/v1/',
				},
				{
					name: 'Staging',
					value: 'staging',
					description: 'https://supplier-integrations.cartona.space/api/v1/',
				},
				{
					name: 'Custom URL',
					value: 'custom',
					description: 'Any other base URL, e.g. the local Cartona sandbox',
				},
			],
		},
		{
			displayName: 'Base URL',
			name: 'url',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4010/api/v1/',
			description: 'Base URL of the API, ending in /api/v1/',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The supplier-integration token Cartona gave you. It is sent as the AuthorizationToken header.',
		},
		{
			displayName: 'Default Internal Supplier Code',
			name: 'internalSupplierCode',
			type: 'string',
			default: '',
			placeholder: '2',
			description:
				'When one token covers several supplier accounts, the account to use unless the node names another (1 retail, 2 wholesale, 3 wholesale to wholesale). Leave empty to let Cartona decide.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				AuthorizationToken: '={{$credentials.token}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/supplier-product',
			method: 'GET',
			qs: { page: 1, per_page: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Cartona rejected the token. Check that it is complete and belongs to this environment.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 400,
					message: 'Cartona rejected the token. Check that it is complete and belongs to this environment.',
				},
			},
		],
	};
}
