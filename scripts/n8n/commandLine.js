'use strict';
/**
 * The command line of scripts/n8n/server.js (its header comment is the --help text): start n8n,
 * import credentials and workflows, optionally publish them, print one JSON line, run until
 * Ctrl-C or until n8n exits.
 */
const fs = require('node:fs');
const path = require('node:path');
const { CACHE } = require('./n8nEnv');
const { startN8n } = require('./startN8n');

const HELP_FILE = path.join(__dirname, 'server.js');

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
			console.log(fs.readFileSync(HELP_FILE, 'utf8').split('*/')[0]);
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

module.exports = { main };
