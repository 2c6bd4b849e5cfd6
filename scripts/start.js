#!/usr/bin/env node
'use strict';
/**
 * npm start: the whole integration, live, on this machine.
 *   1. the Cartona sandbox with demo data (a local, stateful Cartona);
 *   2. a real Odoo with the marketplace_integration addon and mapped demo products, when an Odoo
 *      tree is found (ODOO_SRC_17 / ~/.cache/odoo/17.0, or START_ODOO_SERIES=18.0 ...), or the
 *      Odoo you name with ODOO_URL, ODOO_DB, ODOO_USER, ODOO_API_KEY (and ODOO_CONFIG_ID);
 *   3. the real n8n 2.41.1 with this package installed as a community package, credentials for
 *      both, every template imported, and (with an Odoo) the templates activated.
 * Live mode (scripts/live/): CARTONA_ENV=staging|production (or a URL) and CARTONA_TOKEN point the
 * "Cartona account" credential at the real Cartona instead of the sandbox, through a local gateway
 * that keeps the pushes dry (shown, not sent) until CARTONA_PUSH=on or the gateway is switched on.
 * ODOO_URL ... names the supplier's own Odoo. The token is never printed.
 * `npm start -- --queue`: n8n in queue mode instead (scripts/n8n/queue.js: Redis, n8n on a
 * PostgreSQL database of its own, one main, two workers, one webhook processor that Odoo pings),
 * and the Odoo it starts in multi-worker mode (--workers 2 plus a cron worker).
 * Ctrl-C stops every process it started.
 */
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const CACHE = process.env.CARTONA_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-cartona');
const SERIES = process.env.START_ODOO_SERIES || '17.0';
const QUEUE = process.argv.includes('--queue');
const ODOO_WORKERS = QUEUE ? 2 : 0;
const closers = [];

function log(msg) {
	process.stdout.write(`[start] ${msg}\n`);
}

function odooTree(series) {
	const major = series.split('.')[0];
	const candidates = [process.env[`ODOO_SRC_${major}`], path.join(os.homedir(), '.cache', 'odoo', series)];
	return candidates.find((dir) => dir && fs.existsSync(path.join(dir, 'odoo-bin')));
}

/** Runs a command to completion (stderr passes through) and returns the last JSON line it printed. */
function runForJson(cmd, args, env = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
		let out = '';
		child.stdout.on('data', (chunk) => (out += chunk));
		child.on('exit', (code) => {
			const line = out.trim().split('\n').reverse().find((l) => l.trim().startsWith('{'));
			if (code !== 0 || !line) return reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}: ${out.slice(-500)}`));
			resolve(JSON.parse(line));
		});
	});
}

async function startOdoo(n8nBaseUrl) {
	if (process.env.ODOO_URL) {
		return {
			url: process.env.ODOO_URL,
			db: process.env.ODOO_DB || '',
			login: process.env.ODOO_USER || '',
			apiKey: process.env.ODOO_API_KEY || process.env.ODOO_PASSWORD || '',
			configId: Number(process.env.ODOO_CONFIG_ID || 1),
			protocol: process.env.ODOO_PROTOCOL || 'jsonRpc',
			sharedSecret: process.env.ODOO_WEBHOOK_SECRET || '',
			external: true,
		};
	}
	const tree = odooTree(SERIES);
	if (!tree) return undefined;
	log(`starting Odoo ${SERIES} from ${tree} (demo database, addon installed, demo products mapped; about a minute)`);
	const serve = path.join(ROOT, 'scripts/odoo/serve.sh');
	const env = { [`ODOO_SRC_${SERIES.split('.')[0]}`]: tree };
	const workers = ODOO_WORKERS ? ['--workers', String(ODOO_WORKERS)] : [];
	const info = await runForJson('bash', [serve, SERIES, '--demo', '--n8n-url', n8nBaseUrl, ...workers], env);
	const instance = ODOO_WORKERS ? `${SERIES}-w${ODOO_WORKERS}` : SERIES;
	closers.push(() => new Promise((resolve) => spawn('bash', [serve, '--stop', instance], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' }).on('exit', resolve)));
	return info;
}

/**
 * JSON-RPC to the Odoo started for the demo: as the integration user of the n8n credential, or
 * (asFixture) as serve.sh's fixture user, for what the integration user may not read since its
 * least privilege (issue 10: no products, only its batch methods).
 */
async function odooCall(odoo, model, method, args, kwargs = {}, { asFixture = false } = {}) {
	const rpc = async (service, rpcMethod, rpcArgs) => {
		const res = await fetch(`${odoo.url}/jsonrpc`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'call', params: { service, method: rpcMethod, args: rpcArgs } }),
		});
		const body = await res.json();
		if (body.error) throw new Error(`${model}.${method}: ${body.error.data?.message || body.error.message}`);
		return body.result;
	};
	const [login, key] = asFixture && odoo.fixtureLogin ? [odoo.fixtureLogin, odoo.fixtureApiKey] : [odoo.login, odoo.apiKey];
	odoo.uids = odoo.uids || {};
	odoo.uids[login] = odoo.uids[login] || (await rpc('common', 'login', [odoo.db, login, key]));
	return rpc('object', 'execute_kw', [odoo.db, odoo.uids[login], key, model, method, args, kwargs]);
}

/**
 * Maps Odoo's demo products to the sandbox catalogue: the first N saleable variants get the
 * cartona_ids P000001..P00000N (through the addon's mapping method), and the sandbox is re-seeded
 * with exactly those N products and demo orders over them, so the loop runs end to end.
 */
async function mapDemoProducts(odoo, sandbox) {
	const products = await odooCall(odoo, 'product.product', 'search_read', [[['sale_ok', '=', true]]], {
		fields: ['id', 'display_name'],
		limit: 30,
		order: 'id',
	}, { asFixture: true });
	const mappings = products.map((p, i) => ({ cartona_id: `P${String(i + 1).padStart(6, '0')}`, product_id: p.id }));
	const results = await odooCall(odoo, 'marketplace.supplier.config', 'cartona_set_product_ids', [], {
		config_id: odoo.configId,
		mappings,
		dry_run: false,
	});
	const ok = results.filter((r) => r.ok).length;
	sandbox.reset({ products: mappings.length, orders: 5 });
	return { mapped: ok, of: mappings.length };
}

/** Stops everything started, newest first; resolves when every stop has ended. */
function stopAll() {
	return Promise.allSettled(
		closers.splice(0).reverse().map(async (close) => {
			try {
				await close();
			} catch {
				// best effort
			}
		}),
	);
}

async function main() {
	// The n8n processes, Redis and Odoo run in process groups of their own (a terminal's Ctrl-C
	// does not reach them): wait for their stops (queue mode: 4 n8n processes, Redis, the database).
	const stopAndExit = () => stopAll().then(() => process.exit(0));
	process.on('SIGINT', () => {
		log('stopping everything this command started ...');
		setTimeout(() => process.exit(1), 60000).unref();
		stopAndExit();
	});
	process.on('SIGTERM', stopAndExit);

	const { startLiveCartona } = require(path.join(ROOT, 'scripts/live/liveMode'));
	const live = await startLiveCartona(process.env, (line) => log(line));
	let sandbox;
	if (live) {
		closers.push(() => live.gateway.close());
		log(`live mode: ${live.label}; pushes ${live.gateway.pushOn ? 'ON' : 'DRY (shown, not sent)'}`);
	} else {
		const { startSandbox } = require(path.join(ROOT, 'sandbox/server'));
		const sandboxPort = Number(process.env.SANDBOX_PORT || 4010);
		sandbox = await startSandbox({
			port: sandboxPort,
			token: process.env.SANDBOX_TOKEN || crypto.randomBytes(12).toString('hex'),
			seed: { products: 200, orders: 5 },
		});
		closers.push(() => sandbox.close());
		log(`Cartona sandbox on ${sandbox.url}`);
	}

	const { startN8n } = require(path.join(ROOT, 'scripts/n8n/server'));
	const userFolder = path.join(CACHE, 'start-user-folder');
	fs.mkdirSync(userFolder, { recursive: true });
	const port = Number(process.env.N8N_PORT || 5678);
	let n8n;
	let webhookBase;
	if (QUEUE) {
		// Queue mode keeps nothing between runs: its database is dropped and its user folder removed on stop.
		log(`starting n8n 2.41.1 in queue mode (Redis, PostgreSQL, main on port ${port}, 2 workers, 1 webhook processor)`);
		const { startQueueCluster } = require(path.join(ROOT, 'scripts/n8n/queue'));
		const cluster = await startQueueCluster({ workers: 2, webhooks: 1, port });
		closers.push(() => cluster.stop());
		n8n = cluster.main;
		webhookBase = cluster.webhooks[0].baseUrl;
	} else {
		log(`starting n8n 2.41.1 on port ${port} with this package (first run installs n8n: a few minutes)`);
		n8n = await startN8n({ userFolder, port, env: { N8N_PORT: String(port) } });
		closers.push(() => n8n.stop());
		webhookBase = n8n.baseUrl;
	}

	let odoo;
	try {
		odoo = await startOdoo(webhookBase.replace(/\/$/, ''));
	} catch (error) {
		log(`Odoo did not start: ${error.message}`);
	}

	if (odoo && !odoo.external && sandbox) {
		try {
			const m = await mapDemoProducts(odoo, sandbox);
			log(`mapped ${m.mapped} of ${m.of} Odoo demo products to sandbox products P000001..; sandbox re-seeded with 5 orders`);
		} catch (error) {
			log(`mapping demo products failed: ${error.message}`);
		}
	}

	const credentials = [
		{
			name: 'Cartona account',
			type: 'cartonaApi',
			data: live ? live.credentialData : { environment: 'custom', url: sandbox.url, token: sandbox.token, internalSupplierCode: '' },
		},
	];
	if (odoo) {
		credentials.push({
			name: 'Odoo (Cartona) account',
			type: 'odooCartonaApi',
			data: {
				url: odoo.url,
				protocol: odoo.protocol || 'jsonRpc',
				db: odoo.db,
				username: odoo.login,
				password: odoo.apiKey || odoo.password,
				webhookSecret: odoo.sharedSecret || '',
			},
		});
	}
	// The error notification names these two; publishing needs them to exist. Point them at your
	// SMTP server and Slack workspace in the editor to receive alerts.
	credentials.push(
		{ name: 'SMTP account', type: 'smtp', data: { host: '127.0.0.1', port: 1025, secure: false, user: '', password: '' } },
		{ name: 'Slack account', type: 'slackApi', data: { accessToken: 'not-configured' } },
	);
	await n8n.importCredentials(credentials);

	const workflowDir = path.join(ROOT, 'workflows');
	const files = fs.existsSync(workflowDir) ? fs.readdirSync(workflowDir).filter((f) => f.endsWith('.json')).sort() : [];
	const imported = [];
	for (const file of files) {
		const json = JSON.parse(fs.readFileSync(path.join(workflowDir, file), 'utf8'));
		const { id } = await n8n.importWorkflow(json);
		imported.push({ file, id, name: json.name, json });
	}
	if (odoo) {
		// Callees before callers (n8n 2.x publishes a workflow only when the workflows it calls
		// are published), and manual-only workflows stay for running by hand.
		// (The stock and price pushes call themselves, once per page of the full reconciliation:
		// a call to itself does not count.)
		const callsOthers = (wf) =>
			wf.json.nodes.some((n) => n.type === 'n8n-nodes-base.executeWorkflow' && n.parameters?.workflowId?.value !== wf.json.id);
		const manualOnly = (wf) =>
			wf.json.nodes.every((n) => !/trigger|webhook/i.test(n.type) || n.type === 'n8n-nodes-base.manualTrigger');
		for (const wf of [...imported].sort((a, b) => Number(callsOthers(a)) - Number(callsOthers(b)))) {
			if (manualOnly(wf)) {
				wf.state = 'run by hand';
				continue;
			}
			try {
				await n8n.activate(wf.id);
				wf.state = 'active';
			} catch (error) {
				wf.state = `NOT active: ${error.message}`;
			}
		}
	}

	log('');
	log('Everything is running:');
	log(`  n8n editor      ${n8n.baseUrl}home/workflows  (owner ${n8n.owner.email} / ${n8n.owner.password})`);
	if (QUEUE) log(`  n8n queue mode  webhooks (Odoo's pings) at ${webhookBase}webhook/..., executions on 2 workers`);
	if (live) for (const line of live.summary()) log(line);
	else log(`  Cartona sandbox ${sandbox.url}  token ${sandbox.token}  admin ${sandbox.adminUrl}state`);
	if (odoo) {
		log(`  Odoo ${odoo.series || ''}       ${odoo.url}  database ${odoo.db}  (admin / admin)${ODOO_WORKERS ? `, --workers ${ODOO_WORKERS} + cron` : ''}`);
	} else {
		log('  Odoo            not started: no Odoo tree found. Put one at ~/.cache/odoo/17.0 (or set ODOO_SRC_17),');
		log('                  or point at an existing Odoo with the addon installed:');
		log('                  ODOO_URL=https://odoo.example.com ODOO_DB=prod ODOO_USER=n8n ODOO_API_KEY=... npm start');
	}
	for (const wf of imported) {
		log(`  workflow        ${wf.name} (${wf.file})${wf.state ? ` ${wf.state}` : ''}`);
	}
	log('');
	if (live) {
		log('Live mode: the order pull imports your real Cartona orders into Odoo; every push is printed as');
		log('"[dry run] would send ..." until you switch the pushes on (see above). Check a few, then switch on.');
	} else if (odoo) {
		log('Try first: the order pull runs every minute: open Odoo (Sales) and see the sandbox orders as');
		log('sale orders, then ask the sandbox what Cartona saw: curl -H "X-Sandbox-Admin: <token>" <admin>/requests');
		log('Then change a price or a stock quantity in Odoo and watch it reach <admin>/products within seconds.');
		log('Alerts go to the "SMTP account" and "Slack account" credentials: set them in the editor.');
	} else {
		log('Try first: open the editor, add a Cartona node (credential "Cartona account", the sandbox) and');
		log('run Order > Get Many or Product > Get Many; the templates are imported and wait for an Odoo.');
	}
	log('Ctrl-C stops everything.');
}

main().catch((error) => {
	process.stderr.write(`[start] failed: ${error.stack || error.message}\n`);
	stopAll().then(() => process.exit(1));
});
