'use strict';
/**
 * Starting `n8n start` as a server, step by step: user folder, package, imports done with the
 * CLI before start, spawn, readiness, owner sign-in; then the handle the caller drives it with.
 */
const fs = require('node:fs');
const path = require('node:path');
const { freePort, installPackage, killGroup, makeUserFolder, n8nDir, spawnN8n, superviseN8n } = require('./n8nProcess');
const { cliImportCredentials, cliImportWorkflows, cliPublish } = require('./cli');
const { OWNER, restClient, signInOwner } = require('./restClient');
const { n8nRestApi } = require('./restApi');
const { waitFor } = require('./waitFor');

/**
 * Starts `n8n start` and waits until it is ready and has an owner account (logged in).
 * options: userFolder (default: a fresh temp folder, removed by stop()), env (extra variables),
 * withPackage (default true: pack-install this package), port, credentials / workflows (imported
 * with the CLI before start, fastest for many), publish (ids published before start),
 * logFile (default <userFolder>/n8n.log), readyTimeoutMs.
 */
async function startN8n(options = {}) {
	const t0 = Date.now();
	const timings = {};
	const fresh = !options.userFolder;
	const userFolder = options.userFolder || makeUserFolder();
	fs.mkdirSync(userFolder, { recursive: true });
	const env = options.env || {};
	const dir = await n8nDir();
	if (options.withPackage !== false) {
		const t = Date.now();
		await installPackage(userFolder);
		timings.installMs = Date.now() - t;
	}
	const imported = await importBeforeStart(userFolder, options, env);
	const server = await spawnServer(dir, userFolder, options, env);
	await waitUntilReady(server, options.readyTimeoutMs || 120000);
	timings.readyMs = Date.now() - server.spawnedAt;
	const rest = restClient(server.baseUrl);
	await signInOwner(rest);
	timings.startMs = Date.now() - t0;
	return serverHandle({ server, rest, userFolder, fresh, timings, imported });
}

/** The CLI imports and publications asked for in options; returns { credentials?, workflows? }. */
async function importBeforeStart(userFolder, options, env) {
	const pre = {};
	if (options.credentials && options.credentials.length) pre.credentials = await cliImportCredentials(userFolder, options.credentials, env);
	if (options.workflows && options.workflows.length) pre.workflows = await cliImportWorkflows(userFolder, options.workflows, env);
	if (options.publish && options.publish.length) await cliPublish(userFolder, options.publish, env);
	return pre;
}

/** Spawns `n8n start` on options.port (or a free one), logging to options.logFile (appended). */
async function spawnServer(dir, userFolder, options, env) {
	const port = options.port || (await freePort());
	const brokerPort = await freePort();
	const baseUrl = `http://127.0.0.1:${port}/`;
	const logFile = options.logFile || path.join(userFolder, 'n8n.log');
	const log = fs.openSync(logFile, 'a');
	const spawnedAt = Date.now();
	const child = spawnN8n(dir, ['start'], { userFolder, port, brokerPort, env, stdio: ['ignore', log, log] });
	fs.closeSync(log);
	return { port, baseUrl, logFile, spawnedAt, n8n: superviseN8n(child) };
}

function logTail(logFile) {
	try {
		return fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
	} catch {
		return '';
	}
}

/** Waits for /healthz/readiness; on timeout or exit kills the server and throws with its log tail. */
async function waitUntilReady({ baseUrl, logFile, n8n }, timeoutMs) {
	try {
		await waitFor(
			async () => {
				const exited = n8n.exited();
				if (exited) throw Object.assign(new Error(`n8n exited (${JSON.stringify(exited)})`), { fatal: true });
				const res = await fetch(new URL('healthz/readiness', baseUrl));
				return res.ok;
			},
			{ timeoutMs, intervalMs: 200, what: 'n8n /healthz/readiness' },
		);
	} catch (e) {
		killGroup(n8n.child, 'SIGKILL');
		throw new Error(`${e.message}\n--- ${logFile} (tail) ---\n${logTail(logFile)}`);
	}
}

/** What startN8n resolves with: where the server is, the owner, the REST operations, stop(). */
function serverHandle({ server, rest, userFolder, fresh, timings, imported }) {
	return {
		baseUrl: server.baseUrl,
		port: server.port,
		userFolder,
		logFile: server.logFile,
		owner: { email: OWNER.email, password: OWNER.password },
		pid: server.n8n.child.pid,
		timings,
		imported,
		/** The n8n-auth cookie of the owner (for a browser). */
		authCookie: () => rest.getCookie(),
		/** Calls n8n's internal REST API as the owner: rest('GET', 'rest/workflows'). */
		rest: (method, urlPath, body) => rest.request(method, urlPath, body),
		...n8nRestApi(rest, server.baseUrl),
		/** Stops n8n (SIGTERM, then SIGKILL after 10 s); removes the user folder if it made it. */
		async stop({ keepUserFolder = !fresh } = {}) {
			await server.n8n.stop();
			if (!keepUserFolder) fs.rmSync(userFolder, { recursive: true, force: true });
		},
		exited: server.n8n.exited,
	};
}

module.exports = { startN8n };
