/**
 * The Odoo ping trigger in a real n8n 2.41.1 server: a signed ping runs the workflow, and a
 * body over the ping limit (20 MB, issue 10) is refused by the node with 413 instead of
 * ending in n8n's own 500, and runs nothing.
 */
import { randomBytes } from 'crypto';

import { signPing } from '../../nodes/OdooCartona/trigger/verifySignature';
import { startN8n, realN8nMissing, packageNodeMissing, type N8nServer } from '../harness/n8nServer';

const missing = realN8nMissing() ?? packageNodeMissing('nodes/OdooCartona/OdooCartonaTrigger.node.ts');
if (missing) console.log(`SKIPPED test/n8n/pingBody.test.ts: ${missing}`);
const describeReal = missing ? describe.skip : describe;

jest.setTimeout(180000);

const SECRET = 'ping-body-secret';
const PATH = 'ping-body-limit';

function signedHeaders(raw: string): Record<string, string> {
	const timestamp = String(Math.floor(Date.now() / 1000));
	const nonce = randomBytes(16).toString('hex');
	return {
		'content-type': 'application/json',
		'x-cartona-timestamp': timestamp,
		'x-cartona-nonce': nonce,
		'x-cartona-signature': signPing(SECRET, timestamp, nonce, Buffer.from(raw)),
	};
}

describeReal('Odoo ping trigger body limit (real n8n server)', () => {
	let n8n: N8nServer;
	let workflowId: string;

	beforeAll(async () => {
		n8n = await startN8n();
		await n8n.importCredentials([
			{
				name: 'Odoo ping body',
				type: 'odooCartonaApi',
				data: { url: 'http://127.0.0.1:9', protocol: 'jsonRpc', db: 'x', username: 'x', password: 'x', webhookSecret: SECRET },
			},
		]);
		const { id } = await n8n.importWorkflow({
			name: 'Harness: ping body limit',
			nodes: [
				{
					id: 'ping',
					name: 'Odoo ping',
					type: 'n8n-nodes-cartona.odooCartonaTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId: 'harness-ping-body',
					credentials: { odooCartonaApi: { id: '', name: 'Odoo ping body' } },
					parameters: { event: 'outbox', path: PATH },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		});
		workflowId = id;
		await n8n.activate(id);
	});

	afterAll(async () => {
		await n8n?.stop();
	});

	it('runs on a signed ping and refuses a 20 MB body with 413, running nothing', async () => {
		const raw = JSON.stringify({ event: 'outbox', config_id: 1, kinds: ['stock'] });
		const ok = await n8n.webhook(PATH, { body: raw, headers: signedHeaders(raw) });
		expect(ok.status).toBe(200);
		await n8n.waitForExecution({ workflowId, status: 'success' });
		const before = (await n8n.executions({ workflowId })).length;

		const big = JSON.stringify({ event: 'outbox', config_id: 1, kinds: ['stock'], padding: 'x'.repeat(20 * 1024 * 1024) });
		const refused = await n8n.webhook(PATH, { body: big, headers: signedHeaders(big) });
		expect(refused.status).toBe(413);
		expect(JSON.stringify(refused.body)).toMatch(/over the 65536-byte limit/);
		expect((await n8n.executions({ workflowId })).length).toBe(before);
	});
});
