import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Odoo with the marketplace_integration addon. JSON-RPC (16.0-18.0) logs in inside the request
 * body, so this credential is tested by the OdooCartona node (`testedBy: odooCartonaApiTest`);
 * JSON-2 (19.0+) sends the API key as a bearer header built here.
 */
export class OdooCartonaApi implements ICredentialType {
	name = 'odooCartonaApi';

	displayName = 'Odoo Cartona API';

	icon = 'file:../nodes/OdooCartona/odooCartona.svg' as const;

	documentationUrl = 'https://github.com/n8n-nodes-cartona/n8n-nodes-cartona#odoo-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Odoo URL',
			name: 'url',
			type: 'string',
			default: '',
			placeholder: 'https://erp.example.com',
			required: true,
		},
		{
			displayName: 'Protocol',
			name: 'protocol',
			type: 'options',
			options: [
				{
					name: 'JSON-RPC (Odoo 16.0 to 18.0)',
					value: 'jsonRpc',
				},
				{
					name: 'JSON-2 (Odoo 19.0 and Later)',
					value: 'json2',
				},
			],
			default: 'jsonRpc',
		},
		{
			displayName: 'Database',
			name: 'db',
			type: 'string',
			default: '',
			description:
				'Odoo database name. Required for JSON-RPC; optional for JSON-2 when the server has one database.',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			description: 'Login of the integration user (member of the Marketplace Integration group)',
			displayOptions: { show: { protocol: ['jsonRpc'] } },
		},
		{
			displayName: 'Password or API Key',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'An API key (Preferences > Account Security) is preferred; JSON-2 needs one',
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The shared secret set as Auth Token on the Odoo marketplace config. The Odoo Cartona Trigger uses it to verify signed pings.',
		},
	];

	/**
	 * JSON-2: `Authorization: bearer <key>`. JSON-RPC: no header at all (the login is in the body);
	 * a generic block would send an empty `Authorization:` header, so this is a function.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		if (credentials.protocol !== 'json2') return requestOptions;
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `bearer ${String(credentials.password ?? '')}` },
		};
	}
}
