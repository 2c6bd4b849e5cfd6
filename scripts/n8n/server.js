#!/usr/bin/env node
'use strict';
/**
 * The real n8n (2.41.1, cached by scripts/n8n/install.sh) with this package installed as a
 * community package: start it as a server, import credentials and workflows, publish (activate)
 * them, call webhooks, read executions; or run a workflow headless through the n8n CLI.
 *
 * Library (used by test/harness/n8nServer.ts and scripts/start.sh):
 *   const { startN8n, runHeadless } = require('./scripts/n8n/server');
 *   const n8n = await startN8n({ userFolder?, env?, withPackage? });
 *   await n8n.importCredentials([{ name, type, data }]);   // -> [{ id, name, type }]
 *   const { id } = await n8n.importWorkflow(json);         // credentials resolved by name
 *   await n8n.activate(id);                                 // publishes the current version
 *   await n8n.webhook('path', { method: 'POST', body });   // -> { status, headers, body, ms }
 *   await n8n.waitForExecution({ workflowId, status });    // -> execution with its run data
 *   await n8n.stop();
 *
 * CLI (Ctrl-C stops n8n):
 *   node scripts/n8n/server.js [--user-folder DIR] [--port N] [--no-package]
 *     [--credentials FILE.json]... [--workflow FILE.json|DIR]... [--activate-all]
 *   prints one JSON line {"n8n":{"url","editorUrl","userFolder","email","password","workflows":[...]}}
 *
 * Everything measured on n8n 2.41.1 is written down in test/harness/README.md.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const N8N_VERSION = process.env.N8N_VERSION || '2.41.1';
const CACHE = process.env.CARTONA_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-cartona');
const OWNER = { email: 'owner@cartona.test', firstName: 'Cartona', lastName: 'Tester', password: 'Cartona-Test-1' };
/** Fixed so a user folder can be reused across starts (credentials stay decryptable). Test-only. */
const ENCRYPTION_KEY = 'n8n-nodes-cartona-local-test-key';

function run(cmd, args, opts = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
	});
}

/** The n8n install directory (installs n8n on first use, a few minutes). */
async function n8nDir() {
	const dir = path.join(CACHE, `n8n-${N8N_VERSION}`);
	if (fs.existsSync(path.join(dir, '.installed'))) return dir;
	const r = await run('bash', [path.join(__dirname, 'install.sh')], { stdio: ['ignore', 'pipe', 'inherit'] });
	if (r.code !== 0) throw new Error(`n8n install failed (exit ${r.code})`);
	return r.stdout.trim().split('\n').pop();
}

/** Builds, packs and installs this package into userFolder (see pack-install.sh). */
async function installPackage(userFolder) {
	const r = await run('bash', [path.join(__dirname, 'pack-install.sh'), userFolder], { cwd: ROOT });
	if (r.code !== 0) throw new Error(`pack-install failed (exit ${r.code}):\n${r.stderr}${r.stdout}`);
	return r.stdout.trim().split('\n').pop();
}

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

function makeUserFolder() {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-cartona-'));
}

/** The environment every n8n process of ours gets (the notes' list, measured on 2.41.1). */
function n8nEnv({ userFolder, port, brokerPort, env = {} }) {
	const base = {
		...process.env,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'info',
		N8N_LOG_OUTPUT: 'console',
		DB_SQLITE_POOL_SIZE: '2',
		NODE_ENV: 'production',
		// Nothing here may reach the internet (only the npm registry is reachable on these machines).
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry', // it polls api.n8n.io and logs a stack trace each time
		// 2.41 publishes (activates) through an outbox polled every 15 s by default; poll fast so a
		// published webhook is live within a second. The publication service itself stays on (default).
		N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS: '250',
	};
	delete base.NODE_OPTIONS; // jest's --experimental-vm-modules must not leak into n8n
	return { ...base, ...env };
}

/** Runs the n8n CLI (`n8n <args>`) on Node 24 against a user folder. */
async function runCli(args, { userFolder, env = {}, timeoutMs = 120000 } = {}) {
	const dir = await n8nDir();
	const brokerPort = await freePort();
	const port = await freePort();
	const child = spawn('bash', [path.join(ROOT, 'scripts', 'node24.sh'), path.join(dir, 'node_modules', '.bin', 'n8n'), ...args], {
		env: n8nEnv({ userFolder, port, brokerPort, env }),
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d) => (stdout += d));
	child.stderr.on('data', (d) => (stderr += d));
	const timer = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
	const { code, signal } = await new Promise((resolve) => child.on('close', (c, s) => resolve({ code: c, signal: s })));
	clearTimeout(timer);
	return { code, signal, stdout, stderr };
}

function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		/* already gone */
	}
}

function writeTmpJson(userFolder, name, value) {
	const file = path.join(userFolder, `.import-${process.pid}-${Date.now()}-${name}.json`);
	fs.writeFileSync(file, JSON.stringify(value));
	return file;
}

/** Imports credentials with `n8n import:credentials` (data in plain text; n8n encrypts it). */
async function cliImportCredentials(userFolder, list, env) {
	const creds = list.map((c) => ({ id: c.id || randomId(), name: c.name, type: c.type, data: c.data }));
	const file = writeTmpJson(userFolder, 'credentials', creds);
	const r = await runCli(['import:credentials', `--input=${file}`], { userFolder, env });
	fs.rmSync(file, { force: true });
	if (r.code !== 0 || !/Successfully imported/.test(r.stdout + r.stderr)) {
		throw new Error(`import:credentials failed (exit ${r.code}):\n${r.stdout}${r.stderr}`);
	}
	return creds.map(({ id, name, type }) => ({ id, name, type }));
}

/** Imports workflows with `n8n import:workflow` (each needs an id; one is given when missing). */
async function cliImportWorkflows(userFolder, workflows, env) {
	const list = workflows.map((w) => ({ ...w, id: w.id || randomId() }));
	const file = writeTmpJson(userFolder, 'workflows', list);
	const r = await runCli(['import:workflow', `--input=${file}`], { userFolder, env });
	fs.rmSync(file, { force: true });
	if (r.code !== 0 || !/Successfully imported/.test(r.stdout + r.stderr)) {
		throw new Error(`import:workflow failed (exit ${r.code}):\n${r.stdout}${r.stderr}`);
	}
	return list.map((w) => ({ id: w.id, name: w.name }));
}

/** Publishes (activates) workflows with `n8n publish:workflow`: only while n8n is NOT running. */
async function cliPublish(userFolder, ids, env) {
	for (const id of ids) {
		const r = await runCli(['publish:workflow', `--id=${id}`], { userFolder, env });
		if (r.code !== 0) throw new Error(`publish:workflow --id=${id} failed (exit ${r.code}):\n${r.stdout}${r.stderr}`);
	}
}

function randomId() {
	const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	let s = '';
	for (let i = 0; i < 16; i++) s += chars[Math.floor(Math.random() * chars.length)];
	return s;
}

/** Parses the JSON that `n8n execute --rawOutput` prints after its log lines. */
function parseRawOutput(stdout) {
	const lines = stdout.split('\n');
	const start = lines.findIndex((l) => l.startsWith('{'));
	if (start < 0) return undefined;
	try {
		return JSON.parse(lines.slice(start).join('\n'));
	} catch {
		return undefined;
	}
}

/**
 * Headless run through the n8n CLI: installs the package, imports the credentials and the
 * workflow into a fresh (or given) user folder and runs `n8n execute --id --rawOutput`.
 * The workflow needs a Manual Trigger or an Execute Workflow Trigger.
 * Returns { ok, code, result (the run's JSON, see n8n's IRun data), stdout, stderr, timings }.
 * A folder it made is removed afterwards unless keepUserFolder is true.
 */
async function runHeadless(workflow, { credentials = [], userFolder, env = {}, withPackage = true, keepUserFolder = Boolean(userFolder) } = {}) {
	const folder = userFolder || makeUserFolder();
	try {
		return await headless(folder, workflow, { credentials, env, withPackage });
	} finally {
		if (!keepUserFolder) fs.rmSync(folder, { recursive: true, force: true });
	}
}

async function headless(folder, workflow, { credentials, env, withPackage }) {
	const timings = {};
	let t = Date.now();
	if (withPackage) await installPackage(folder);
	timings.installMs = Date.now() - t;
	t = Date.now();
	if (credentials.length) await cliImportCredentials(folder, credentials, env);
	timings.importCredentialsMs = Date.now() - t;
	t = Date.now();
	const [{ id }] = await cliImportWorkflows(folder, [workflow], env);
	timings.importWorkflowMs = Date.now() - t;
	t = Date.now();
	const r = await runCli(['execute', `--id=${id}`, '--rawOutput'], { userFolder: folder, env });
	timings.executeMs = Date.now() - t;
	const ok = r.code === 0 && !/Execution was NOT successful/.test(r.stdout + r.stderr);
	return { ok, code: r.code, result: parseRawOutput(r.stdout), stdout: r.stdout, stderr: r.stderr, userFolder: folder, workflowId: id, timings };
}

/** Minimal HTTP client with a cookie jar for n8n's internal REST API. */
function restClient(baseUrl) {
	let cookie = '';
	async function request(method, urlPath, body, headers = {}) {
		const res = await fetch(new URL(urlPath, baseUrl), {
			method,
			headers: {
				...(body !== undefined ? { 'content-type': 'application/json' } : {}),
				...(cookie ? { cookie } : {}),
				'browser-id': 'cartona-harness',
				...headers,
			},
			body: body !== undefined ? JSON.stringify(body) : undefined,
		});
		const setCookie = res.headers.getSetCookie ? res.headers.getSetCookie() : [];
		for (const c of setCookie) {
			const m = /^n8n-auth=([^;]*)/.exec(c);
			if (m) cookie = `n8n-auth=${m[1]}`;
		}
		const text = await res.text();
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		if (!res.ok) {
			const err = new Error(`n8n ${method} ${urlPath} -> ${res.status}: ${text.slice(0, 500)}`);
			err.status = res.status;
			err.body = json ?? text;
			throw err;
		}
		return json && typeof json === 'object' && 'data' in json ? json.data : json;
	}
	return { request, getCookie: () => cookie };
}

async function waitFor(fn, { timeoutMs, intervalMs = 100, what }) {
	const end = Date.now() + timeoutMs;
	let last;
	while (Date.now() < end) {
		try {
			const v = await fn();
			if (v) return v;
		} catch (e) {
			last = e;
		}
		await new Promise((r) => setTimeout(r, intervalMs));
	}
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

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
	const pre = {};
	if (options.credentials && options.credentials.length) pre.credentials = await cliImportCredentials(userFolder, options.credentials, env);
	if (options.workflows && options.workflows.length) pre.workflows = await cliImportWorkflows(userFolder, options.workflows, env);
	if (options.publish && options.publish.length) await cliPublish(userFolder, options.publish, env);

	const port = options.port || (await freePort());
	const brokerPort = await freePort();
	const baseUrl = `http://127.0.0.1:${port}/`;
	const logFile = options.logFile || path.join(userFolder, 'n8n.log');
	const log = fs.openSync(logFile, 'a');
	const t = Date.now();
	const child = spawn('bash', [path.join(ROOT, 'scripts', 'node24.sh'), path.join(dir, 'node_modules', '.bin', 'n8n'), 'start'], {
		env: n8nEnv({ userFolder, port, brokerPort, env }),
		stdio: ['ignore', log, log],
		detached: true,
	});
	fs.closeSync(log);
	let exited = null;
	const exitPromise = new Promise((resolve) =>
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			resolve(exited);
		}),
	);
	const tail = () => {
		try {
			return fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
		} catch {
			return '';
		}
	};
	try {
		await waitFor(
			async () => {
				if (exited) throw Object.assign(new Error(`n8n exited (${JSON.stringify(exited)})`), { fatal: true });
				const res = await fetch(new URL('healthz/readiness', baseUrl));
				return res.ok;
			},
			{ timeoutMs: options.readyTimeoutMs || 120000, intervalMs: 200, what: 'n8n /healthz/readiness' },
		);
	} catch (e) {
		killGroup(child, 'SIGKILL');
		throw new Error(`${e.message}\n--- ${logFile} (tail) ---\n${tail()}`);
	}
	timings.readyMs = Date.now() - t;

	const rest = restClient(baseUrl);
	const settings = await rest.request('GET', 'rest/settings');
	if (settings && settings.userManagement && settings.userManagement.showSetupOnFirstLoad) {
		await rest.request('POST', 'rest/owner/setup', OWNER);
	} else {
		await rest.request('POST', 'rest/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
	}
	timings.startMs = Date.now() - t0;

	const api = {
		baseUrl,
		port,
		userFolder,
		logFile,
		owner: { email: OWNER.email, password: OWNER.password },
		pid: child.pid,
		timings,
		imported: pre,
		/** The n8n-auth cookie of the owner (for a browser). */
		authCookie: () => rest.getCookie(),
		/** Calls n8n's internal REST API as the owner: rest('GET', 'rest/workflows'). */
		rest: (method, urlPath, body) => rest.request(method, urlPath, body),
		/**
		 * Creates credentials ({ name, type, data }) through the REST API; returns [{ id, name, type }].
		 * Idempotent by name and type: when exactly one credential of that name and type exists, its
		 * data is replaced instead (templates find credentials by name, and n8n resolves a name only
		 * when it is unique, so a second `npm start` on the same folder must not add a duplicate).
		 */
		async importCredentials(list) {
			const existing = (await rest.request('GET', 'rest/credentials')) || [];
			const out = [];
			for (const c of list) {
				const same = existing.filter((e) => e.name === c.name && e.type === c.type);
				const saved =
					same.length === 1
						? await rest.request('PATCH', `rest/credentials/${encodeURIComponent(same[0].id)}`, { name: c.name, type: c.type, data: c.data })
						: await rest.request('POST', 'rest/credentials', { name: c.name, type: c.type, data: c.data });
				out.push({ id: saved.id, name: saved.name, type: saved.type });
			}
			return out;
		},
		/**
		 * Creates a workflow from exported JSON through the REST API. Its `id` is kept when given; a
		 * workflow with that id already there is updated in place (a new draft version: call
		 * activate() again to publish it). Credentials referenced by name (`"id": ""`) are resolved
		 * to this instance's ones of that name and type, which must exist first.
		 * Returns { id, versionId, name }.
		 */
		async importWorkflow(json) {
			const body = {
				name: json.name || 'Imported workflow',
				nodes: json.nodes,
				connections: json.connections || {},
				settings: json.settings || {},
				pinData: json.pinData,
				staticData: json.staticData,
			};
			let current;
			if (json.id) {
				try {
					current = await rest.request('GET', `rest/workflows/${encodeURIComponent(json.id)}`);
				} catch (e) {
					if (e.status !== 404) throw e;
				}
			}
			const saved = current
				? await rest.request('PATCH', `rest/workflows/${encodeURIComponent(json.id)}`, { ...body, versionId: current.versionId })
				: await rest.request('POST', 'rest/workflows', json.id ? { ...body, id: json.id } : body);
			return { id: saved.id, versionId: saved.versionId, name: saved.name };
		},
		async getWorkflow(id) {
			return rest.request('GET', `rest/workflows/${encodeURIComponent(id)}`);
		},
		/** Changes a workflow (e.g. settings.errorWorkflow); the body is merged over the stored one. */
		async updateWorkflow(id, patch) {
			const current = await rest.request('GET', `rest/workflows/${encodeURIComponent(id)}`);
			return rest.request('PATCH', `rest/workflows/${encodeURIComponent(id)}`, { versionId: current.versionId, ...patch });
		},
		/**
		 * Publishes (activates) the workflow's current version and waits until its triggers and
		 * webhooks are live (2.41 publishes through an outbox: GET .../publication-status).
		 */
		async activate(id, { timeoutMs = 30000 } = {}) {
			const wfPath = `rest/workflows/${encodeURIComponent(id)}`;
			const wf = await rest.request('GET', wfPath);
			const activated = await rest.request('POST', `${wfPath}/activate`, { versionId: wf.versionId });
			let status;
			try {
				status = await rest.request('GET', `${wfPath}/publication-status`);
			} catch (e) {
				if (e.status === 404) return activated; // N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false: already live
				throw e;
			}
			status = await waitFor(
				async () => {
					const s = await rest.request('GET', `${wfPath}/publication-status`);
					return s.status !== 'in_progress' && s.liveVersionId === wf.versionId ? s : s.status === 'failed' ? s : false;
				},
				{ timeoutMs, intervalMs: 100, what: `workflow ${id} to be published` },
			);
			if (status.status !== 'published') {
				const errors = status.triggers.filter((t) => t.errorMessage).map((t) => `${t.nodeId}: ${t.errorMessage}`);
				throw new Error(`workflow ${id} publication ${status.status}: ${errors.join('; ')}`);
			}
			return activated;
		},
		async deactivate(id) {
			return rest.request('POST', `rest/workflows/${encodeURIComponent(id)}/deactivate`, {});
		},
		/** Calls a production webhook (`webhook/<path>`); test webhooks: { test: true }. */
		async webhook(webhookPath, { method = 'POST', body, headers = {}, test = false } = {}) {
			const url = new URL(`${test ? 'webhook-test' : 'webhook'}/${webhookPath.replace(/^\//, '')}`, baseUrl);
			const start = Date.now();
			const res = await fetch(url, {
				method,
				headers: { ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}), ...headers },
				body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
			});
			const text = await res.text();
			let parsed = text;
			try {
				parsed = JSON.parse(text);
			} catch {
				/* not JSON */
			}
			return { status: res.status, headers: Object.fromEntries(res.headers), body: parsed, ms: Date.now() - start };
		},
		/** Lists executions (newest first): { workflowId?, status? ('success'|'error'|...), limit? }. */
		async executions({ workflowId, status, limit = 50 } = {}) {
			const filter = {};
			if (workflowId) filter.workflowId = workflowId;
			if (status) filter.status = [status];
			const q = new URLSearchParams({ filter: JSON.stringify(filter), limit: String(limit) });
			const r = await rest.request('GET', `rest/executions?${q}`);
			return (r && r.results) || [];
		},
		/** One execution with its run data, parsed (n8n stores it flattened). */
		async execution(id) {
			const r = await rest.request('GET', `rest/executions/${encodeURIComponent(id)}`);
			if (r && typeof r.data === 'string') r.data = unflatten(r.data);
			return r;
		},
		/** Waits for a finished execution of a workflow; returns it with run data. */
		async waitForExecution({ workflowId, status, timeoutMs = 30000, after } = {}) {
			const found = await waitFor(
				async () => {
					const list = await api.executions({ workflowId, limit: 20 });
					return list.find(
						(e) =>
							e.status !== 'running' &&
							e.status !== 'new' &&
							e.status !== 'waiting' &&
							(!status || e.status === status) &&
							(!after || !Array.from(after).includes(e.id)),
					);
				},
				{ timeoutMs, intervalMs: 200, what: `an execution of workflow ${workflowId}${status ? ` with status ${status}` : ''}` },
			);
			return api.execution(found.id);
		},
		/** Stops n8n (SIGTERM, then SIGKILL after 10 s); removes the user folder if it made it. */
		async stop({ keepUserFolder = !fresh } = {}) {
			if (!exited) {
				killGroup(child, 'SIGTERM');
				const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10000);
				await exitPromise;
				clearTimeout(timer);
				killGroup(child, 'SIGKILL'); // the task runner, if it outlived its parent
			}
			if (!keepUserFolder) fs.rmSync(userFolder, { recursive: true, force: true });
		},
		exited: () => exited,
	};
	return api;
}

/**
 * n8n stores execution data "flatted" (an array whose strings that look like indices point to other
 * entries). This reverses it without a dependency.
 */
function unflatten(text) {
	const input = JSON.parse(text);
	if (!Array.isArray(input)) return input;
	const seen = new Map();
	const revive = (value) => {
		if (typeof value === 'string' && /^\d+$/.test(value)) {
			const i = Number(value);
			if (seen.has(i)) return seen.get(i);
			return resolve(i);
		}
		return value;
	};
	const resolve = (i) => {
		const raw = input[i];
		if (raw === null || typeof raw !== 'object') {
			seen.set(i, raw);
			return raw;
		}
		const out = Array.isArray(raw) ? [] : {};
		seen.set(i, out);
		for (const k of Object.keys(raw)) out[k] = revive(raw[k]);
		return out;
	};
	return resolve(0);
}

function readJsonArg(file) {
	const stat = fs.statSync(file);
	if (stat.isDirectory()) {
		return fs
			.readdirSync(file)
			.filter((f) => f.endsWith('.json'))
			.sort()
			.map((f) => JSON.parse(fs.readFileSync(path.join(file, f), 'utf8')));
	}
	const v = JSON.parse(fs.readFileSync(file, 'utf8'));
	return Array.isArray(v) ? v : [v];
}

async function main(argv) {
	const opts = { credentials: [], workflows: [], withPackage: true };
	let activateAll = false;
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const next = () => argv[++i];
		if (a === '--user-folder') opts.userFolder = path.resolve(next());
		else if (a === '--port') opts.port = Number(next());
		else if (a === '--no-package') opts.withPackage = false;
		else if (a === '--credentials') opts.credentials.push(...readJsonArg(next()));
		else if (a === '--workflow') opts.workflows.push(...readJsonArg(next()));
		else if (a === '--activate-all') activateAll = true;
		else if (a === '--help' || a === '-h') {
			console.log(fs.readFileSync(__filename, 'utf8').split('*/')[0]);
			return;
		} else throw new Error(`unknown argument ${a}`);
	}
	if (!opts.userFolder) opts.userFolder = path.join(CACHE, 'start', 'n8n-user');
	const wanted = { credentials: opts.credentials, workflows: opts.workflows };
	delete opts.credentials;
	delete opts.workflows;
	const n8n = await startN8n(opts);
	const creds = await n8n.importCredentials(wanted.credentials);
	const workflows = [];
	for (const wf of wanted.workflows) {
		const { id, name } = await n8n.importWorkflow(wf);
		let active = false;
		if (activateAll) {
			try {
				await n8n.activate(id);
				active = true;
			} catch (e) {
				console.error(`n8n: could not activate "${name}": ${e.message}`);
			}
		}
		workflows.push({ id, name, active, url: `${n8n.baseUrl}workflow/${id}` });
	}
	console.log(
		JSON.stringify({
			n8n: {
				url: n8n.baseUrl,
				editorUrl: `${n8n.baseUrl}home/workflows`,
				userFolder: n8n.userFolder,
				logFile: n8n.logFile,
				email: n8n.owner.email,
				password: n8n.owner.password,
				credentials: creds,
				workflows,
				startMs: n8n.timings.startMs,
			},
		}),
	);
	const stop = async () => {
		process.removeAllListeners('SIGINT');
		process.removeAllListeners('SIGTERM');
		await n8n.stop({ keepUserFolder: true });
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	const ex = await new Promise((resolve) => {
		const h = setInterval(() => {
			const e = n8n.exited();
			if (e) {
				clearInterval(h);
				resolve(e);
			}
		}, 500);
	});
	console.error(`n8n exited (${JSON.stringify(ex)}); log: ${n8n.logFile}`);
	process.exit(1);
}

module.exports = {
	startN8n,
	runHeadless,
	runCli,
	installPackage,
	n8nDir,
	freePort,
	cliImportCredentials,
	cliImportWorkflows,
	cliPublish,
	parseRawOutput,
	unflatten,
	OWNER,
};

if (require.main === module) {
	main(process.argv.slice(2)).catch((e) => {
		console.error(e.stack || e.message);
		process.exit(1);
	});
}
