#!/usr/bin/env node
'use strict';
/**
 * n8n in queue mode (issue 11): one Redis (Debian's redis-server, loopback, a private port, no
 * persistence), n8n's database on the local PostgreSQL (a database of its own, dropped on stop),
 * one main (`n8n start`: editor, REST, webhooks, schedules; it enqueues executions) and N workers
 * (`n8n worker`), every process the pinned n8n with this package installed in the same user
 * folder and the same encryption key (scripts/n8n/n8nEnv.js).
 *
 * Library:
 *   const { startQueueCluster } = require('./scripts/n8n/queue');
 *   const c = await startQueueCluster({ workers: 2, workerConcurrency: 10, credentials, workflows });
 *   c.main   // the startN8n handle (webhook, activate, executions, ...)
 *   c.pids() // [main, ...workers]: for RSS sampling
 *   await c.stop();
 * CLI (Ctrl-C stops everything):
 *   node scripts/n8n/queue.js [--workers 2] [--concurrency 10]
 * n8n's own variables: EXECUTIONS_MODE=queue, QUEUE_BULL_REDIS_HOST/PORT, DB_TYPE=postgresdb and
 * DB_POSTGRESDB_*; PostgreSQL from PGHOST/PGPORT/PGUSER/PGPASSWORD (default 127.0.0.1:5432,
 * odoo/odoo: the server the Odoo tiers use).
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { startN8n } = require('./startN8n');
const { freePort, makeUserFolder, n8nDir, spawnN8n, superviseN8n } = require('./n8nProcess');
const { waitFor } = require('./waitFor');

const PG = {
	host: process.env.PGHOST || '127.0.0.1',
	port: process.env.PGPORT || '5432',
	user: process.env.PGUSER || 'odoo',
	password: process.env.PGPASSWORD || 'odoo',
};

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

/**
 * Starts Redis, a fresh PostgreSQL database, the main and `workers` workers. options: workers (2),
 * workerConcurrency (10: executions per worker at a time), credentials / workflows (imported before
 * the main starts, as startN8n does), env (extra variables for every process).
 */
async function startQueueCluster(options = {}) {
	const workers = options.workers ?? 2;
	const redis = await startRedis();
	const db = `n8n_queue_${process.pid}_${Date.now().toString(36)}`;
	pg(`CREATE DATABASE ${db}`);
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
		...(options.env || {}),
	};
	const started = [];
	let main;
	const stop = async () => {
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
		main = await startN8n({ userFolder, credentials: options.credentials, workflows: options.workflows, env, readyTimeoutMs: 180000 });
		const dir = await n8nDir();
		for (let k = 0; k < workers; k++) {
			const healthPort = await freePort();
			const log = fs.openSync(path.join(userFolder, `worker-${k}.log`), 'a');
			const child = spawnN8n(dir, ['worker', `--concurrency=${options.workerConcurrency ?? 10}`], {
				userFolder,
				port: await freePort(),
				brokerPort: await freePort(),
				env: { ...env, QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPort) },
				stdio: ['ignore', log, log],
			});
			fs.closeSync(log);
			const w = superviseN8n(child);
			started.push(w);
			await waitFor(
				async () => {
					if (w.exited()) throw Object.assign(new Error(`n8n worker ${k} exited: ${fs.readFileSync(path.join(userFolder, `worker-${k}.log`), 'utf8').slice(-2000)}`), { fatal: true });
					const res = await fetch(`http://127.0.0.1:${healthPort}/healthz/readiness`).catch(() => undefined);
					return res?.ok;
				},
				{ timeoutMs: 120000, intervalMs: 250, what: `n8n worker ${k}` },
			);
		}
	} catch (e) {
		await stop();
		throw e;
	}
	return {
		main,
		db,
		redisPort: redis.port,
		userFolder,
		pids: () => [main.pid, ...started.map((w) => w.child.pid)],
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
	startQueueCluster({ workers: arg('--workers', 2), workerConcurrency: arg('--concurrency', 10) }).then(
		(c) => {
			console.log(JSON.stringify({ n8n: { url: c.main.baseUrl, email: c.main.owner.email, password: c.main.owner.password, db: c.db, redisPort: c.redisPort, pids: c.pids() } }));
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
