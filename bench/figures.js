/**
 * Renders the figures of bench/results/*.json as Markdown: bench/RESULTS.md and the `summary`
 * block that README.md and bench/README.md embed. Pure functions of the parsed JSON: every number
 * printed is a field of a result file or a ratio computed from such fields; a value a file does not
 * hold prints as "not recorded". Goals come from the JSON where a writer records them (issues 3 and
 * 4, and issue 2's expected request counts); issue 5's are written below with their source.
 * CommonJS, no dependencies.
 */
'use strict';

/** The result files, in the order they are rendered. */
const FILES = ['cartona-node.json', 'odoo-import.json', 'odoo-node.json', 'integration.json', 'integration-latency.json', 'concurrency.json', 'growth.json', 'queue.json'];

const NOT_RECORDED = 'not recorded';

// ------------------------------------------------------------------ formatting

function int(n) {
	const [whole, frac] = String(n).split('.');
	const sign = whole.startsWith('-') ? '-' : '';
	const digits = sign ? whole.slice(1) : whole;
	return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '');
}

function num(n) {
	return typeof n === 'number' && Number.isFinite(n) ? int(n) : NOT_RECORDED;
}

function ms(n) {
	if (typeof n !== 'number' || !Number.isFinite(n)) return NOT_RECORDED;
	return n < 1000 ? `${int(n)} ms` : `${int((n / 1000).toFixed(2))} s`;
}

function seconds(n) {
	return typeof n === 'number' ? ms(n * 1000) : NOT_RECORDED;
}

function mb(n) {
	return typeof n === 'number' ? `${int(n)} MB` : NOT_RECORDED;
}

function plural(n, word) {
	return `${num(n)} ${word}${n === 1 ? '' : 's'}`;
}

function ratio(a, b) {
	return typeof a === 'number' && typeof b === 'number' && b > 0 ? a / b : null;
}

function times(x) {
	return x === null ? NOT_RECORDED : `${x.toFixed(2)}x`;
}

function when(iso) {
	if (typeof iso !== 'string') return NOT_RECORDED;
	const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
	return m ? `${m[1]} ${m[2]} UTC` : iso;
}

function machine(m) {
	if (!m || typeof m !== 'object') return NOT_RECORDED;
	const parts = [];
	if (typeof m.cpus === 'number') parts.push(`${m.cpus} CPUs${m.cpuModel ? ` (${m.cpuModel})` : ''}`);
	if (typeof m.memGb === 'number') parts.push(`${m.memGb} GB RAM`);
	if (m.os) parts.push(m.os);
	return parts.length ? parts.join(', ') : NOT_RECORDED;
}

function commit(r) {
	if (typeof r.commit !== 'string' || !r.commit) return NOT_RECORDED;
	return `\`${r.commit.slice(0, 12)}\`${r.worktreeDirty ? ' (with uncommitted changes)' : ''}`;
}

/** One line: when, where and from what a result was measured. */
function provenanceLine(dateIso, r) {
	return `measured ${when(dateIso)}; machine: ${machine(r.machine)}; commit: ${commit(r)}`;
}

function table(header, rows) {
	return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

function metText(met) {
	return met === null ? NOT_RECORDED : met ? 'met' : '**missed**';
}

function bySeries(keys) {
	return [...keys].sort((a, b) => Number.parseFloat(a) - Number.parseFloat(b) || a.localeCompare(b));
}

// ------------------------------------------------------------------ goals

/**
 * Each bench's goals as { goal, measured, met } (met: true, false, or null when not measured).
 * Issue 2: the JSON's expectedRequests (one request per 100 products; the list one extra empty page).
 */
function cartonaNodeGoals(r) {
	return (r.rows || []).map((row) => ({
		goal: `${row.case}: at most ${num(row.expectedRequests)} requests (issue 2, recorded in the JSON)`,
		measured: `${num(row.requests)} requests${row.error ? `; error: ${row.error}` : ''}`,
		met: typeof row.requests === 'number' && typeof row.expectedRequests === 'number' ? row.requests <= row.expectedRequests && !row.error : null,
	}));
}

/** Issue 3: the thresholds each series' entry records under `goal`. */
function odooImportGoals(r) {
	const goals = [];
	for (const series of bySeries(Object.keys(r))) {
		const s = r[series];
		const goal = s.goal || {};
		const rate = importRatio(s);
		goals.push({
			goal: `${series}: batch method throughput at least ${num(goal.ratio_min)}x the raw ORM's (issue 3, recorded in the JSON)`,
			measured: times(rate),
			met: rate !== null && typeof goal.ratio_min === 'number' ? rate >= goal.ratio_min : null,
		});
		const perOrder = s.batch_rpc ? s.batch_rpc.calls_per_order : undefined;
		goals.push({
			goal: `${series}: at most ${num(goal.calls_per_order_max)} Odoo calls per order (issue 3, recorded in the JSON)`,
			measured: `${num(perOrder)} calls per order`,
			met: typeof perOrder === 'number' && typeof goal.calls_per_order_max === 'number' ? perOrder <= goal.calls_per_order_max : null,
		});
	}
	return goals;
}

/** Issue 4: the limits each series' entry records under `goals`, applied to HTTP requests (login included). */
function odooNodeGoals(r) {
	const goals = [];
	const all = r.bySeries || {};
	for (const key of bySeries(Object.keys(all))) {
		const s = all[key];
		const g = s.goals || {};
		const imports = s.import50 || [];
		const importMax = Math.max(...imports.map((x) => x.httpRequests));
		goals.push({
			goal: `${key}: Order Import of 50 orders in at most ${num(g.import50MaxCalls)} requests per run (issue 4, recorded in the JSON)`,
			measured: imports.length ? `${plural(importMax, 'request')} at most (${imports.map((x) => `${x.run} run ${num(x.httpRequests)}`).join(', ')})` : NOT_RECORDED,
			met: imports.length && typeof g.import50MaxCalls === 'number' ? importMax <= g.import50MaxCalls : null,
		});
		const snaps = s.stockSnapshot || [];
		const snapMax = Math.max(...snaps.map((x) => x.httpRequests));
		goals.push({
			goal: `${key}: stock snapshot of every mapped product in at most ${num(g.snapshot10kMaxCalls)} requests (issue 4, recorded in the JSON)`,
			measured: snaps.length ? `${plural(snapMax, 'request')} at most (${snaps.map((x) => `page ${num(x.pageSize)}: ${num(x.httpRequests)}`).join(', ')})` : NOT_RECORDED,
			// Every mapped product must arrive; the mapped count is recorded as `products` (older entries lack it).
			met: snaps.length && typeof g.snapshot10kMaxCalls === 'number' ? snapMax <= g.snapshot10kMaxCalls && snaps.every((x) => typeof s.products !== 'number' || x.items >= s.products) : null,
		});
	}
	return goals;
}

function ran(x) {
	return Boolean(x && !x.skipped && x.ok !== false && typeof x.ms === 'number');
}

/** The P1 peers built from n8n's built-in nodes, weakest design first. */
const PEERS = [
	['naive', 'peer (a) naive'],
	['batched', 'peer (b) batched'],
	['batchedBody', 'peer (b2) body-shaped'],
];

/** The fastest peer that ran in this result (issue 11: ratios are against the best peer, not the weakest). */
function bestPeer(p1) {
	const ranPeers = PEERS.filter(([k]) => ran(p1?.[k])).map(([k, label]) => ({ key: k, label, ms: p1[k].ms }));
	return ranPeers.sort((a, b) => a.ms - b.ms)[0];
}

function oursOverFloor(r) {
	return ran(r.P1?.ours) && ran(r.P1?.floor) ? ratio(r.P1.ours.ms, r.P1.floor.ms) : null;
}

/** Floor label: how many posts it keeps in flight (older results: one at a time). */
function floorNote(r) {
	const c = r.P1?.floor?.concurrency;
	return typeof c === 'number' ? `${c} post${c === 1 ? '' : 's'} in flight` : 'one post at a time';
}

const floorGoal = (limit, issue) => ({
	goal: `P1: ours within ${limit}x of the floor, which posts as many batches at a time as the node (${issue})`,
	check: (r) => {
		const x = oursOverFloor(r);
		return { measured: x === null ? NOT_RECORDED : `${times(x)} (${ms(r.P1.ours.ms)} vs ${ms(r.P1.floor.ms)}, ${floorNote(r)})`, met: x === null ? null : x <= limit };
	},
});

const bestPeerGoal = (issue) => ({
	goal: `P1: ours faster than the best peer (${issue})`,
	check: (r) => {
		const best = bestPeer(r.P1);
		const x = best && ran(r.P1?.ours) ? ratio(best.ms, r.P1.ours.ms) : null;
		return { measured: x === null ? NOT_RECORDED : peerAgainstOurs(best.label, x), met: x === null ? null : x > 1 };
	},
});

/**
 * Issue 5's goals for the integration bench (the issue's acceptance list for P1-P4). The JSON does
 * not record them, so the thresholds live here, each with the figure it is checked against.
 */
const INTEGRATION_GOALS = [
	{
		goal: 'P1: ours within 1.3x of the floor (issue 5)',
		check: (r) => {
			const x = ran(r.P1?.ours) && ran(r.P1?.floor) ? ratio(r.P1.ours.ms, r.P1.floor.ms) : null;
			return { measured: x === null ? NOT_RECORDED : `${times(x)} (${ms(r.P1.ours.ms)} vs ${ms(r.P1.floor.ms)})`, met: x === null ? null : x <= 1.3 };
		},
	},
	{
		goal: 'P1: ours sends at most 101 Cartona requests for 10,000 products (issue 5)',
		check: (r) => (ran(r.P1?.ours) ? { measured: num(r.P1.ours.cartonaRequests), met: r.P1.ours.cartonaRequests <= 101 } : { measured: NOT_RECORDED, met: null }),
	},
	{
		goal: 'P1: ours makes at most 10 Odoo calls (issue 5)',
		check: (r) => (ran(r.P1?.ours) ? { measured: num(r.P1.ours.odooCalls), met: r.P1.ours.odooCalls <= 10 } : { measured: NOT_RECORDED, met: null }),
	},
	{
		goal: 'P1: ours at least 13x faster than peer (a) naive (issue 5)',
		check: (r) => {
			const x = ran(r.P1?.ours) && ran(r.P1?.naive) ? ratio(r.P1.naive.ms, r.P1.ours.ms) : null;
			return { measured: x === null ? NOT_RECORDED : `${times(x)} faster`, met: x === null ? null : x >= 13 };
		},
	},
	{
		goal: 'P1: ours faster than peer (b) batched (issue 5)',
		check: (r) => {
			const x = ran(r.P1?.ours) && ran(r.P1?.batched) ? ratio(r.P1.batched.ms, r.P1.ours.ms) : null;
			return { measured: x === null ? NOT_RECORDED : `${times(x)} faster`, met: x === null ? null : x > 1 };
		},
	},
	{
		goal: 'P1: ours grows n8n RSS less than peer (b) batched (issue 5)',
		check: (r) => {
			const a = r.P1?.ours?.rss?.growthMb;
			const b = r.P1?.batched?.rss?.growthMb;
			return typeof a === 'number' && typeof b === 'number' ? { measured: `${mb(a)} vs ${mb(b)}`, met: a < b } : { measured: NOT_RECORDED, met: null };
		},
	},
	{
		goal: 'P2: p95 from an Odoo edit to the sandbox at most 2 s (issue 5), every edit arrives (P2 in bench/README.md)',
		check: (r) =>
			r.P2 && typeof r.P2.p95Ms === 'number'
				? { measured: `p95 ${ms(r.P2.p95Ms)}, ${num(r.P2.reached)} of ${num(r.P2.edits)} arrived`, met: r.P2.p95Ms <= 2000 && r.P2.reached === r.P2.edits }
				: { measured: NOT_RECORDED, met: null },
	},
	{
		goal: 'P3: every pulled order imported and acknowledged; the same pull again creates nothing (P3 in bench/README.md)',
		check: (r) => {
			const p = r.P3;
			if (!p || !p.first || !p.again) return { measured: NOT_RECORDED, met: null };
			return {
				measured: `${num(p.first.saleOrders)} imported, ${num(p.first.acknowledged)} acknowledged of ${num(p.orders)}; again: ${num(p.again.newSaleOrders)} new`,
				met: p.first.ok !== false && p.first.saleOrders === p.orders && p.first.acknowledged === p.orders && p.again.newSaleOrders === 0,
			};
		},
	},
	{
		goal: 'P4: n8n RSS growth during P1 (ours) at most 300 MB (issue 5)',
		check: (r) => (r.P4 && typeof r.P4.oursRssGrowthMb === 'number' ? { measured: mb(r.P4.oursRssGrowthMb), met: r.P4.oursRssGrowthMb <= 300 } : { measured: NOT_RECORDED, met: null }),
	},
];

/** Issue 11 on loopback: the concurrent floor and the best peer. */
const LOOPBACK_GOALS_ISSUE_11 = [floorGoal(1.15, 'issue 11, loopback'), bestPeerGoal('issue 11')];

const CORRECTNESS_GOALS = INTEGRATION_GOALS.filter(({ goal }) => goal.startsWith('P2:') || goal.startsWith('P3:'));

/** Issue 11 with 80 ms of latency before every Cartona answer. */
const LATENCY_GOALS = [
	floorGoal(1.2, 'issue 11, 80 ms'),
	{
		goal: 'P1: ours at least 3x faster than peer (b2) body-shaped (issue 11, 80 ms)',
		check: (r) => {
			const x = ran(r.P1?.ours) && ran(r.P1?.batchedBody) ? ratio(r.P1.batchedBody.ms, r.P1.ours.ms) : null;
			return { measured: x === null ? NOT_RECORDED : `${times(x)} faster (${ms(r.P1.batchedBody.ms)} vs ${ms(r.P1.ours.ms)})`, met: x === null ? null : x >= 3 };
		},
	},
	bestPeerGoal('issue 11'),
	...CORRECTNESS_GOALS,
];

/** Growth (issue 11): the P1 row of a size, and the order-pull row of a count. */
const growthRow = (r, products) => (r.P1 || []).find((x) => x.fixtures && x.products >= products && x.products < products * 1.1);
const ordersRow = (r, orders) => (r.P3 || []).find((x) => x.orders === orders);
/** n8n memory the catalogue adds: peak RSS of a size minus the peak of the smallest (each a fresh n8n). */
function catalogueRssMb(r, row) {
	const smallest = (r.P1 || [])[0];
	return row?.rss && smallest?.rss ? Math.round((row.rss.peakMb - smallest.rss.peakMb) * 10) / 10 : null;
}

/** The n8n heap setting of a growth run (files before it: not recorded). */
function heapText(r) {
	if (r.n8nNodeOptions === undefined) return 'n8n NODE_OPTIONS not recorded';
	return r.n8nNodeOptions ? `n8n run with NODE_OPTIONS=${r.n8nNodeOptions}` : 'n8n run without a heap cap';
}

const GROWTH_GOALS = [
	{
		goal: 'P1: 50,000 products in at most 5.5x the 10,000-product time (issue 11)',
		check: (r) => {
			const a = growthRow(r, 50000);
			const b = growthRow(r, 10000);
			const x = a?.ok && b?.ok ? ratio(a.ms, b.ms) : null;
			return { measured: x === null ? NOT_RECORDED : `${times(x)} (${ms(a.ms)} vs ${ms(b.ms)})`, met: x === null ? null : x <= 5.5 };
		},
	},
	{
		goal: 'P1: n8n RSS growth for 50,000 products under 600 MB (issue 11; peak RSS minus the smallest catalogue\'s peak, each in a fresh n8n)',
		check: (r) => {
			const row = growthRow(r, 50000);
			const x = catalogueRssMb(r, row);
			const u = r.P1Uncapped;
			const uncapped = u?.rss ? `; without a heap cap: ${mb(catalogueRssMb(r, u))}, peak ${mb(u.rss.peakMb)}` : '';
			return { measured: x === null ? NOT_RECORDED : `${mb(x)} (peak ${mb(row.rss.peakMb)}; growth within the run ${mb(row.rss.growthMb)}; ${heapText(r)}${uncapped})`, met: x === null ? null : x < 600 };
		},
	},
	{
		goal: 'P3: 5,000 orders pulled in under 60 s with 0 duplicates (issue 11)',
		check: (r) => {
			const row = ordersRow(r, 5000);
			if (!row) return { measured: NOT_RECORDED, met: null };
			return {
				measured: `${ms(row.first.ms)}, ${num(row.first.saleOrdersCreated)} created, ${num(row.duplicates)} duplicates, ${num(row.notAcknowledged)} not acknowledged`,
				met: row.first.ok && row.first.ms < 60000 && row.duplicates === 0 && row.first.saleOrdersCreated === 5000,
			};
		},
	},
];

const bestRound = (mode) => (mode?.rounds?.length ? [...mode.rounds].sort((a, b) => a.wallMs - b.wallMs)[0] : undefined);

const QUEUE_GOALS = [
	{
		goal: 'Queue mode: main + 2 workers at least 1.7x one process for the suppliers at once (issue 11; best round of each)',
		check: (r) => {
			const a = bestRound(r.single);
			const b = bestRound(r.queue);
			const x = a && b ? ratio(a.wallMs, b.wallMs) : null;
			return { measured: x === null ? NOT_RECORDED : `${times(x)} (${ms(a.wallMs)} vs ${ms(b.wallMs)})`, met: x === null ? null : x >= 1.7 };
		},
	},
	{
		goal: 'Queue mode: 0 cross-supplier leaks, 0 lost and 0 duplicated products in every round (issue 11)',
		check: (r) => {
			const all = ['single', 'queue'].flatMap((m) => [...(r[m]?.rounds || []), ...(r[m]?.slowSupplier ? [r[m].slowSupplier] : [])]);
			if (!all.length) return { measured: NOT_RECORDED, met: null };
			const sum = (k) => all.reduce((t, x) => t + (x[k] || 0), 0);
			const answered = all.every((x) => x.answered200 === x.statuses?.length);
			return {
				measured: `${num(all.length)} rounds: ${num(sum('crossSupplierLeaks'))} leaks, ${num(sum('lostProducts'))} lost, ${num(sum('duplicatedProducts'))} duplicated, ${num(sum('refusedRequests'))} refused${answered ? '' : '; not every run answered 200'}`,
				met: sum('crossSupplierLeaks') === 0 && sum('lostProducts') === 0 && sum('duplicatedProducts') === 0 && answered,
			};
		},
	},
	{
		goal: 'Queue mode: a slow supplier does not delay the others (their p95 at most 1.5x the best normal round\'s p95)',
		check: (r) => {
			const slow = r.queue?.slowSupplier;
			const base = bestRound(r.queue);
			const x = slow && base ? ratio(slow.othersP95Ms, base.p95Ms) : null;
			return { measured: x === null ? NOT_RECORDED : `others' p95 ${ms(slow?.othersP95Ms)} vs ${ms(base?.p95Ms)} (${times(x)}); the slow supplier ${ms(slow?.supplier0Ms)}`, met: x === null ? null : x <= 1.5 };
		},
	},
];

const evaluateGoals = (list) => (r) => list.map(({ goal, check }) => ({ goal, ...check(r) }));
const integrationGoals = evaluateGoals([...INTEGRATION_GOALS, ...LOOPBACK_GOALS_ISSUE_11]);

const GOALS = {
	'cartona-node.json': cartonaNodeGoals,
	'odoo-import.json': odooImportGoals,
	'odoo-node.json': odooNodeGoals,
	'integration.json': integrationGoals,
	'integration-latency.json': evaluateGoals(LATENCY_GOALS),
	// A measurement behind a default, with no goal of its own.
	'concurrency.json': () => [],
	'growth.json': evaluateGoals(GROWTH_GOALS),
	'queue.json': evaluateGoals(QUEUE_GOALS),
};

// ------------------------------------------------------------------ sections of RESULTS.md

/** Batch throughput over the faster of the two raw ORM passes, from their seconds. */
function importRatio(s) {
	const raws = [s.raw_orm?.seconds, s.raw_orm_no_tracking?.seconds].filter((x) => typeof x === 'number');
	return raws.length && typeof s.batch_rpc?.seconds === 'number' ? ratio(Math.min(...raws), s.batch_rpc.seconds) : null;
}

function cartonaNodeSection(r) {
	const rows = (r.rows || []).map((row) => [
		row.case,
		num(row.requests),
		num(row.expectedRequests),
		ms(row.wallMs),
		mb(row.peakRssMb),
		num(row.outputItems),
		row.productsUpdatedInSandbox === undefined ? '-' : num(row.productsUpdatedInSandbox),
	]);
	return [
		`${provenanceLine(r.at, r)}; Node ${r.node || NOT_RECORDED}; ${num(r.products)} products in the sandbox.`,
		'',
		table(['case', 'requests', 'expected requests', 'wall time', 'peak RSS', 'output items', 'products updated in the sandbox'], rows),
	].join('\n');
}

function odooImportSection(r) {
	const keys = bySeries(Object.keys(r));
	const lines = keys.map((k) => `- ${k} (${r[k].odoo || 'Odoo version not recorded'}): ${provenanceLine(r[k].measured_at, r[k])}`);
	const first = r[keys[0]] || {};
	const rows = keys.map((k) => {
		const s = r[k];
		return [
			k,
			`${num(s.batch_rpc?.orders_per_s)} (${seconds(s.batch_rpc?.seconds)})`,
			`${num(s.raw_orm?.orders_per_s)} (${seconds(s.raw_orm?.seconds)})`,
			`${num(s.raw_orm_no_tracking?.orders_per_s)} (${seconds(s.raw_orm_no_tracking?.seconds)})`,
			times(importRatio(s)),
			num(s.batch_rpc?.odoo_calls),
			num(s.batch_rpc?.calls_per_order),
			`${num(s.replay_existing?.orders_per_s)} (${seconds(s.replay_existing?.seconds)})`,
		];
	});
	return [
		`${num(first.orders)} orders x ${num(first.lines_per_order)} lines, batches of ${num(first.batch_size)}; orders per second (and seconds).`,
		'',
		...lines,
		'',
		table(['series', 'batch method over RPC', 'raw ORM', 'raw ORM, tracking disabled', 'batch / faster raw ORM', 'Odoo calls', 'calls per order', 'replay (all existing)'], rows),
	].join('\n');
}

function odooNodeSection(r) {
	const all = r.bySeries || {};
	const keys = bySeries(Object.keys(all));
	const lines = keys.map((k) => `- ${k}: ${provenanceLine(all[k].at, all[k])}`);
	const rows = [];
	for (const k of keys) {
		const s = all[k];
		for (const x of s.import50 || [])
			rows.push([k, `Order Import of ${num(x.orders)} orders (${x.run} run)`, num(x.odooCalls), num(x.httpRequests), ms(x.ms), Object.entries(x.statuses || {}).map(([st, n]) => `${num(n)} ${st}`).join(', ')]);
		for (const x of s.stockSnapshot || [])
			rows.push([k, `Stock Get Snapshot, pages of ${num(x.pageSize)}`, num(x.odooCalls), num(x.httpRequests), ms(x.ms), `${num(x.items)} items`]);
	}
	return [...lines, '', table(['series', 'step', 'Odoo calls', 'HTTP requests (login included)', 'time', 'result'], rows)].join('\n');
}

const CONTENDERS = [
	['ours', 'ours (stock push reconciliation)'],
	['batchedBody', 'peer (b2) body-shaped'],
	['batched', 'peer (b) batched'],
	['naive', 'peer (a) naive'],
	['floor', 'floor (script, no n8n)'],
	['floorSequential', 'floor, one post at a time'],
];

function loadText(r) {
	const l = r.loadAverage;
	const fmt = (xs) => (Array.isArray(xs) ? xs.map((x) => x.toFixed(2)).join(' / ') : NOT_RECORDED);
	return l ? `load average (1 / 5 / 15 min) ${fmt(l.start)} at start, ${fmt(l.end)} at end` : `load average ${NOT_RECORDED}`;
}

function networkText(r) {
	const n = r.network;
	if (!n) return 'Cartona latency not recorded (loopback)';
	return n.latencyMs ? `Cartona sandbox latency ${num(n.latencyMs)} ms${n.jitterMs ? ` +/- ${num(n.jitterMs)} ms` : ''} per request` : 'Cartona sandbox on loopback, no added latency';
}

function integrationSection(r) {
	const p1 = r.P1 || {};
	const rows = CONTENDERS.filter(([k]) => p1[k]).map(([k, label]) => {
		const x = p1[k];
		if (x.skipped) return [label, 'skipped', '-', '-', '-', '-', '-', '-', '-'];
		const phase = (v) => (typeof v === 'number' ? ms(v) : '-');
		return [label, x.ok === false ? `failed (${ms(x.ms)})` : ms(x.ms), phase(x.beforeFirstCartonaMs), phase(x.cartonaPhaseMs), num(x.cartonaRequests), num(x.odooCalls), num(x.itemsSent), x.rss ? mb(x.rss.peakMb) : '-', x.rss ? mb(x.rss.growthMb) : '-'];
	});
	const best = bestPeer(p1);
	const ratios = [
		[`ours / floor (${floorNote(r)})`, oursOverFloor(r)],
		[`best peer (${best ? best.label : NOT_RECORDED}) / ours`, best && ran(p1.ours) ? ratio(best.ms, p1.ours.ms) : null],
		...PEERS.filter(([k]) => p1[k] && !p1[k].skipped).map(([k, label]) => [`${label} / ours`, ran(p1[k]) && ran(p1.ours) ? ratio(p1[k].ms, p1.ours.ms) : null]),
	];
	const out = [
		`${provenanceLine(r.date, r)}; n8n ${r.n8n || NOT_RECORDED}; Odoo ${r.odoo?.series || NOT_RECORDED} (${r.odoo?.protocol || NOT_RECORDED}); ${num(r.products)} mapped products` +
			(r.fixtures ? ` (${num(r.fixtures.created)} created by this run's setup in ${ms(r.fixtures.ms)})` : '') +
			`; whole run ${ms(r.totalMs)}; ${networkText(r)}; ${loadText(r)}.`,
		'',
		`**P1** full stock + price push of ${num(r.products)} products:`,
		'',
		table(['contender', 'time', 'until the first Cartona request', 'first Cartona request to last answer', 'Cartona requests', 'Odoo calls', 'items sent', 'n8n peak RSS', 'RSS growth'], rows),
		'',
		`Time ratios: ${ratios.map(([label, x]) => `${label} ${times(x)}`).join('; ')}.`,
		...(p1.naive?.skipped ? ['', 'Peer (a) naive was skipped in this run (BENCH_SKIP_NAIVE=1).'] : []),
	];
	if (r.P2)
		out.push('', `**P2** Odoo edit until the sandbox has it, ${num(r.P2.edits)} edits one after the other:`, '', table(['arrived', 'p50', 'p95', 'max'], [[`${num(r.P2.reached)} of ${num(r.P2.edits)}`, ms(r.P2.p50Ms), ms(r.P2.p95Ms), ms(r.P2.maxMs)]]));
	if (r.P3) {
		const f = r.P3.first || {};
		const a = r.P3.again || {};
		out.push(
			'',
			`**P3** order pull of ${num(r.P3.orders)} new orders through the template, then the same pull again:`,
			'',
			table(
				['run', 'time', 'per order', 'Cartona requests', 'Odoo calls', 'sale orders', 'acknowledged'],
				[
					['first', ms(f.ms), ms(f.perOrderMs), num(f.cartonaRequests), num(f.odooCalls), `${num(f.saleOrders)} in Odoo`, num(f.acknowledged)],
					['again', ms(a.ms), '-', num(a.cartonaRequests), num(a.odooCalls), `${num(a.newSaleOrders)} new`, '-'],
				],
			),
		);
	}
	if (r.P4) out.push('', `**P4** n8n RSS growth during P1 (ours): ${mb(r.P4.oursRssGrowthMb)} (from ${mb(r.P4.baselineMb)} to a peak of ${mb(r.P4.oursPeakMb)}).`);
	return out.join('\n');
}

/** Issue 11: Product Bulk Update by Concurrency, with and without latency. */
function concurrencySection(r) {
	const rows = (r.rows || []).map((row) => {
		const one = (r.rows || []).find((x) => x.latencyMs === row.latencyMs && x.concurrency === 1);
		return [`${num(row.latencyMs)} ms`, num(row.concurrency), num(row.requests), ms(row.wallMs), times(one ? ratio(one.wallMs, row.wallMs) : null), num(row.outputItems), row.error || '-'];
	});
	return [
		`${provenanceLine(r.at, r)}; Node ${r.node || NOT_RECORDED}; ${num(r.products)} input items; ${loadText(r)}.`,
		'',
		table(['Cartona latency', 'Concurrency', 'requests', 'wall time', 'speed-up over Concurrency 1', 'output items', 'error'], rows),
	].join('\n');
}

/** Issue 11: P1 by catalogue size, the order pull by order count. */
function growthTables(r) {
	// Odoo time: the summed duration of the run's Odoo calls (the counting proxy), where recorded.
	const odooTime = (x) => (typeof x.odooMs === 'number' ? ms(x.odooMs) : NOT_RECORDED);
	const uncapped = r.P1Uncapped ? [{ ...r.P1Uncapped, label: `${num(r.P1Uncapped.products)}, no heap cap` }] : [];
	const p1 = [...(r.P1 || []), ...uncapped].map((x) => [x.label || num(x.products), x.ok ? ms(x.ms) : `failed (${x.status})`, num(x.cartonaRequests), num(x.odooCalls), odooTime(x), mb(x.rss?.peakMb), mb(catalogueRssMb(r, x)), mb(x.rss?.growthMb), num(x.itemsSent)]);
	const p3 = (r.P3 || []).map((x) => [num(x.orders), x.first.ok ? ms(x.first.ms) : `failed (${x.first.status})`, num(x.first.perOrderMs), num(x.first.cartonaRequests), num(x.first.odooCalls), odooTime(x.first), num(x.first.saleOrdersCreated), num(x.again.saleOrdersCreated), num(x.duplicates), mb(x.first.rss?.growthMb)]);
	return [
		table(['products', 'time', 'Cartona requests', 'Odoo calls', 'Odoo time', 'n8n peak RSS', 'RSS over the smallest catalogue\'s peak', 'RSS growth within the run', 'items sent'], p1),
		'',
		table(['new orders', 'time', 'ms per order', 'Cartona requests', 'Odoo calls', 'Odoo time', 'sale orders created', 'created by the same pull again', 'duplicates', 'n8n RSS growth'], p3),
	].join('\n');
}

/** Which products had stock in a growth run (older runs left products above 10,000 without). */
function stockText(r) {
	const upTo = r.P1?.[0]?.fixtures?.stockedUpTo;
	if (typeof upTo === 'number') return `products above ${num(upTo)} have no stock (fixture time), they are read and pushed all the same.`;
	return 'every product has stock (beyond the first thousand, cloned in SQL: see bench/README.md).';
}

function growthSection(r) {
	return [
		`${provenanceLine(r.date, r)}; Odoo ${r.odoo?.series || NOT_RECORDED}; n8n ${r.n8n}; ${loadText(r)}. A fresh n8n per catalogue size, one warm-up run, then the measured run; ${heapText(r)}${r.P1Uncapped ? ' (the "no heap cap" row: the largest catalogue again in a fresh n8n with V8\'s default heap)' : ''}; ${stockText(r)} Times are noisy on this shared machine; the counts are not.`,
		'',
		growthTables(r),
	].join('\n');
}

/** A round's CPU in cores (queue_bench.js cpuMeter), or not recorded (files before it). */
function cpuText(cpu) {
	if (!cpu) return NOT_RECORDED;
	return `${cpu.machineCores} of ${num(cpu.cores)} / ${cpu.n8nCores} / ${cpu.benchProcessCores}`;
}

function queueRows(r) {
	const rows = [];
	for (const m of ['single', 'queue']) {
		const mode = r[m];
		if (!mode) continue;
		for (const x of [...(mode.rounds || []), ...(mode.slowSupplier ? [mode.slowSupplier] : [])]) {
			rows.push([mode.processes, x.label, ms(x.wallMs), num(x.productsPerSecond), ms(x.p50Ms), ms(x.p95Ms), ms(x.othersP95Ms), num(x.cartonaRequests), `${num(x.crossSupplierLeaks)} / ${num(x.lostProducts)} / ${num(x.duplicatedProducts)}`, mb(x.peakRssMb), cpuText(x.cpu)]);
		}
	}
	return table(['n8n', 'round', 'wall time', 'products/s', 'p50', 'p95', 'p95 of the others', 'Cartona requests', 'leaks / lost / duplicated', 'peak RSS (all processes)', 'CPU busy, cores: machine / n8n / sandboxes'], rows);
}

function queueSection(r) {
	return [
		`${provenanceLine(r.date, r)}; n8n ${r.n8n}; ${num(r.suppliers)} suppliers x ${num(r.productsPerSupplier)} products, each its own sandbox, token, credential and workflow (Get Many -> Bulk Update), all started at once; ${loadText(r)}. Jobs per worker: ${(r.queue?.jobsPerWorker || []).map(num).join(', ') || NOT_RECORDED}. Times are noisy on this shared machine; the counts are not.`,
		'',
		queueRows(r),
	].join('\n');
}

const SECTIONS = [
	{ file: 'cartona-node.json', title: 'Cartona node in n8n\'s engine against the sandbox (issue 2)', render: cartonaNodeSection },
	{ file: 'odoo-import.json', title: 'Order import: the addon\'s batch method vs the raw ORM (issue 3)', render: odooImportSection },
	{ file: 'odoo-node.json', title: 'OdooCartona node on real Odoo (issue 4)', render: odooNodeSection },
	{ file: 'integration.json', title: 'Templates vs n8n\'s built-in peers (issue 5)', render: integrationSection },
	{ file: 'integration-latency.json', title: 'Templates vs n8n\'s built-in peers, with Cartona latency (issue 11)', render: integrationSection },
	{ file: 'concurrency.json', title: 'Cartona node: bulk update by Concurrency (issue 11)', render: concurrencySection },
	{ file: 'growth.json', title: 'Growth: P1 by catalogue size, order pull by order count (issue 11)', render: growthSection },
	{ file: 'queue.json', title: 'Many suppliers: one n8n process vs queue mode (issue 11)', render: queueSection },
];

// ------------------------------------------------------------------ summary block

function countMet(goals) {
	const measured = goals.filter((g) => g.met !== null);
	const missed = measured.filter((g) => !g.met);
	if (!goals.length) return NOT_RECORDED;
	const unmeasured = goals.length - measured.length;
	return `${measured.length - missed.length} of ${goals.length} met` + (unmeasured ? `; ${unmeasured} not measured` : '') + (missed.length ? `; missed: ${missed.map((g) => g.goal.replace(/ \((issue \d|P\d in).*\)$/, '')).join('; ')}` : '');
}

/** "b2 1.67x slower" or, when the peer won, "b2 1.42x faster": never a ratio under 1 called slower. */
function peerAgainstOurs(label, x) {
	return x >= 1 ? `${label} ${times(x)} slower` : `${label} ${times(1 / x)} faster`;
}

function integrationHeadline(r) {
	const p1 = r.P1 || {};
	const parts = [];
	if (ran(p1.ours)) parts.push(`P1 ours ${ms(p1.ours.ms)}, ${times(oursOverFloor(r))} the floor`);
	const best = bestPeer(p1);
	if (best && ran(p1.ours)) parts.push(peerAgainstOurs(`${best.label} (the best peer)`, ratio(best.ms, p1.ours.ms)));
	if (r.P2) parts.push(`P2 p95 ${ms(r.P2.p95Ms)}`);
	if (r.P3?.first) parts.push(`P3 ${num(r.P3.orders)} orders in ${ms(r.P3.first.ms)}`);
	if (r.P4) parts.push(`P4 ${mb(r.P4.oursRssGrowthMb)}`);
	return parts.join('; ');
}

const HEADLINES = {
	'cartona-node.json': (r) => (r.rows || []).map((row) => `${row.case}: ${num(row.requests)} requests, ${ms(row.wallMs)}`).join('; '),
	'odoo-import.json': (r) =>
		bySeries(Object.keys(r))
			.map((k) => `${k}: ${num(r[k].batch_rpc?.orders_per_s)} orders/s, ${times(importRatio(r[k]))} the raw ORM`)
			.join('; '),
	'odoo-node.json': (r) =>
		bySeries(Object.keys(r.bySeries || {}))
			.map((k) => {
				const s = r.bySeries[k];
				const first = (s.import50 || [])[0];
				const snap = (s.stockSnapshot || [])[0];
				return `${k}: ${first ? `import of ${num(first.orders)} orders ${plural(first.odooCalls, 'call')}${first.httpRequests > first.odooCalls ? ' + login' : ''}, ${ms(first.ms)}` : 'import not recorded'}; ${snap ? `snapshot of ${num(snap.items)} products (pages of ${num(snap.pageSize)}) ${plural(snap.odooCalls, 'call')}, ${ms(snap.ms)}` : 'snapshot not recorded'}`;
			})
			.join('; '),
	'growth.json': (r) =>
		[
			...(r.P1 || []).map((x) => `${num(x.products)} products ${ms(x.ms)}, ${num(x.cartonaRequests)} requests, peak ${mb(x.rss?.peakMb)}`),
			...(r.P3 || []).map((x) => `${num(x.orders)} orders ${ms(x.first.ms)}, ${num(x.duplicates)} duplicates`),
		].join('; '),
	'queue.json': (r) => {
		const a = bestRound(r.single);
		const b = bestRound(r.queue);
		return [a && `one process ${ms(a.wallMs)}`, b && `main + ${num(r.workers)} workers ${ms(b.wallMs)}`, a && b && `${times(ratio(a.wallMs, b.wallMs))}`].filter(Boolean).join('; ');
	},
	'integration.json': integrationHeadline,
	'integration-latency.json': integrationHeadline,
	'concurrency.json': (r) => {
		const pick = (latency, c) => (r.rows || []).find((x) => x.latencyMs === latency && x.concurrency === c);
		return [...new Set((r.rows || []).map((x) => x.latencyMs))]
			.map((latency) => {
				const levels = [1, 4, 8].filter((c) => pick(latency, c));
				return `${num(latency)} ms: Concurrency ${levels.map((c) => `${c} ${ms(pick(latency, c).wallMs)}`).join(', ')}`;
			})
			.join('; ');
	},
};

function dateOf(file, r) {
	if (file === 'cartona-node.json' || file === 'concurrency.json') return when(r.at);
	if (['integration.json', 'integration-latency.json', 'growth.json', 'queue.json'].includes(file)) return when(r.date);
	const dates = file === 'odoo-node.json' ? Object.values(r.bySeries || {}).map((s) => s.at) : Object.values(r).map((s) => s.measured_at);
	const days = [...new Set(dates.filter((d) => typeof d === 'string').map((d) => d.slice(0, 10)))].sort();
	return days.length ? days.join(', ') : NOT_RECORDED;
}

/** The `summary` block: one row per result file. */
function renderSummary(results) {
	const rows = SECTIONS.map(({ file, title }) => {
		const r = results[file];
		if (!r) return [title, 'no results', '-', '-'];
		return [title, dateOf(file, r), HEADLINES[file](r), countMet(GOALS[file](r))];
	});
	return table(['benchmark', 'measured', 'headline figures', 'goals'], rows);
}

// ------------------------------------------------------------------ RESULTS.md

function renderResultsMd(results) {
	const out = [
		'<!-- Generated by `node bench/render.js` from bench/results/*.json; do not edit. -->',
		'# Benchmark results',
		'',
		'Every figure below is a field of a file in `bench/results/` or a ratio computed from such fields.',
		'`npm run bench` regenerates this file after the benchmarks have written their JSON;',
		'`node bench/render.js --check` (and the unit test `test/unit/bench/results.test.ts`) fail when it,',
		'or a marked section of `README.md` or `bench/README.md`, differs from what the JSON renders.',
		'What each benchmark runs, the contenders and where the goals come from: [bench/README.md](README.md).',
		'',
		'## Summary',
		'',
		renderSummary(results),
	];
	for (const { file, title, render } of SECTIONS) {
		out.push('', `## ${title}`, '', `From \`bench/results/${file}\`.`, '');
		const r = results[file];
		if (!r) {
			out.push(`No results: \`bench/results/${file}\` is absent.`);
			continue;
		}
		out.push(render(r), '', '**Goals**', '', table(['goal', 'measured', ''], GOALS[file](r).map((g) => [g.goal, g.measured, metText(g.met)])));
	}
	return out.join('\n') + '\n';
}

/**
 * Issue 11: sizing on paper for a fleet (docs/scaling.md), every input a field of growth.json,
 * queue.json or integration-latency.json, the arithmetic printed beside the result.
 */
const FLEET = { suppliers: 100, products: 1000000, windowMinutes: 60 };

function sizingBlock(results) {
	const g = results['growth.json'];
	const q = results['queue.json'];
	const lat = results['integration-latency.json'];
	const best = bestRound(q?.queue);
	const big = (g?.P1 || []).filter((x) => x.ok).slice(-1)[0];
	if (!best || !big) return 'Not computed: `bench/results/growth.json` or `bench/results/queue.json` is absent.';
	const perSupplier = FLEET.products / FLEET.suppliers;
	const perWorker = best.productsPerSecond / q.workers;
	const workerSeconds = FLEET.products / perWorker;
	const workers = Math.ceil(workerSeconds / (FLEET.windowMinutes * 60));
	const requests = FLEET.products / 100;
	const mbPerProduct = (big.rss.peakMb - g.P1[0].rss.peakMb) / (big.products - g.P1[0].products);
	const execMb = Math.round(mbPerProduct * perSupplier);
	const p1Latency = lat?.P1?.ours;
	const perRequestMs = p1Latency && p1Latency.cartonaRequests ? Math.round(p1Latency.cartonaPhaseMs / p1Latency.cartonaRequests) : null;
	const rows = [
		['products per supplier', `${num(FLEET.products)} / ${num(FLEET.suppliers)}`, num(perSupplier)],
		['Cartona requests for one full reconciliation of the fleet', `${num(FLEET.products)} / 100 per request`, num(requests)],
		[`one supplier's full reconciliation, Odoo snapshot included (growth bench, ${num(big.products)} products)`, `measured`, ms(big.ms)],
		[`the fleet's reconciliations one after the other at that pace`, `${num(FLEET.suppliers)} x ${ms(big.ms)} x ${num(perSupplier)} / ${num(big.products)}`, ms(Math.round(FLEET.suppliers * big.ms * (perSupplier / big.products)))],
		['n8n throughput per worker, n8n and Cartona only (queue bench: Get Many + Bulk Update, best round)', `${num(best.productsPerSecond)} products/s / ${num(q.workers)} workers`, `${num(Math.round(perWorker))} products/s`],
		[`worker time for the fleet`, `${num(FLEET.products)} / ${num(Math.round(perWorker))}`, ms(Math.round(workerSeconds * 1000))],
		[`workers to push the fleet within ${num(FLEET.windowMinutes)} minutes (n8n side; Odoo sized apart)`, `ceil(${ms(Math.round(workerSeconds * 1000))} / ${num(FLEET.windowMinutes)} min)`, num(workers)],
		['n8n memory per execution of one supplier (growth bench)', `(${mb(big.rss.peakMb)} - ${mb(g.P1[0].rss.peakMb)}) / ${num(big.products - g.P1[0].products)} products x ${num(perSupplier)}`, mb(execMb)],
		[`Cartona time per request with latency (integration-latency.json, Concurrency ${lat?.P1?.floor?.concurrency ?? NOT_RECORDED})`, p1Latency ? `${ms(p1Latency.cartonaPhaseMs)} / ${num(p1Latency.cartonaRequests)} requests` : NOT_RECORDED, perRequestMs === null ? NOT_RECORDED : ms(perRequestMs)],
		['one supplier\'s Cartona phase at that pace', perRequestMs === null ? NOT_RECORDED : `${num(perSupplier / 100)} requests x ${ms(perRequestMs)}`, perRequestMs === null ? NOT_RECORDED : ms(Math.round((perSupplier / 100) * perRequestMs))],
	];
	return [
		`Computed by \`bench/figures.js\` (\`sizingBlock\`) from \`growth.json\` (${when(g.date)}), \`queue.json\` (${when(q.date)})${lat ? ` and \`integration-latency.json\` (${when(lat.date)})` : ''}; a fleet of ${num(FLEET.suppliers)} suppliers and ${num(FLEET.products)} products. Measured on a shared 2-core machine: throughput figures are a lower bound.`,
		'',
		table(['quantity', 'arithmetic', 'result'], rows),
	].join('\n');
}

/** The marked blocks the READMEs embed, by name. */
function renderBlocks(results) {
	const g = results['growth.json'];
	const q = results['queue.json'];
	const goals = (file, r) => table(['goal', 'measured', ''], GOALS[file](r).map((x) => [x.goal, x.measured, metText(x.met)]));
	return {
		summary: renderSummary(results),
		sizing: sizingBlock(results),
		growth: g ? [`From \`bench/results/growth.json\`: ${provenanceLine(g.date, g)}; ${loadText(g)}.`, '', growthTables(g), '', goals('growth.json', g)].join('\n') : 'No results: `bench/results/growth.json` is absent (run `bash bench/growth_bench.sh`).',
		queue: q ? [`From \`bench/results/queue.json\`: ${provenanceLine(q.date, q)}; ${num(q.suppliers)} suppliers x ${num(q.productsPerSupplier)} products; ${loadText(q)}.`, '', queueRows(q), '', goals('queue.json', q)].join('\n') : 'No results: `bench/results/queue.json` is absent (run `bash bench/queue_bench.sh`).',
	};
}

module.exports = { FILES, INTEGRATION_GOALS, renderResultsMd, renderBlocks, goalsOf: (file, r) => GOALS[file](r) };
