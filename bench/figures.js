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
const FILES = ['cartona-node.json', 'odoo-import.json', 'odoo-node.json', 'integration.json', 'integration-latency.json', 'concurrency.json'];

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

const SECTIONS = [
	{ file: 'cartona-node.json', title: 'Cartona node in n8n\'s engine against the sandbox (issue 2)', render: cartonaNodeSection },
	{ file: 'odoo-import.json', title: 'Order import: the addon\'s batch method vs the raw ORM (issue 3)', render: odooImportSection },
	{ file: 'odoo-node.json', title: 'OdooCartona node on real Odoo (issue 4)', render: odooNodeSection },
	{ file: 'integration.json', title: 'Templates vs n8n\'s built-in peers (issue 5)', render: integrationSection },
	{ file: 'integration-latency.json', title: 'Templates vs n8n\'s built-in peers, with Cartona latency (issue 11)', render: integrationSection },
	{ file: 'concurrency.json', title: 'Cartona node: bulk update by Concurrency (issue 11)', render: concurrencySection },
];

// ------------------------------------------------------------------ summary block

function countMet(goals) {
	const measured = goals.filter((g) => g.met !== null);
	const missed = measured.filter((g) => !g.met);
	if (!goals.length) return NOT_RECORDED;
	return `${measured.length - missed.length} of ${goals.length} met` + (missed.length ? `; missed: ${missed.map((g) => g.goal.replace(/ \((issue \d|P\d in).*\)$/, '')).join('; ')}` : '');
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
	'integration.json': integrationHeadline,
	'integration-latency.json': integrationHeadline,
	'concurrency.json': (r) => {
		const pick = (latency, c) => (r.rows || []).find((x) => x.latencyMs === latency && x.concurrency === c);
		return [...new Set((r.rows || []).map((x) => x.latencyMs))]
			.map((latency) => {
				const one = pick(latency, 1);
				const four = pick(latency, 4);
				return `${num(latency)} ms: Concurrency 1 ${ms(one?.wallMs)}, 4 ${ms(four?.wallMs)}`;
			})
			.join('; ');
	},
};

function dateOf(file, r) {
	if (file === 'cartona-node.json' || file === 'concurrency.json') return when(r.at);
	if (file === 'integration.json' || file === 'integration-latency.json') return when(r.date);
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

/** The marked blocks the READMEs embed, by name. */
function renderBlocks(results) {
	return { summary: renderSummary(results) };
}

module.exports = { FILES, INTEGRATION_GOALS, renderResultsMd, renderBlocks, goalsOf: (file, r) => GOALS[file](r) };
