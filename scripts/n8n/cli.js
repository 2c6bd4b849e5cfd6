'use strict';
/**
 * The n8n command line against a user folder while no n8n server runs on it: `import:credentials`,
 * `import:workflow`, `publish:workflow`, and reading what `execute --rawOutput` prints.
 */
const fs = require('node:fs');
const path = require('node:path');
const { collectOutput, freePort, killGroup, n8nDir, spawnN8n } = require('./n8nProcess');

/** Runs the n8n CLI (`n8n <args>`) on Node 24 against a user folder. */
async function runCli(args, { userFolder, env = {}, timeoutMs = 120000 } = {}) {
	const dir = await n8nDir();
	const brokerPort = await freePort();
	const port = await freePort();
	const child = spawnN8n(dir, args, { userFolder, port, brokerPort, env, stdio: ['ignore', 'pipe', 'pipe'] });
	const output = collectOutput(child);
	const timer = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
	try {
		return await output;
	} finally {
		clearTimeout(timer);
	}
}

function randomId() {
	const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	let s = '';
	for (let i = 0; i < 16; i++) s += chars[Math.floor(Math.random() * chars.length)];
	return s;
}

/** Writes list to a temporary file in the user folder, runs `n8n <command> --input=<file>`, removes it. */
async function cliImport(command, userFolder, name, list, env) {
	const file = path.join(userFolder, `.import-${process.pid}-${Date.now()}-${name}.json`);
	fs.writeFileSync(file, JSON.stringify(list));
	const r = await runCli([command, `--input=${file}`], { userFolder, env });
	fs.rmSync(file, { force: true });
	if (r.code !== 0 || !/Successfully imported/.test(r.stdout + r.stderr)) {
		throw new Error(`${command} failed (exit ${r.code}):\n${r.stdout}${r.stderr}`);
	}
}

/** Imports credentials with `n8n import:credentials` (data in plain text; n8n encrypts it). */
async function cliImportCredentials(userFolder, list, env) {
	const creds = list.map((c) => ({ id: c.id || randomId(), name: c.name, type: c.type, data: c.data }));
	await cliImport('import:credentials', userFolder, 'credentials', creds, env);
	return creds.map(({ id, name, type }) => ({ id, name, type }));
}

/** Imports workflows with `n8n import:workflow` (each needs an id; one is given when missing). */
async function cliImportWorkflows(userFolder, workflows, env) {
	const list = workflows.map((w) => ({ ...w, id: w.id || randomId() }));
	await cliImport('import:workflow', userFolder, 'workflows', list, env);
	return list.map((w) => ({ id: w.id, name: w.name }));
}

/** Publishes (activates) workflows with `n8n publish:workflow`: only while n8n is NOT running. */
async function cliPublish(userFolder, ids, env) {
	for (const id of ids) {
		const r = await runCli(['publish:workflow', `--id=${id}`], { userFolder, env });
		if (r.code !== 0) throw new Error(`publish:workflow --id=${id} failed (exit ${r.code}):\n${r.stdout}${r.stderr}`);
	}
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

module.exports = { runCli, cliImportCredentials, cliImportWorkflows, cliPublish, parseRawOutput };
