/**
 * Server mode: one real n8n 2.41.1 (`n8n start`) with this package installed as a community
 * package, shared by every test in this file. Proves the plumbing the templates use: credentials
 * created by name, a published webhook workflow answering, and an error workflow sending mail to
 * a real SMTP server on loopback.
 */
import { startN8n, realN8nMissing, packageNodeMissing, type N8nServer } from '../harness/n8nServer';
import { startSmtpServer, type SmtpServer } from '../harness/smtpServer';
import { cartonaCredential, webhookCartonaProductsWorkflow } from '../harness/fixtures';
import { startSandbox, type Sandbox } from '../../sandbox/server';

const missing = realN8nMissing() ?? packageNodeMissing();
if (missing) console.log(`SKIPPED test/n8n/server.test.ts: ${missing}`);
const describeReal = missing ? describe.skip : describe;

jest.setTimeout(120000);

const TOKEN = 'sandbox-token';

describeReal('real n8n server (community package installed)', () => {
	let n8n: N8nServer;
	let smtp: SmtpServer;
	let sandbox: Sandbox;

	beforeAll(async () => {
		[sandbox, smtp] = await Promise.all([
			startSandbox({ port: 0, token: TOKEN, seed: { products: 30, orders: 2 } }),
			startSmtpServer(),
		]);
		n8n = await startN8n();
		console.log(`n8n server ready in ${n8n.timings.startMs} ms (install ${n8n.timings.installMs ?? 0} ms, readiness ${n8n.timings.readyMs} ms)`);
	});

	afterAll(async () => {
		await n8n?.stop();
		await Promise.all([smtp?.close(), sandbox?.close()]);
	});

	it('publishes a webhook workflow using the Cartona node and answers with sandbox products', async () => {
		const [cred] = await n8n.importCredentials([cartonaCredential(sandbox.url)]);
		const { id } = await n8n.importWorkflow(webhookCartonaProductsWorkflow('cartona-products'));
		const stored = await n8n.getWorkflow(id);
		const node = stored.nodes.find((n: { type: string }) => n.type === 'n8n-nodes-cartona.cartona');
		expect(node.credentials.cartonaApi).toEqual({ id: cred.id, name: cred.name });

		let t = Date.now();
		await n8n.activate(id);
		console.log(`activate (publish + live): ${Date.now() - t} ms`);
		t = Date.now();
		const res = await n8n.webhook('cartona-products', { body: { limit: 6 } });
		expect(res.status).toBe(200);
		expect(res.body.map((p: { supplier_product_id: string }) => p.supplier_product_id)).toEqual(
			sandbox.listProducts().slice(0, 6).map((p) => p.supplier_product_id),
		);
		const exec = await n8n.waitForExecution({ workflowId: id, status: 'success' });
		expect(exec.data.resultData.runData['Get Cartona products'][0].data.main[0]).toHaveLength(6);
		const latencies: number[] = [];
		for (let i = 0; i < 5; i++) latencies.push((await n8n.webhook('cartona-products', { body: { limit: 1 } })).ms);
		console.log(`Cartona webhook round trips (ms): ${latencies.join(', ')}`);
	});

	it('publishes a base-node webhook workflow with a credential referenced by name', async () => {
		await n8n.importCredentials([
			{ name: 'Sandbox header', type: 'httpHeaderAuth', data: { name: 'AuthorizationToken', value: TOKEN } },
		]);
		const { id } = await n8n.importWorkflow({
			name: 'Webhook reads products',
			nodes: [
				{
					id: 'w1',
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: 'harness-products',
					parameters: { httpMethod: 'POST', path: 'harness-products', responseMode: 'lastNode', responseData: 'allEntries' },
				},
				{
					id: 'h1',
					name: 'Read products',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [220, 0],
					credentials: { httpHeaderAuth: { id: '', name: 'Sandbox header' } },
					parameters: {
						url: `${sandbox.url}supplier-product`,
						authentication: 'genericCredentialType',
						genericAuthType: 'httpHeaderAuth',
						sendQuery: true,
						queryParameters: {
							parameters: [
								{ name: 'page', value: '1' },
								{ name: 'per_page', value: '={{ $json.body.perPage }}' },
							],
						},
						options: {},
					},
				},
			],
			connections: { Webhook: { main: [[{ node: 'Read products', type: 'main', index: 0 }]] } },
		});
		const stored = await n8n.getWorkflow(id);
		const credRef = stored.nodes.find((n: { name: string }) => n.name === 'Read products').credentials.httpHeaderAuth;
		expect(credRef.id).toMatch(/\S/); // resolved from the name at import

		await n8n.activate(id);
		const res = await n8n.webhook('harness-products', { body: { perPage: 4 } });
		expect(res.status).toBe(200);
		const expected = sandbox.listProducts().slice(0, 4).map((p) => p.supplier_product_id);
		expect(res.body.map((p: { supplier_product_id: string }) => p.supplier_product_id)).toEqual(expected);
		const call = sandbox.requests.filter((r) => r.path === 'supplier-product').pop();
		expect(call).toMatchObject({ status: 200, query: { page: '1', per_page: '4' } });

		const latencies: number[] = [];
		for (let i = 0; i < 5; i++) latencies.push((await n8n.webhook('harness-products', { body: { perPage: 1 } })).ms);
		console.log(`webhook round trips (ms): ${latencies.join(', ')}`);
	});

	it('imports idempotently: a credential by name and type, a workflow by id (what a second npm start does)', async () => {
		const first = await n8n.importCredentials([cartonaCredential(sandbox.url, 'token-one', 'Cartona twice')]);
		const again = await n8n.importCredentials([cartonaCredential(sandbox.url, TOKEN, 'Cartona twice')]);
		expect(again[0].id).toBe(first[0].id);
		const all = await n8n.rest('GET', 'rest/credentials');
		expect(all.filter((c: { name: string }) => c.name === 'Cartona twice')).toHaveLength(1);

		const wf = webhookCartonaProductsWorkflow('cartona-twice', 'Cartona twice', { id: 'harnessTwice0001' });
		const a = await n8n.importWorkflow(wf);
		expect(a.id).toBe('harnessTwice0001');
		const b = await n8n.importWorkflow({ ...wf, name: 'Harness: imported twice' });
		expect(b.id).toBe('harnessTwice0001');
		expect((await n8n.getWorkflow(a.id)).name).toBe('Harness: imported twice');
		// The second import replaced the credential's token: the workflow runs with it.
		await n8n.activate(a.id);
		const res = await n8n.webhook('cartona-twice', { body: { limit: 2 } });
		expect(res.status).toBe(200);
		expect(res.body).toHaveLength(2);
	});

	it('runs the error workflow on a failed execution and mails the failure, without the token', async () => {
		const secret = 'wrong-token-must-not-leak-7c1f';
		await n8n.importCredentials([
			{ name: 'Loopback SMTP', type: 'smtp', data: { user: 'n8n', password: 'smtp-pass', host: smtp.host, port: smtp.port, secure: false, disableStartTls: true } },
			cartonaCredential(sandbox.url, secret, 'Cartona bad token'),
		]);
		const errorWf = await n8n.importWorkflow({
			name: 'Error notification (harness)',
			nodes: [
				{ id: 'e1', name: 'Error Trigger', type: 'n8n-nodes-base.errorTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{
					id: 'e2',
					name: 'Email the failure',
					type: 'n8n-nodes-base.emailSend',
					typeVersion: 2.1,
					position: [220, 0],
					credentials: { smtp: { id: '', name: 'Loopback SMTP' } },
					webhookId: 'e2-harness',
					parameters: {
						fromEmail: 'n8n@cartona.test',
						toEmail: 'ops@cartona.test',
						subject: '=n8n: {{ $json.workflow.name }} failed',
						emailFormat: 'text',
						text: '=Workflow: {{ $json.workflow.name }}\nNode: {{ $json.execution.lastNodeExecuted }}\nError: {{ $json.execution.error.message }}\nExecution: {{ $json.execution.id }}',
						options: {},
					},
				},
			],
			connections: { 'Error Trigger': { main: [[{ node: 'Email the failure', type: 'main', index: 0 }]] } },
		});
		const failing = await n8n.importWorkflow(
			webhookCartonaProductsWorkflow('harness-fail', 'Cartona bad token', {
				name: 'Pull with a bad token',
				settings: { errorWorkflow: errorWf.id, executionOrder: 'v1' },
			}),
		);
		// n8n 2.41 runs an error workflow only when it is published (measured: unpublished, nothing runs).
		await n8n.activate(errorWf.id);
		await n8n.activate(failing.id);

		const res = await n8n.webhook('harness-fail', { body: { limit: 2 } });
		expect(res.status).toBeGreaterThanOrEqual(500); // the last node failed: n8n answers with an error
		const failed = await n8n.waitForExecution({ workflowId: failing.id, status: 'error' });
		expect(failed.data.resultData.error).toBeDefined();
		expect((await n8n.executions({ workflowId: failing.id, status: 'error' })).map((e) => e.id)).toContain(failed.id);
		expect(await n8n.executions({ workflowId: failing.id, status: 'success' })).toEqual([]);
		const sent = await n8n.waitForExecution({ workflowId: errorWf.id });
		expect(sent.status).toBe('success');

		const mail = await smtp.waitForMessage((m) => m.subject.includes('Pull with a bad token'));
		expect(mail.to).toEqual(['ops@cartona.test']);
		expect(mail.from).toBe('n8n@cartona.test');
		expect(mail.authUser).toBe('n8n');
		expect(mail.text).toContain('Node: Get Cartona products');
		expect(mail.text).toContain(`Execution: ${failed.id}`);
		expect(mail.text).toMatch(/Error: \S/);
		console.log(`error mail:\n${mail.text}`);
		expect(mail.raw).not.toContain(secret);
	});
});
