'use strict';
/**
 * n8n as an operating-system process: install it and this package, pick free ports and user
 * folders, spawn `n8n <args>` on Node 24 in its own process group, and stop that group.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { ROOT, N8N_VERSION, CACHE, n8nEnv } = require('./n8nEnv');

/**
 * Resolves with { code, signal, stdout, stderr } when the child closes; rejects if it cannot start.
 * A stream the child inherits (stdio 'inherit') is not collected: its text stays ''.
 */
function collectOutput(child) {
	return new Promise((resolve, reject) => {
		let stdout = '';
		let stderr = '';
		if (child.stdout) child.stdout.on('data', (d) => (stdout += d));
		if (child.stderr) child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
	});
}

function run(cmd, args, opts = {}) {
	return collectOutput(spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts }));
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

/**
 * Spawns `n8n <args>` from the install in dir on Node 24, detached so that killGroup also reaches
 * the task runner it starts. stdio as for child_process.spawn.
 */
function spawnN8n(dir, args, { userFolder, port, brokerPort, env, stdio }) {
	return spawn('bash', [path.join(ROOT, 'scripts', 'node24.sh'), path.join(dir, 'node_modules', '.bin', 'n8n'), ...args], {
		env: n8nEnv({ userFolder, port, brokerPort, env }),
		stdio,
		detached: true,
	});
}

function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		/* already gone */
	}
}

/**
 * Follows a long-running n8n child: exited() is null until it exits, then { code, signal };
 * stop() sends SIGTERM, then SIGKILL after 10 s, and SIGKILL once more for a task runner that
 * outlived its parent.
 */
function superviseN8n(child) {
	let exited = null;
	const exitPromise = new Promise((resolve) =>
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			resolve(exited);
		}),
	);
	return {
		child,
		exited: () => exited,
		async stop() {
			if (exited) return;
			killGroup(child, 'SIGTERM');
			const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10000);
			await exitPromise;
			clearTimeout(timer);
			killGroup(child, 'SIGKILL');
		},
	};
}

module.exports = { collectOutput, n8nDir, installPackage, freePort, makeUserFolder, spawnN8n, killGroup, superviseN8n };
