#!/usr/bin/env node
'use strict';
/**
 * The fault suite's table (issue 10) from its JSON, and the 0-tolerance judgement:
 *   node bench/faults/report.js [file.json]   prints the table; exit 1 when a 0-tolerance figure
 *                                             (duplicates, lost, acknowledgement mismatches, drift,
 *                                             secrets found) is not 0 or a scenario did not run.
 *   node bench/faults/report.js --merge out.json a.json b.json
 *                                             one file from runs of single series (FAULTS_SERIES=17.0
 *                                             and =19.0 run side by side) of the same commit and size;
 *                                             refuses runs of different commits, sizes or one series twice.
 * rows(results) feeds bench/figures.js (the README's Reliability block). CommonJS, no dependencies.
 */
const fs = require('fs');
const path = require('path');

const n = (x) => (x === undefined || x === null ? '-' : String(x));
const sec = (ms) => (typeof ms === 'number' ? `${(ms / 1000).toFixed(1)} s` : '-');
const drift = (d) => (d && typeof d.total === 'number' ? d.total : d && d.error ? 'error' : '-');

/** n8n's protocol to Odoo, with the JSON-2 calls Odoo's request log counted when the run recorded them. */
function protocol(s) {
	const name = s.protocol === 'json2' ? 'JSON-2' : 'JSON-RPC';
	const r = s.odooRequests;
	return r && typeof r.json2 === 'number' ? `n8n over ${name}; Odoo's log: ${r.json2} JSON-2 calls` : name;
}

/** One row per scenario of one series: [scenario, figures, zero-tolerance values]. */
function seriesRows(s) {
	const rows = [];
	const add = (scenario, figures, zero) => rows.push({ scenario, figures, zero });
	const order = (x, extra = '') =>
		x && !x.error
			? [`${x.imported}/${x.orders} imported, ${x.duplicates} duplicates, ${x.lost} lost, ${x.ackMismatches} ack mismatches, ${x.pulls} pulls, ${x.failedExecutions} failed executions, ${x.alerts} alerts${extra}; drift ${drift(x.drift)}`, { duplicates: x.duplicates, lost: x.lost, ackMismatches: x.ackMismatches, drift: drift(x.drift) }]
			: [`did not run: ${x ? String(x.error).split('\n')[0] : 'missing'}`, { ran: 'no' }];
	const R1 = s.R1 || {};
	add('R1 same orders pulled 3 times', ...order(R1.pulledThreeTimes));
	add('R1 two pulls racing', ...order(R1.racingPulls));
	// A kill counts as mid-import only when the run says so (midImport), or, for runs that did not
	// record it, when Odoo held part of the orders at the kill; otherwise the row says it was not.
	const killed = (x, who) => {
		if (!x || x.error) return order(x);
		const mid = typeof x.midImport === 'boolean' ? x.midImport : x.importedWhenKilled > 0 && x.importedWhenKilled < x.orders;
		const held = `Odoo held ${x.importedWhenKilled}${typeof x.midImport === 'boolean' ? ` of ${x.orders}` : ''} when ${who} killed`;
		const how = x.killWhile && x.killWhile !== 'between import batches' ? `, ${x.killWhile}` : '';
		const [figures, zero] = order(x, mid ? ` (${held}${how})` : ` (NOT mid-import: ${held}${how})`);
		return [figures, { ...zero, notMidImport: mid ? 0 : 1 }];
	};
	add('R1 n8n killed mid-import', ...killed(R1.n8nKilled, 'n8n was'));
	add('R1 Odoo restarted mid-import', ...killed(R1.odooRestarted, 'it was'));
	const R2 = s.R2 || {};
	if (R2.orders && !R2.error) {
		add('R2 20% faults: orders', ...order({ ...R2.orders, drift: R2.drift }, `; ${R2.faultsInjectedTotal} faults injected in ${R2.cartonaRequests} Cartona requests (${(R2.faultsInjected || []).map((f) => `${f.fired} ${f.fault}`).join(', ')})`));
		const p = R2.pushes || {};
		add('R2 20% faults: statuses, details, stock, prices', `statuses ${n(p.statuses)}, details ${n(p.details)}, products differing ${n(p.productDrift)} after ${n(p.runs)} runs${p.sweepIntervalMs ? ` (sweeps ${p.sweepIntervalMs / 1000} s apart)` : ''} in ${sec(p.ms)}, ${n(p.failedExecutions)} failed executions, ${n(p.alerts)} alerts; drift after a clean sweep ${drift(R2.drift)}`, { drift: drift(R2.drift), notLanded: p.done ? 0 : 1 });
	} else add('R2 20% faults', `did not run: ${String(R2.error || 'missing').split('\n')[0]}`, { ran: 'no' });
	const R3 = s.R3 || {};
	const a = R3.n8nDown;
	if (a) add('R3 n8n down while prices and stock change', `${a.prices} prices + ${a.stock} stock changed; delivered ${sec(a.deliveredAfterRestartMs)} after restart in ${a.pings} pings, ${a.lost} products not delivered, ${a.failedExecutions} failed executions, ${a.alerts} alerts`, { lost: a.lost, drift: drift(a.drift) });
	else add('R3 n8n down', `did not run: ${String(R3.error || 'missing').split('\n')[0]}`, { ran: 'no' });
	const b = R3.odooDown;
	if (b) add('R3 Odoo down while Cartona has new orders', ...order(b, `; ${b.ackedWhileOdooDown} acknowledged while Odoo was down`));
	else add('R3 Odoo down', 'did not run', { ran: 'no' });
	// Runs that recorded Cartona's refusals of the wrong OTP (issue 10: one alert per refusal).
	const dv = s.deliveries;
	if (dv && typeof dv.refusals === 'number') add('Delivery with a wrong OTP', `${dv.tried} OTP deliveries (${dv.wrongOtp} wrong OTP): ${dv.delivered} delivered, ${dv.refusals} refused by Cartona, ${dv.refusalAlerts} alerts naming the refused order, ${dv.alerts} alerts in all${dv.ordersSentMoreThanOnce ? `; ${dv.ordersSentMoreThanOnce} of ${dv.tried} deliveries sent to Cartona more than once` : ''}`, {});
	const R4 = s.R4 || {};
	if (R4.cases) {
		const w = R4.wellFormedInSamePull;
		// Well-formed orders a bad neighbour holds back are not acknowledged (Cartona keeps them), so
		// they are reported, not judged as lost; drift over the orders Odoo holds must stay 0.
		add('R4 malformed inputs', `${R4.clearPerItemError}/${R4.inputs} gave a clear per-item error (item and field); of ${R4.cases.filter((c) => c.boundary.startsWith('Cartona')).length} bad pulled orders ${R4.pullCasesInSyncLog} in the sync log, ${R4.pullCasesInAlert} in an alert, ${R4.pullCasesImported} imported; well-formed orders in the same pulls: ${w.imported}/${w.orders} imported${w.imported < w.orders ? ' (DEFECT: held back by the bad ones)' : ''}, ${w.ackedNotHeld} acknowledged without being in Odoo`, { ackedNotHeld: w.ackedNotHeld, drift: drift(s.R4drift) });
	} else add('R4 malformed inputs', `did not run: ${String(R4.error || 'missing').split('\n')[0]}`, { ran: 'no' });
	const R5 = s.R5 || {};
	if (R5.pings) {
		add('R5 secrets in records, logs, sync log, alerts, errors', `${R5.secretLeaks} found (${R5.secretsScanned.secrets.length} secrets + ${R5.secretsScanned.otps} OTPs over ${Object.keys(R5.secretsScanned.sources).length} sources)${R5.secretLeaks ? ': ' + R5.secretsFound.map((f) => `${f.what} in ${f.where}`).join('; ') : ''}`, { secrets: R5.secretLeaks });
		add('R5 unsigned, forged, stale, replayed pings', `${R5.pingsRefused} refused`, { pingsAccepted: R5.pings.filter((p) => !p.refused).length });
		add('R5 Odoo access', `${R5.access.length - R5.accessDefects}/${R5.access.length} as they should be${R5.accessDefects ? '; defects: ' + R5.access.filter((x) => x.defect).map((x) => `${x.who} can ${x.what}`).join('; ') : ''}`, {});
	} else add('R5 security', `did not run: ${String(R5.error || 'missing').split('\n')[0]}`, { ran: 'no' });
	return rows;
}

/** Every 0-tolerance figure that is not 0, as "series scenario: name=value". */
function breaches(results) {
	const out = [];
	for (const [series, s] of Object.entries(results.series || {})) {
		if (s.skipped) continue;
		if (s.error) out.push(`${series}: ${String(s.error).split('\n')[0]}`);
		// A JSON-2 series proves its protocol in Odoo's own request log: n8n must have used it.
		if (s.protocol === 'json2' && s.odooRequests && s.odooRequests.json2 === 0) out.push(`${series}: protocol: no JSON-2 call reached Odoo`);
		for (const row of seriesRows(s)) for (const [k, v] of Object.entries(row.zero)) if (v !== 0) out.push(`${series} ${row.scenario}: ${k}=${v}`);
	}
	return out;
}

function table(results) {
	const lines = [];
	for (const [series, s] of Object.entries(results.series || {})) {
		if (s.skipped) {
			lines.push(`Odoo ${series}: SKIPPED (${s.skipped})`);
			continue;
		}
		lines.push(`Odoo ${series} (${protocol(s)}), ${results.size.orders} orders, ${results.size.products} products, everything within ${results.maxRuns} runs; this series ran ${typeof s.ms === 'number' ? `${(s.ms / 60000).toFixed(1)} min` : '-'}${s.loadAverage && s.loadAverage.start && s.loadAverage.end ? ` at load ${s.loadAverage.start[0].toFixed(1)} -> ${s.loadAverage.end[0].toFixed(1)}` : ''}:`);
		lines.push('| scenario | figures (counted from Odoo and the sandbox) |', '|---|---|');
		for (const r of seriesRows(s)) lines.push(`| ${r.scenario} | ${r.figures} |`);
		lines.push('');
	}
	const la = results.loadAverage || {};
	lines.push(`Load average ${(la.start || []).map((x) => x.toFixed(2)).join(' ')} -> ${(la.end || []).map((x) => x.toFixed(2)).join(' ')} on ${n(results.cpus)} cores: times are noisy, counts are not.`);
	return lines.join('\n');
}

/** Runs of different series of one commit and size as one result (each series keeps its own load and time). */
function merge(runs) {
	const [first] = runs;
	const out = { ...first, series: {}, runs: [] };
	for (const r of runs) {
		for (const k of ['commit', 'worktreeDirty']) if (r[k] !== first[k]) throw new Error(`cannot merge runs with different ${k}: ${first[k]} and ${r[k]}`);
		if (JSON.stringify(r.size) !== JSON.stringify(first.size)) throw new Error('cannot merge runs of different sizes');
		for (const [series, s] of Object.entries(r.series || {})) {
			if (out.series[series]) throw new Error(`series ${series} is in two runs`);
			out.series[series] = s;
		}
		out.runs.push({ date: r.date, series: Object.keys(r.series || {}), loadAverage: r.loadAverage });
	}
	const byDate = [...runs].sort((a, b) => String(a.date).localeCompare(String(b.date)));
	out.date = byDate[0].date;
	// from the run that started first to the one that started last (each series keeps its own)
	out.loadAverage = { start: byDate[0].loadAverage.start, end: byDate[byDate.length - 1].loadAverage.end };
	out.note = `${first.note || ''} The series ran side by side (${runs.length} runs, one series each), so each one shared the machine with the other.`.trim();
	return out;
}

if (require.main === module && process.argv[2] === '--merge') {
	const [outFile, ...inputs] = process.argv.slice(3);
	const merged = merge(inputs.map((f) => JSON.parse(fs.readFileSync(f, 'utf8'))));
	fs.writeFileSync(outFile, JSON.stringify(merged, null, 2) + '\n');
	console.log(`written ${outFile} (${Object.keys(merged.series).join(', ')})`);
} else if (require.main === module) {
	const file = process.argv[2] || path.join(__dirname, '..', 'results', 'faults.json');
	const results = JSON.parse(fs.readFileSync(file, 'utf8'));
	console.log(table(results));
	const bad = breaches(results);
	if (bad.length) {
		console.error(`\n0-tolerance figures not 0 (${path.basename(file)}):\n  ${bad.join('\n  ')}`);
		process.exitCode = 1;
	} else console.log(`\n0 duplicates, 0 lost, 0 acknowledgement mismatches, 0 drift, 0 secrets (${path.basename(file)})`);
}

module.exports = { seriesRows, breaches, table, merge };
