#!/usr/bin/env node
'use strict';
/**
 * n8n in queue mode (issue 11): one Redis (Debian's redis-server, loopback, a private port, no
 * persistence), n8n's database on the local PostgreSQL (a database of its own, dropped on stop),
 * one main (`n8n start`: editor, REST, schedules, and webhooks unless webhook processors run; it
 * enqueues executions), N workers (`n8n worker`) and M webhook processors (`n8n webhook`: they
 * receive production webhooks and enqueue them; with M > 0 the main serves none,
 * N8N_DISABLE_PRODUCTION_MAIN_PROCESS), every process the pinned n8n with this package installed
 * in the same user folder and the same encryption key (scripts/n8n/n8nEnv.js).
 *
 * Library:
 *   const { startQueueCluster } = require('./scripts/n8n/queue');
 *   const c = await startQueueCluster({ workers: 2, webhooks: 1, workerConcurrency: 10, credentials, workflows });
 *   c.main       // the startN8n handle (activate, executions, ...; webhook() when webhooks is 0)
 *   c.webhooks   // [{ baseUrl, port, pid, webhook(path, options), stop() }]: the webhook processors
 *   c.pids()     // [main, ...workers, ...webhook processors]: for RSS sampling
 *   await c.stop();
 * CLI (Ctrl-C stops everything):
 *   node scripts/n8n/queue.js [--workers 2] [--webhooks 1] [--concurrency 10]
 * n8n's own variables: EXECUTIONS_MODE=queue, QUEUE_BULL_REDIS_HOST/PORT, DB_TYPE=postgresdb and
 * DB_POSTGRESDB_*; PostgreSQL from PGHOST/PGPORT/PGUSER/PGPASSWORD (default 127.0.0.1:5432,
 * odoo/odoo: the server the Odoo tiers use).
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { startN8n } = require('./startN8n');
const { n8nRestApi } = require('./restApi');
const { freePort, makeUserFolder, n8nDir, spawnN8n, superviseN8n } = require('./n8nProcess');
const { waitFor } = require('./waitFor');

const PG = {
	host: process.env.PGHOST || '127.0.0.1',
	port: process.env.PGPORT || '5432',
	user: process.env.PGUSER || 'odoo',
	password: process.env.PGPASSWORD || 'odoo',
};

/**
 * PostgreSQL running and PG.user able to log in: the Odoo runner's own set-up (it starts the local
 * cluster and, as root, creates the role), so a fresh machine needs no step by hand.
 */
function ensurePostgres() {
	const runner = path.join(__dirname, '..', 'odoo', 'odoo_runner.py');
	const r = spawnSync('python3', [runner, 'postgres'], {
		env: { ...process.env, ODOO_DB_HOST: PG.host, ODOO_DB_PORT: String(PG.port), ODOO_DB_USER: PG.user, ODOO_DB_PASSWORD: PG.password },
		encoding: 'utf8',
	});
	if (r.status !== 0) throw new Error(`PostgreSQL for n8n's queue mode (${PG.user}@${PG.host}:${PG.port}): ${(r.stderr || r.stdout || String(r.error)).trim()}`);
}

function pg(args) {
	const r = spawnSync('psql', ['-h', PG.host, '-p', PG.port, '-U', PG.user, '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', args], {
		env: { ...process.env, PGPASSWORD: PG.password },
		encoding: 'utf8',
	});
	if (r.status !== 0) throw new Error(`psql ${args}: ${r.stderr || r.error}`);
}

/** redis-server on a free loopback port, nothing written to disk; resolves when it answers PING. */
async function startRedis() {
	const port = await freePort();
	const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], {
		stdio: ['ignore', 'ignore', 'pipe'],
		detached: true,
	});
	let err = '';
	child.stderr.on('data', (d) => (err += d));
	await waitFor(
		() => {
			if (child.exitCode !== null) throw Object.assign(new Error(`redis-server exited: ${err}`), { fatal: true });
			return spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG';
		},
		{ timeoutMs: 15000, intervalMs: 100, what: 'redis-server' },
	);
	return {
		port,
		stop: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.on('exit', resolve);
				child.kill('SIGTERM');
			}),
	};
}

/** Spawns one `n8n <command>` of the cluster, logging to <userFolder>/<name>.log; waits for its /healthz/readiness (a worker: its health-check port). */
async function startProcess(dir, userFolder, name, args, env, readyPath) {
	const port = await freePort();
	const healthPort = await freePort();
	const logFile = path.join(userFolder, `${name}.log`);
	const log = fs.openSync(logFile, 'a');
	const child = spawnN8n(dir, args, {
		userFolder,
		port,
		brokerPort: await freePort(),
		env: { ...env, QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPort) },
		stdio: ['ignore', log, log],
	});
	fs.closeSync(log);
	const proc = superviseN8n(child);
	const readyUrl = readyPath === 'worker' ? `http://127.0.0.1:${healthPort}/healthz/readiness` : `http://127.0.0.1:${port}/healthz/readiness`;
	try {
		await waitFor(
			async () => {
				if (proc.exited()) throw Object.assign(new Error(`n8n ${name} exited: ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`), { fatal: true });
				const res = await fetch(readyUrl).catch(() => undefined);
				return res?.ok;
			},
			{ timeoutMs: 120000, intervalMs: 250, what: `n8n ${name}` },
		);
	} catch (e) {
		await proc.stop();
		throw e;
	}
	return { proc, port, logFile };
}

/**
 * Starts Redis, a fresh PostgreSQL database, the main, `workers` workers and `webhooks` webhook
 * processors. options: workers (2), webhooks (0), workerConcurrency (10: executions per worker at
 * a time), port (the main's; default a free one), credentials / workflows (imported before the
 * main starts, as startN8n does), env (extra variables for every process).
 */
async function startQueueCluster(options = {}) {
	const workers = options.workers ?? 2;
	const webhooks = options.webhooks ?? 0;
	ensurePostgres(); // before Redis: nothing to clean up when it fails
	const redis = await startRedis();
	const db = `n8n_queue_${process.pid}_${Date.now().toString(36)}`;
	const userFolder = makeUserFolder();
	const env = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: PG.host,
		DB_POSTGRESDB_PORT: String(PG.port),
		DB_POSTGRESDB_DATABASE: db,
		DB_POSTGRESDB_USER: PG.user,
		DB_POSTGRESDB_PASSWORD: PG.password,
		// n8n's defaults (a pool of 2, 20 s to connect) time out on a loaded machine whose
		// PostgreSQL also serves Odoo: every process then logs "timeout exceeded when trying to connect".
		DB_POSTGRESDB_POOL_SIZE: '4',
		DB_POSTGRESDB_CONNECTION_TIMEOUT: '60000',
		// With webhook processors, production webhooks are theirs only (as n8n's queue-mode guide runs it).
		...(webhooks > 0 ? { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' } : {}),
		...(options.env || {}),
	};
	const started = [];
	const hooks = [];
	let main;
	const stop = async () => {
		for (const h of hooks) await h.stop().catch(() => undefined);
		for (const w of started) await w.stop().catch(() => undefined);
		await main?.stop().catch(() => undefined);
		await redis.stop();
		try {
			pg(`DROP DATABASE IF EXISTS ${db}`);
		} catch {
			/* a process still holds it: left for the next run's clean-up */
		}
		fs.rmSync(userFolder, { recursive: true, force: true });
	};
	try {
		pg(`CREATE DATABASE ${db}`); // inside the try: a failure stops Redis (left running, it kept jest waiting)
		main = await startN8n({ userFolder, port: options.port, credentials: options.credentials, workflows: options.workflows, env, readyTimeoutMs: 180000 });
		const dir = await n8nDir();
		// Workers and webhook processors start side by side: each one's start-up is the slow part.
		const starting = [
			...Array.from({ length: workers }, (_, k) => startProcess(dir, userFolder, `worker-${k}`, ['worker', `--concurrency=${options.workerConcurrency ?? 10}`], env, 'worker')),
			...Array.from({ length: webhooks }, (_, k) => startProcess(dir, userFolder, `webhook-${k}`, ['webhook'], env, 'webhook')),
		];
		const results = await Promise.allSettled(starting);
		results.forEach((r, k) => {
			if (r.status !== 'fulfilled') return;
			if (k < workers) return started.push(r.value.proc);
			const h = r.value;
			const baseUrl = `http://127.0.0.1:${h.port}/`;
			hooks.push({ baseUrl, port: h.port, pid: h.proc.child.pid, logFile: h.logFile, webhook: n8nRestApi(undefined, baseUrl).webhook, stop: h.proc.stop, exited: h.proc.exited });
		});
		const failed = results.find((r) => r.status === 'rejected');
		if (failed) throw failed.reason;
	} catch (e) {
		await stop();
		throw e;
	}
	return {
		main,
		db,
		redisPort: redis.port,
		userFolder,
		webhooks: hooks,
		pids: () => [main.pid, ...started.map((w) => w.child.pid), ...hooks.map((h) => h.pid)],
		workerLogs: () => started.map((_, k) => path.join(userFolder, `worker-${k}.log`)),
		stop,
	};
}

module.exports = { startQueueCluster, startRedis };

if (require.main === module) {
	const arg = (name, d) => {
		const at = process.argv.indexOf(name);
		return at > 0 ? Number(process.argv[at + 1]) : d;
	};
	startQueueCluster({ workers: arg('--workers', 2), webhooks: arg('--webhooks', 1), workerConcurrency: arg('--concurrency', 10) }).then(
		(c) => {
			console.log(JSON.stringify({ n8n: { url: c.main.baseUrl, webhookUrls: c.webhooks.map((h) => h.baseUrl), email: c.main.owner.email, password: c.main.owner.password, db: c.db, redisPort: c.redisPort, pids: c.pids() } }));
			const bye = () => c.stop().then(() => process.exit(0));
			process.on('SIGINT', bye);
			process.on('SIGTERM', bye);
		},
		(e) => {
			console.error(e);
			process.exit(1);
		},
	);
}
