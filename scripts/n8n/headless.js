'use strict';
/** One workflow run headless through the n8n CLI (`n8n execute`), no server. */
const fs = require('node:fs');
const { installPackage, makeUserFolder } = require('./n8nProcess');
const { runCli, cliImportCredentials, cliImportWorkflows, parseRawOutput } = require('./cli');

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

module.exports = { runHeadless };
