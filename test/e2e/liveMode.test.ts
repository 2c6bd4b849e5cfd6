/**
 * npm start's live mode (scripts/live/), with the sandbox standing in for Cartona's staging:
 * the "Cartona account" credential of a real n8n points at the dry-run gateway; an order pull
 * reads the real (here: sandbox) orders, and the acknowledgement is only shown, not sent, until
 * the pushes are switched on. The token appears in no line the gateway prints.
 */
import { startSandbox } from '../../sandbox/server';
import { packageNodeMissing, realN8nMissing, startN8n, type N8nServer } from '../harness/n8nServer';
import { skipReason, TOKEN } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startLiveCartona } = require('../../scripts/live/liveMode');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { cartona, node, connect } = require('../../workflows/generate/shared/nodes');

const skip = skipReason(realN8nMissing(), packageNodeMissing());
if (skip) console.warn(`SKIPPED: e2e live mode: ${skip}`);
const maybe = skip ? describe.skip : describe;

jest.setTimeout(240_000);

/** Webhook -> pull Cartona orders -> acknowledge them as synced (the order pull's two Cartona steps). */
function pullAndAcknowledge() {
	const nodes = [
		node('Webhook', 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path: 'live-pull', responseMode: 'lastNode', responseData: 'allEntries', options: {} }, [0, 0], { webhookId: 'live-pull' }),
		cartona('Pull new Cartona orders', 'order', 'getAll', { returnAll: true, filters: {}, options: {} }, [220, 0]),
		cartona('Acknowledge as synced', 'order', 'updateStatus', { fieldsSource: 'mapping', hashedId: '={{ $json.hashed_id }}', status: 'synced', options: {} }, [440, 0]),
	];
	return {
		id: 'cartonaLiveDry01',
		name: 'Live mode: pull and acknowledge',
		nodes,
		connections: connect([
			['Webhook', 'Pull new Cartona orders'],
			['Pull new Cartona orders', 'Acknowledge as synced'],
		]),
		settings: { executionOrder: 'v1' },
	};
}

maybe('live mode: Cartona "staging" (the sandbox) through the dry-run gateway', () => {
	let sandbox: Awaited<ReturnType<typeof startSandbox>>;
	let live: any;
	let n8n: N8nServer;
	const lines: string[] = [];

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, token: TOKEN, seed: { products: 5, orders: 3 } });
		live = await startLiveCartona({ CARTONA_ENV: sandbox.url, CARTONA_TOKEN: TOKEN }, (line: string) => lines.push(line));
		n8n = await startN8n({ credentials: [{ name: 'Cartona account', type: 'cartonaApi', data: live.credentialData }], workflows: [pullAndAcknowledge()] });
		await n8n.activate('cartonaLiveDry01');
	});
	afterAll(async () => {
		await n8n?.stop();
		await live?.gateway.close();
		await sandbox?.close();
	});

	const writesSeenBySandbox = () => sandbox.requests.filter((r) => r.method !== 'GET');

	test('starts dry: orders are read, the acknowledgement is shown and not sent; switched on, it is sent', async () => {
		expect(live.credentialData.url).toBe(live.gateway.url);
		expect(live.summary().join('\n')).toMatch(/Pushes\s+DRY/);
		const dry = await n8n.webhook('live-pull', { body: {} });
		expect(dry.status).toBe(200);
		expect(sandbox.requests.some((r) => r.method === 'GET' && r.path === 'order/pull-orders')).toBe(true);
		expect(writesSeenBySandbox()).toEqual([]);
		expect(sandbox.state().unsyncedOrders).toBe(3);
		expect(live.gateway.dryRuns).toHaveLength(1);
		const shown = lines.find((l) => l.startsWith('[dry run] would send POST order/update-order-status'));
		expect(shown).toContain('3 item(s)');
		for (const order of sandbox.listOrders()) expect(shown).toContain(order.hashed_id);
		expect(lines.join('\n')).not.toContain(TOKEN);
		expect(live.summary().join('\n')).not.toContain(TOKEN);

		// switched on from this machine, as the summary line says
		const on = await fetch(`${live.gateway.url}__gateway/push`, { method: 'POST', body: JSON.stringify({ on: true }) });
		expect(await on.json()).toMatchObject({ push: true });
		expect(live.summary().join('\n')).toMatch(/Pushes\s+ON/);
		const sent = await n8n.webhook('live-pull', { body: {} });
		expect(sent.status).toBe(200);
		expect(writesSeenBySandbox().map((r) => r.path)).toEqual(['order/update-order-status']);
		expect(sandbox.state().unsyncedOrders).toBe(0);
		expect(live.gateway.dryRuns).toHaveLength(1);
	});

	test('CARTONA_ENV without a token stops with a sentence, and a bad CARTONA_ENV names the choices', async () => {
		await expect(startLiveCartona({ CARTONA_ENV: 'staging' }, () => undefined)).rejects.toThrow(/CARTONA_TOKEN is empty/);
		await expect(startLiveCartona({ CARTONA_ENV: 'stagin', CARTONA_TOKEN: 'x' }, () => undefined)).rejects.toThrow(/staging, production or an http/);
		expect(await startLiveCartona({}, () => undefined)).toBeUndefined();
	});
});
