/**
 * Where and from what a benchmark ran: every writer of bench/results/*.json records these fields so
 * bench/render.js can print, per result, the date, machine and commit it was measured on.
 * Shape: { date, machine: { cpus, cpuModel, memGb, os }, commit, worktreeDirty }; commit is null
 * when git is unavailable. bench/odoo_import_bench.py writes the same shape in Python.
 * CommonJS, no dependencies.
 */
'use strict';
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

const ROOT = path.join(__dirname, '..');

function git(args) {
	try {
		return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
	} catch {
		return null;
	}
}

function machine() {
	const cpus = os.cpus();
	return {
		cpus: cpus.length,
		cpuModel: cpus[0] ? cpus[0].model.trim() : null,
		memGb: Math.round(os.totalmem() / 1e9),
		os: `${os.type()} ${os.release()} ${os.arch()}`,
	};
}

/** The fields every result file records; call it when the run starts. */
function provenance() {
	const commit = git(['rev-parse', 'HEAD']);
	// Results written by an earlier bench of the same run (npm run bench) are outputs, not code.
	const status = commit === null ? null : git(['status', '--porcelain', '--untracked-files=no', '--', '.', ':(exclude)bench/results']);
	return { date: new Date().toISOString(), machine: machine(), commit, worktreeDirty: status === null ? null : status !== '' };
}

module.exports = { provenance };
