/**
 * Cartona sandbox: network conditions (sandbox/network.js): a fixed or jittered delay before every
 * API answer, and a rate limit answered 429 with Retry-After; set by startSandbox, the admin API
 * and the CLI.
 */
import axios, { AxiosInstance } from 'axios';
import { spawn } from 'child_process';
import http from 'http';
import path from 'path';
import { startSandbox, Sandbox } from '../../sandbox/server';

let sb: Sandbox;
let api: AxiosInstance;
let admin: AxiosInstance;

const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });

beforeAll(async () => {
	sb = await startSandbox({ port: 0, token: 'net-token', seed: { products: 20, orders: 0 }, network: { latencyMs: 0 } });
	api = axios.create({ baseURL: sb.url, headers: { AuthorizationToken: sb.token }, validateStatus: () => true, httpAgent: agent });
	admin = axios.create({ baseURL: sb.adminUrl, headers: { 'X-Sandbox-Admin': sb.token }, validateStatus: () => true, httpAgent: agent });
});
afterAll(async () => {
	agent.destroy();
	await sb.close();
});
beforeEach(() => {
	sb.setNetwork({ latencyMs: 0, jitterMs: 0, rateLimitPerSecond: 0 });
	sb.requests.length = 0;
});

const list = () => api.get('supplier-product', { params: { per_page: 1 } });

describe('latency', () => {
	it('delays every answer by the fixed latency, as the request log records it', async () => {
		sb.setNetwork({ latencyMs: 120 });
		for (let k = 0; k < 3; k++) expect((await list()).status).toBe(200);
		expect(sb.requests).toHaveLength(3);
		for (const r of sb.requests) {
			expect(r.latencyMs).toBe(120);
			// durationMs runs from arrival to answer, so it includes the delay (timers may fire a ms early).
			expect(r.durationMs).toBeGreaterThanOrEqual(115);
		}
	});

	it('jitters the delay around the latency from a seeded generator, within plus or minus jitterMs', async () => {
		sb.setNetwork({ latencyMs: 100, jitterMs: 60 });
		await Promise.all(Array.from({ length: 12 }, () => list()));
		const delays = sb.requests.map((r) => r.latencyMs as number);
		expect(delays).toHaveLength(12);
		for (const d of delays) {
			expect(d).toBeGreaterThanOrEqual(40);
			expect(d).toBeLessThanOrEqual(160);
		}
		// Jitter means the delays are not all the same.
		expect(new Set(delays).size).toBeGreaterThan(1);
	});

	it('changes through the admin API, which refuses unknown keys and bad values with 422', async () => {
		const set = await admin.post('network', { latencyMs: 80, jitterMs: 10 });
		expect(set.status).toBe(200);
		expect(set.data).toMatchObject({ latencyMs: 80, jitterMs: 10, rateLimitPerSecond: 0 });
		expect((await admin.get('network')).data).toMatchObject({ latencyMs: 80, jitterMs: 10 });
		expect((await admin.get('state')).data.network).toMatchObject({ latencyMs: 80 });
		expect((await admin.post('network', { latency: 80 })).status).toBe(422);
		expect((await admin.post('network', { latencyMs: -1 })).status).toBe(422);
		expect((await admin.post('network', { latencyMs: '80' })).status).toBe(422);
		// Admin calls are never delayed nor logged.
		expect(sb.requests).toHaveLength(0);
	});

	it('startSandbox refuses invalid network settings', async () => {
		await expect(startSandbox({ port: 0, network: { latencyMs: -5 } })).rejects.toThrow(/latencyMs/);
	});
});

describe('rate limit', () => {
	it('admits rateLimitPerSecond requests per second and answers the rest 429 with Retry-After, changing nothing', async () => {
		sb.setNetwork({ rateLimitPerSecond: 5 });
		const before = sb.listProducts().find((p) => p.internal_product_id === 'P000001')!.available_stock_quantity;
		const answers = await Promise.all(
			Array.from({ length: 8 }, (_, k) => api.post('supplier-product/bulk-update', [{ internal_product_id: 'P000001', available_stock_quantity: before + k + 1 }])),
		);
		const limited = answers.filter((a) => a.status === 429);
		expect(answers.filter((a) => a.status === 200)).toHaveLength(5);
		expect(limited).toHaveLength(3);
		for (const a of limited) {
			expect(Number(a.headers['retry-after'])).toBeGreaterThanOrEqual(1);
			expect(a.data.error).toMatch(/rate limited/);
		}
		expect(sb.requests.filter((r) => r.fault === 'rate-limit')).toHaveLength(3);
		expect(sb.getNetwork().rateLimited).toBeGreaterThanOrEqual(3);
	});

	it('admits again once the window has passed (after Retry-After)', async () => {
		sb.setNetwork({ rateLimitPerSecond: 2 });
		const first = await Promise.all([list(), list(), list()]);
		expect(first.map((a) => a.status).sort()).toEqual([200, 200, 429]);
		const wait = Number(first.find((a) => a.status === 429)!.headers['retry-after']);
		await new Promise((r) => setTimeout(r, wait * 1000 + 50));
		expect((await list()).status).toBe(200);
	});

	it('applies the latency to 429 answers too', async () => {
		sb.setNetwork({ rateLimitPerSecond: 1, latencyMs: 100 });
		await Promise.all([list(), list()]);
		const limited = sb.requests.find((r) => r.fault === 'rate-limit')!;
		expect(limited.status).toBe(429);
		expect(limited.latencyMs).toBe(100);
	});
});

describe('CLI', () => {
	it('takes --latency, --jitter and --rate-limit', async () => {
		const child = spawn(process.execPath, [path.join(__dirname, '..', '..', 'sandbox', 'cli.js'), '--port', '0', '--products', '5', '--orders', '0', '--latency', '80', '--jitter', '5', '--rate-limit', '6'], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		try {
			const line = await new Promise<string>((resolve, reject) => {
				let out = '';
				child.stdout.on('data', (d) => {
					out += d;
					const json = out.split('\n').find((l) => l.startsWith('{"sandbox"'));
					if (json) resolve(json);
				});
				child.on('exit', (code) => reject(new Error(`cli exited ${code}`)));
			});
			const { sandbox } = JSON.parse(line);
			const state = await axios.get(`${sandbox.adminUrl}network`, { headers: { 'X-Sandbox-Admin': sandbox.token } });
			expect(state.data).toMatchObject({ latencyMs: 80, jitterMs: 5, rateLimitPerSecond: 6 });
		} finally {
			child.kill('SIGTERM');
		}
	});
});
