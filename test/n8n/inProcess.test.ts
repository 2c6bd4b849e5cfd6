/**
 * The in-process tier: n8n's engine (n8n-core WorkflowExecute) runs workflow JSON inside jest,
 * with n8n-nodes-base and this package's packed build, against the sandbox, a loopback SMTP
 * server and nock. Run on Node 24 with NODE_OPTIONS=--experimental-vm-modules (Send Email and
 * Slack load ESM-only modules).
 */
import nock from 'nock';

import { engine, inProcessMissing, runWorkflow } from '../harness/inProcess';
import { packageNodeMissing } from '../harness/n8nServer';
import { startSmtpServer, type SmtpServer } from '../harness/smtpServer';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { cartonaCredential, manualCartonaProductsWorkflow } from '../harness/fixtures';

const missing = inProcessMissing();
const cartonaMissing = packageNodeMissing();
if (missing) console.log(`SKIPPED test/n8n/inProcess.test.ts: ${missing}`);
else if (cartonaMissing) console.log(`SKIPPED the Cartona node test in test/n8n/inProcess.test.ts: ${cartonaMissing}`);
const itCartona = cartonaMissing ? it.skip : it;
const describeIt = missing ? describe.skip : describe;

jest.setTimeout(120000);
const TOKEN = 'sandbox-token';

const manual = { id: 'm', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
const link = (from: string, to: string) => ({ [from]: { main: [[{ node: to, type: 'main', index: 0 }]] } });

describeIt('in-process n8n engine', () => {
	let sandbox: Sandbox;
	let smtp: SmtpServer;

	beforeAll(async () => {
		[sandbox, smtp] = await Promise.all([startSandbox({ port: 0, token: TOKEN, seed: { products: 25, orders: 1 } }), startSmtpServer()]);
		const t = Date.now();
		await engine({ withPackage: !cartonaMissing });
		console.log(`in-process engine loaded in ${Date.now() - t} ms (package ${cartonaMissing ? 'not loaded: ' + cartonaMissing : 'loaded'})`);
	});
	afterAll(async () => {
		nock.cleanAll();
		nock.enableNetConnect();
		await Promise.all([sandbox?.close(), smtp?.close()]);
	});

	itCartona('runs Manual Trigger -> Cartona Product Get Many (packed package) against the sandbox', async () => {
		const credentials = { cartonaApi: cartonaCredential(sandbox.url).data as Record<string, string> };
		const all = await runWorkflow(manualCartonaProductsWorkflow({ returnAll: true }) as any, { credentials });
		expect(all.error).toBeUndefined();
		expect(all.order).toEqual(['Run by hand', 'Get Cartona products']);
		expect(all.output['Get Cartona products'].map((i) => i.json.supplier_product_id)).toEqual(sandbox.listProducts().map((p) => p.supplier_product_id));
		expect(all.output['Get Cartona products'].every((i) => i.pairedItem !== undefined)).toBe(true);
		console.log(`in-process Cartona run (Return All, 25 products): ${all.ms} ms`);

		const few = await runWorkflow(manualCartonaProductsWorkflow({ limit: 3 }) as any, { credentials });
		expect(few.output['Get Cartona products']).toHaveLength(3);

		const before = sandbox.requests.length;
		const denied = await runWorkflow(manualCartonaProductsWorkflow({ limit: 3 }) as any, { credentials: { cartonaApi: { ...credentials.cartonaApi, token: 'nope' } } });
		expect(denied.error?.message).toMatch(/token/i);
		expect(sandbox.requests.slice(before).some((q) => q.status === 401)).toBe(true);
	});

	itCartona('with On Error "continue using error output", a product Cartona refuses leaves on the error output, the rest on the success output', async () => {
		const credentials = { cartonaApi: cartonaCredential(sandbox.url).data as Record<string, string> };
		const [first, second] = sandbox.listProducts();
		const ids = [first.internal_product_id, 'NO-SUCH-PRODUCT', second.internal_product_id];
		const noOp = (name: string, y: number) => ({ id: name, name, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [400, y], parameters: {} });
		const wf = {
			nodes: [
				{ ...manual, name: 'Start' },
				{
					id: 'p',
					name: 'Push',
					type: 'n8n-nodes-cartona.cartona',
					typeVersion: 1,
					position: [200, 0],
					onError: 'continueErrorOutput',
					credentials: { cartonaApi: { id: '1', name: 'Cartona account' } },
					parameters: { resource: 'product', operation: 'bulkUpdate', fieldsSource: 'mapping', options: { batchSize: 100 } },
				},
				noOp('Sent', 0),
				noOp('Failed', 200),
			],
			connections: {
				...link('Start', 'Push'),
				Push: { main: [[{ node: 'Sent', type: 'main', index: 0 }], [{ node: 'Failed', type: 'main', index: 0 }]] },
			},
		};
		const triggerItems = ids.map((internal_product_id, i) => ({ internal_product_id, available_stock_quantity: 5 + i }));
		const run = await runWorkflow(wf as any, { credentials, triggerItems });
		expect(run.error).toBeUndefined();
		expect(run.output['Sent'].map((i) => i.json.request)).toEqual([
			{ internal_product_id: ids[0], available_stock_quantity: 5 },
			{ internal_product_id: ids[2], available_stock_quantity: 7 },
		]);
		const [failed] = run.output['Failed'];
		expect(run.output['Failed']).toHaveLength(1);
		// { error, details }: the message, and the node's error item (refused, the entry sent).
		expect(failed.json).toMatchObject({ details: { ok: false, refused: true, request: { internal_product_id: 'NO-SUCH-PRODUCT', available_stock_quantity: 6 } } });
		expect(String(failed.json.error)).toMatch(/^Item 1: Cartona rejected it/);
		expect((failed.json.details as { error: string }).error).toBe(failed.json.error);
		expect(run.output['Sent'].every((i) => i.pairedItem !== undefined)).toBe(true);
	});

	it('applies a generic credential and runs base nodes against the sandbox', async () => {
		const wf = {
			nodes: [
				manual,
				{
					id: 'h',
					name: 'Read products',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [200, 0],
					credentials: { httpHeaderAuth: { id: '1', name: 'Sandbox header' } },
					parameters: {
						url: `${sandbox.url}supplier-product`,
						authentication: 'genericCredentialType',
						genericAuthType: 'httpHeaderAuth',
						sendQuery: true,
						queryParameters: { parameters: [{ name: 'per_page', value: '3' }] },
						options: {},
					},
				},
				{
					id: 'f',
					name: 'Only published',
					type: 'n8n-nodes-base.filter',
					typeVersion: 2,
					position: [400, 0],
					parameters: {
						conditions: {
							options: { caseSensitive: true, typeValidation: 'loose' },
							combinator: 'and',
							conditions: [{ id: 'c', leftValue: '={{ $json.supplier_product_id }}', rightValue: '', operator: { type: 'string', operation: 'notEmpty', singleValue: true } }],
						},
						options: {},
					},
				},
			],
			connections: { ...link('Start', 'Read products'), ...link('Read products', 'Only published') },
		};
		const ok = await runWorkflow(wf as any, { credentials: { httpHeaderAuth: { name: 'AuthorizationToken', value: TOKEN } } });
		expect(ok.error).toBeUndefined();
		expect(ok.order).toEqual(['Start', 'Read products', 'Only published']);
		expect(ok.output['Only published'].map((i) => i.json.supplier_product_id)).toEqual(sandbox.listProducts().slice(0, 3).map((p) => p.supplier_product_id));
		console.log(`in-process run: ${ok.ms} ms`);

		const bad = await runWorkflow(wf as any, { credentials: { httpHeaderAuth: { name: 'AuthorizationToken', value: 'nope' } } });
		expect(bad.error).toBeDefined();
		expect(bad.error?.node?.name).toBe('Read products');
		expect(bad.output['Only published']).toBeUndefined();
	});

	it('sends an email through the Send Email node to the loopback SMTP server', async () => {
		const wf = {
			nodes: [
				manual,
				{
					id: 'e',
					name: 'Email',
					type: 'n8n-nodes-base.emailSend',
					typeVersion: 2.1,
					position: [200, 0],
					webhookId: 'e-in-process',
					credentials: { smtp: { id: '1', name: 'SMTP' } },
					parameters: { fromEmail: 'n8n@cartona.test', toEmail: 'ops@cartona.test', subject: '={{ $json.subject }}', emailFormat: 'text', text: '={{ $json.text }}', options: {} },
				},
			],
			connections: link('Start', 'Email'),
		};
		const r = await runWorkflow(wf as any, {
			credentials: { smtp: { user: 'n8n', password: 'x', host: smtp.host, port: smtp.port, secure: false, disableStartTls: true } },
			triggerItems: [{ subject: 'In-process mail', text: 'Order 42 failed to import' }],
		});
		expect(r.error).toBeUndefined();
		const mail = await smtp.waitForMessage((m) => m.subject === 'In-process mail');
		expect(mail.text).toContain('Order 42 failed to import');
	});

	it('posts a Slack message (nock on slack.com)', async () => {
		nock.disableNetConnect();
		nock.enableNetConnect(/127\.0\.0\.1/);
		const posted: any[] = [];
		const scope = nock('https://slack.com')
			.post('/api/chat.postMessage', (body) => {
				posted.push(body);
				return true;
			})
			.matchHeader('authorization', 'Bearer xoxb-test')
			.reply(200, { ok: true, channel: 'C0123456789', ts: '1.2', message: { text: 'hi' } });
		const wf = {
			nodes: [
				manual,
				{
					id: 's',
					name: 'Slack',
					type: 'n8n-nodes-base.slack',
					typeVersion: 2.3,
					position: [200, 0],
					webhookId: 's-in-process',
					credentials: { slackApi: { id: '1', name: 'Slack' } },
					parameters: {
						select: 'channel',
						channelId: { __rl: true, mode: 'id', value: 'C0123456789' },
						text: '={{ $json.text }}',
						otherOptions: { includeLinkToWorkflow: false },
					},
				},
			],
			connections: link('Start', 'Slack'),
		};
		const r = await runWorkflow(wf as any, { credentials: { slackApi: { accessToken: 'xoxb-test' } }, triggerItems: [{ text: 'Workflow X failed' }] });
		expect(r.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(posted[0]).toMatchObject({ channel: 'C0123456789', text: 'Workflow X failed' });
	});
});
