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
// The parts, beside this file: n8nEnv.js (paths, environment variables), n8nProcess.js (install,
// ports, user folders, spawn and stop), cli.js (n8n import/publish commands), headless.js
// (n8n execute), restClient.js + restApi.js (internal REST API as the owner), unflatten.js,
// waitFor.js, startN8n.js (the server start, step by step), commandLine.js (this file's CLI).
const { installPackage, n8nDir, freePort } = require('./n8nProcess');
const { runCli, cliImportCredentials, cliImportWorkflows, cliPublish, parseRawOutput } = require('./cli');
const { runHeadless } = require('./headless');
const { OWNER } = require('./restClient');
const { unflatten } = require('./unflatten');
const { startN8n } = require('./startN8n');

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
	require('./commandLine')
		.main(process.argv.slice(2))
		.catch((e) => {
			console.error(e.stack || e.message);
			process.exit(1);
		});
}
