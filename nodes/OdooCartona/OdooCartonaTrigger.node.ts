import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { credentialTest } from './methods';

import { rememberNonce } from './trigger/nonceMemory';
import { pingContentError } from './trigger/pingContent';
import { verifySignature } from './trigger/verifySignature';

/**
 * Largest ping body accepted (bytes). Odoo's pings are a few hundred bytes (n8n_ping.py refuses
 * to send more than this); a bigger body is refused with 413 before it is read or verified, so a
 * 20 MB body costs neither memory nor an HMAC over it (it used to end in n8n's own 500).
 */
export const MAX_PING_BYTES = 64 * 1024;

function header(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

/**
 * Receives the signed calls of the marketplace_integration addon: outbox pings and the
 * connection test. Refuses (401, no workflow run) an unsigned, forged, stale or replayed call,
 * and (400, no workflow run) a verified one whose content is not a ping (pingContent.ts).
 * "Replayed" is judged per n8n process (nonceMemory.ts): with several webhook processors a replay
 * to another one is accepted and harmless, since a ping names no product and Odoo's outbox claim
 * decides what is sent, once (docs/scaling.md, "Replay protection across webhook processors").
 */
export class OdooCartonaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Odoo Cartona Trigger',
		name: 'odooCartonaTrigger',
		icon: { light: 'file:odooCartona.svg', dark: 'file:odooCartona.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] === "connectionTest" ? "Connection test" : "Outbox ping" }}',
		description: 'Starts the workflow on signed calls from the Odoo marketplace_integration addon',
		defaults: { name: 'Odoo Cartona Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'odooCartonaApi', required: true, testedBy: 'odooCartonaApiTest' }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: '={{ $parameter["responseMode"] }}',
				// Immediately: the webhook's own answer ({ok, received}); last node: its first item.
				responseData: '={{ $parameter["responseMode"] === "lastNode" ? "firstEntryJson" : "" }}',
				path: '={{ $parameter["path"] }}',
				isFullPath: true,
			},
		],
		properties: [
			{
				// n8n parses the body of a version-1 webhook trigger before the node runs unless
				// $parameter.options.binaryData is true; then a 20 MB body ends in n8n's own 500.
				// The node reads the body itself, after checking its size (413 over MAX_PING_BYTES).
				displayName: 'Options',
				name: 'options',
				type: 'hidden',
				default: { binaryData: true },
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{
						name: 'Outbox Ping',
						value: 'outbox',
						description: 'Odoo has pending changes (stock, price, order status or details) to claim',
					},
					{
						name: 'Connection Test',
						value: 'connectionTest',
						description: "Odoo's Test Connection button; answer {ok, cartona, message}",
					},
				],
				default: 'outbox',
			},
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: 'cartona-odoo-ping',
				required: true,
				displayOptions: { show: { event: ['outbox'] } },
				description: 'Webhook path Odoo posts to: {api_endpoint}/webhook/{path}',
			},
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: 'cartona-connection-test',
				required: true,
				displayOptions: { show: { event: ['connectionTest'] } },
				description: 'Webhook path Odoo posts to: {api_endpoint}/webhook/{path}',
			},
			{
				displayName: 'Respond',
				name: 'responseMode',
				type: 'options',
				options: [
					{ name: 'Immediately', value: 'onReceived', description: 'As soon as the ping is verified' },
					{ name: 'When Last Node Finishes', value: 'lastNode', description: 'Returns the data of the last node executed' },
					{ name: "Using 'Respond to Webhook' Node", value: 'responseNode', description: 'Response defined in that node' },
				],
				default: 'onReceived',
				displayOptions: { show: { event: ['outbox'] } },
			},
			{
				displayName: 'Respond',
				name: 'responseMode',
				type: 'options',
				options: [
					{
						name: 'When Last Node Finishes',
						value: 'lastNode',
						description: 'Returns the JSON of the first item of the last node executed',
					},
					{
						name: "Using 'Respond to Webhook' Node",
						value: 'responseNode',
						description: 'Response defined in that node (its version 1: later versions accept only n8n Webhook triggers)',
					},
				],
				default: 'lastNode',
				displayOptions: { show: { event: ['connectionTest'] } },
				description: 'Odoo waits for {"ok": bool, "cartona": "ok"|"rejected"|"unreachable", "message"}',
			},
		],
	};

	methods = { credentialTest };

	/** Nothing to register remotely: the Odoo config holds n8n's URL and the shared secret. */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const response = this.getResponseObject();
		const refuse = (status: number, reason: string): IWebhookResponseData => {
			response.status(status).json({ ok: false, error: reason });
			return { noWebhookResponse: true };
		};

		const headers = this.getHeaderData();
		const tooLarge = (size: number) => refuse(413, `body of ${size} bytes is over the ${MAX_PING_BYTES}-byte limit of a ping`);
		const declared = Number(header(headers['content-length']) ?? 0);
		if (declared > MAX_PING_BYTES) return tooLarge(declared);
		const credentials = await this.getCredentials('odooCartonaApi');
		try {
			if (!request.rawBody && typeof request.readRawBody === 'function') await request.readRawBody();
		} catch {
			return refuse(413, 'the body could not be read (too large, or the connection was cut)');
		}
		const rawBody = Buffer.isBuffer(request.rawBody) ? request.rawBody : Buffer.from(JSON.stringify(request.body ?? {}));
		if (rawBody.length > MAX_PING_BYTES) return tooLarge(rawBody.length);
		const nowSeconds = Math.floor(Date.now() / 1000);
		const nonce = header(headers['x-cartona-nonce']);
		const check = verifySignature(
			String(credentials.webhookSecret ?? ''),
			{
				timestamp: header(headers['x-cartona-timestamp']),
				nonce,
				signature: header(headers['x-cartona-signature']),
				rawBody,
			},
			nowSeconds,
		);
		if (!check.ok) return refuse(401, check.reason);
		const scope = `${this.getWorkflow().id ?? ''}:${this.getNode().name}`;
		if (!rememberNonce(this.getWorkflowStaticData('node'), scope, nonce as string, nowSeconds)) {
			return refuse(401, 'nonce already used (replayed call)');
		}

		let body: unknown;
		try {
			body = JSON.parse(rawBody.toString('utf8'));
		} catch (error) {
			return refuse(400, `body is not JSON: ${(error as Error).message}`);
		}
		if (!body || typeof body !== 'object' || Array.isArray(body)) return refuse(400, 'body is not a JSON object');
		const mode = this.getNodeParameter('event', 'outbox') as string;
		const ping = body as IDataObject;
		const wrong = pingContentError(mode, ping);
		if (wrong) return refuse(400, wrong);
		return {
			webhookResponse: { ok: true, received: ping.event ?? null },
			workflowData: [this.helpers.returnJsonArray([ping])],
		};
	}
}
