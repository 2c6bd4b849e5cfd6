#!/usr/bin/env node
/**
 * Writes bench/RESULTS.md and the marked sections of README.md and bench/README.md from
 * bench/results/*.json (npm run bench calls it after the benchmarks).
 *   node bench/render.js            # write
 *   node bench/render.js --check    # write nothing; exit 1 with a diff when a committed table differs
 * CommonJS, no dependencies; Node 20 and 24.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { FILES, renderBlocks, renderResultsMd } = require('./figures');
const { replaceMarked } = require('./markers');
const faults = require('./faults/report');

const ROOT = path.join(__dirname, '..');
/** Files holding marked sections, relative to the repository root. */
const MARKED_FILES = ['README.md', 'bench/README.md'];
const RESULTS_MD = 'bench/RESULTS.md';
/** The fault suite's file (npm run faults): rendered into README.md's `reliability` block only. */
const FAULTS_FILE = 'faults.json';

/** The parsed result files present in dir, by file name. */
function loadResults(dir) {
	const results = {};
	for (const file of FILES) {
		const p = path.join(dir, file);
		if (fs.existsSync(p)) results[file] = JSON.parse(fs.readFileSync(p, 'utf8'));
	}
	const f = path.join(dir, FAULTS_FILE);
	if (fs.existsSync(f)) results[FAULTS_FILE] = JSON.parse(fs.readFileSync(f, 'utf8'));
	return results;
}

/** Every generated file as { path relative to root: expected text }; reads the marked files under root. */
function expectedFiles(root, results) {
	const blocks = { ...renderBlocks(results), reliability: renderReliability(results[FAULTS_FILE]) };
	const out = { [RESULTS_MD]: renderResultsMd(results) };
	for (const file of MARKED_FILES) {
		const p = path.join(root, file);
		if (fs.existsSync(p)) out[file] = replaceMarked(fs.readFileSync(p, 'utf8'), blocks, file);
	}
	return out;
}

/** The README's Reliability table: bench/faults/report.js's table of faults.json, with its date and commit. */
function renderReliability(r) {
	if (!r) return `No results: \`bench/results/${FAULTS_FILE}\` is absent (run \`npm run faults\`).`;
	const when = [r.date, r.commit ? `commit ${String(r.commit).slice(0, 10)}` : undefined].filter(Boolean).join(', ');
	return [`From \`bench/results/${FAULTS_FILE}\`${when ? ` (${when})` : ''}.`, '', faults.table(r)].join('\n');
}

/** A short unified-style diff: the first differing region, a few lines of each side. */
function describeDifference(file, actual, expected) {
	const a = actual.split('\n');
	const e = expected.split('\n');
	let start = 0;
	while (start < a.length && start < e.length && a[start] === e[start]) start++;
	let endA = a.length - 1;
	let endE = e.length - 1;
	while (endA >= start && endE >= start && a[endA] === e[endE]) {
		endA--;
		endE--;
	}
	const cap = (lines) => (lines.length > 12 ? [...lines.slice(0, 12), `... (${lines.length - 12} more lines)`] : lines);
	return [
		`--- ${file} (committed)`,
		`+++ ${file} (rendered from bench/results/*.json)`,
		`@@ line ${start + 1} @@`,
		...cap(a.slice(start, endA + 1)).map((l) => `-${l}`),
		...cap(e.slice(start, endE + 1)).map((l) => `+${l}`),
	].join('\n');
}

/** The files under root that differ from what results render, each with its diff. */
function check(root, results) {
	const problems = [];
	for (const [file, expected] of Object.entries(expectedFiles(root, results))) {
		const p = path.join(root, file);
		const actual = fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : '';
		if (actual !== expected) problems.push({ file, diff: describeDifference(file, actual, expected) });
	}
	return problems;
}

function main(argv) {
	const results = loadResults(path.join(ROOT, 'bench', 'results'));
	if (argv.includes('--check')) {
		const problems = check(ROOT, results);
		for (const { diff } of problems) console.error(diff + '\n');
		if (problems.length) {
			console.error(`bench/render.js --check: ${problems.map((p) => p.file).join(', ')} differ from bench/results/*.json; run node bench/render.js`);
			return 1;
		}
		console.log(`bench/render.js --check: ${RESULTS_MD} and the marked sections of ${MARKED_FILES.join(', ')} match bench/results/*.json`);
		return 0;
	}
	for (const [file, text] of Object.entries(expectedFiles(ROOT, results))) {
		const p = path.join(ROOT, file);
		if (!fs.existsSync(p) || fs.readFileSync(p, 'utf8') !== text) {
			fs.writeFileSync(p, text);
			console.log(`written ${file}`);
		}
	}
	return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { loadResults, expectedFiles, check, describeDifference, renderReliability, MARKED_FILES, RESULTS_MD, FAULTS_FILE };
