/**
 * Every figure in bench/RESULTS.md and the marked sections of README.md and bench/README.md comes
 * from bench/results/*.json (issue 9): the committed tables must be what bench/render.js renders
 * from the committed JSON, and the renderer must actually follow the JSON it is given.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

type Results = Record<string, any>;
type Goal = { goal: string; measured: string; met: boolean | null };
const ROOT = path.join(__dirname, '..', '..', '..');
const render = require(path.join(ROOT, 'bench', 'render.js')) as {
	loadResults(dir: string): Results;
	expectedFiles(root: string, results: Results): Record<string, string>;
	check(root: string, results: Results): { file: string; diff: string }[];
	MARKED_FILES: string[];
	RESULTS_MD: string;
	FAULTS_FILE: string;
};
const faults = require(path.join(ROOT, 'bench', 'faults', 'report.js')) as {
	breaches(results: Results): string[];
	table(results: Results): string;
	merge(runs: Results[]): Results;
};
const figures = require(path.join(ROOT, 'bench', 'figures.js')) as {
	FILES: string[];
	renderResultsMd(results: Results): string;
	renderBlocks(results: Results): Record<string, string>;
	goalsOf(file: string, r: Results): Goal[];
};
const markers = require(path.join(ROOT, 'bench', 'markers.js')) as {
	markedNames(text: string): string[];
	replaceMarked(text: string, blocks: Record<string, string>, file: string): string;
};

const committed = render.loadResults(path.join(ROOT, 'bench', 'results'));
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

describe('committed benchmark tables', () => {
	it('reads every result file the renderer knows', () => {
		expect(Object.keys(committed).sort()).toEqual([...figures.FILES, render.FAULTS_FILE].sort());
	});

	it('bench/RESULTS.md and every marked section match what bench/results/*.json renders', () => {
		const problems = render.check(ROOT, committed);
		// On failure the message is the diff; fix it with `node bench/render.js`.
		expect(problems.map((p) => p.diff).join('\n\n')).toBe('');
	});

	it('README.md and bench/README.md each embed the generated summary', () => {
		for (const file of render.MARKED_FILES) expect(markers.markedNames(fs.readFileSync(path.join(ROOT, file), 'utf8'))).toContain('summary');
	});

	it('README.md embeds the Reliability table generated from bench/results/faults.json (issue 10)', () => {
		expect(markers.markedNames(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'))).toContain('reliability');
	});

	it('`node bench/render.js --check` exits 0 on the committed tree', () => {
		expect(() => execFileSync(process.execPath, [path.join(ROOT, 'bench', 'render.js'), '--check'], { stdio: 'pipe' })).not.toThrow();
	});

	it('bench/README.md and the README benchmark section hold no hand-written measured figure', () => {
		const unmarked = (text: string) => text.replace(/<!-- bench:begin ([\w-]+) -->[\s\S]*?<!-- bench:end \1 -->/g, '');
		const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
		const section = readme.slice(readme.indexOf('## Benchmarks'));
		const figure = /\b\d[\d,.]*\s?(ms|s|MB|GB|x|%|requests|calls|orders\/s)\b/g;
		expect(unmarked(section).match(figure)).toBeNull();
		expect(unmarked(fs.readFileSync(path.join(ROOT, 'bench', 'README.md'), 'utf8')).match(figure)).toBeNull();
	});
});

describe('bench/render.js on synthetic results', () => {
	it('a changed figure changes the rendered table, and --check reports the stale file with a diff', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-render-'));
		try {
			fs.mkdirSync(path.join(dir, 'bench'));
			for (const file of render.MARKED_FILES) fs.writeFileSync(path.join(dir, file), 'intro\n<!-- bench:begin summary -->\n<!-- bench:end summary -->\nprose\n');
			const results = clone(committed);
			for (const [file, text] of Object.entries(render.expectedFiles(dir, results))) fs.writeFileSync(path.join(dir, file), text);
			expect(render.check(dir, results)).toEqual([]);

			const changed = clone(results);
			const before = results['cartona-node.json'].rows[0].wallMs;
			changed['cartona-node.json'].rows[0].wallMs = before === 2000 ? 3000 : 2000;
			const problems = render.check(dir, changed);
			expect(problems.map((p) => p.file).sort()).toEqual([render.RESULTS_MD, ...render.MARKED_FILES].sort());
			const diff = problems.find((p) => p.file === render.RESULTS_MD)!.diff;
			// The committed figure (whatever the last bench measured) is the removed line, the new one the added.
			const was = before < 1000 ? `${before} ms` : `${(before / 1000).toFixed(2)} s`;
			const now = before === 2000 ? '3.00 s' : '2.00 s';
			expect(diff.split('\n').some((line) => line.startsWith('-') && line.includes(`, ${was};`))).toBe(true);
			expect(diff.split('\n').some((line) => line.startsWith('+') && line.includes(`, ${now};`))).toBe(true);
			// Text outside the markers is kept as written.
			const readme = render.expectedFiles(dir, changed)['README.md'];
			expect(readme).toMatch(/^intro\n<!-- bench:begin summary -->\n[\s\S]*<!-- bench:end summary -->\nprose\n$/);
			expect(readme).toContain(`, ${now};`);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('renders date, machine and commit when recorded and says "not recorded" when absent', () => {
		const r = clone(committed);
		r['cartona-node.json'].machine = { cpus: 8, cpuModel: 'Test CPU', memGb: 16, os: 'Linux 6 x64' };
		r['cartona-node.json'].commit = '0123456789abcdef0123456789abcdef01234567';
		r['cartona-node.json'].worktreeDirty = true;
		delete r['integration.json'].machine;
		delete r['integration.json'].commit;
		const md = figures.renderResultsMd(r);
		const section = (title: string) => md.slice(md.indexOf(`## ${title}`)).split('\n## ')[0];
		expect(section('Cartona node')).toContain('machine: 8 CPUs (Test CPU), 16 GB RAM, Linux 6 x64; commit: `0123456789ab` (with uncommitted changes)');
		expect(section('Templates vs')).toContain(`measured ${r['integration.json'].date.slice(0, 10)}`);
		expect(section('Templates vs')).toContain('machine: not recorded; commit: not recorded');
	});

	it('computes ratios from the times in the JSON', () => {
		const r = clone(committed);
		Object.assign(r['integration.json'].P1.ours, { ms: 2000 });
		Object.assign(r['integration.json'].P1.floor, { ms: 1000 });
		Object.assign(r['integration.json'].P1.naive, { ms: 30000 });
		Object.assign(r['integration.json'].P1.batched, { ms: 5000 });
		r['integration.json'].P1.batchedBody = { name: 'peer (b2)', ok: true, ms: 3000 };
		r['integration.json'].P1.floor.concurrency = 4;
		expect(figures.renderResultsMd(r)).toContain(
			'Time ratios: ours / floor (4 posts in flight) 2.00x; best peer (peer (b2) body-shaped) / ours 1.50x; peer (a) naive / ours 15.00x; peer (b) batched / ours 2.50x; peer (b2) body-shaped / ours 1.50x.',
		);
		const s = r['odoo-import.json']['17.0'];
		Object.assign(s, { batch_rpc: { ...s.batch_rpc, seconds: 4 }, raw_orm: { ...s.raw_orm, seconds: 10 }, raw_orm_no_tracking: { ...s.raw_orm_no_tracking, seconds: 6 } });
		expect(figures.renderResultsMd(r)).toMatch(/^\| 17\.0 \|.*\| 1\.50x \|/m);
	});

	it('derives goals met and missed from the figures, not from prose', () => {
		const r = clone(committed['integration.json']);
		const goal = (x: Results, text: string) => figures.goalsOf('integration.json', x).find((g) => g.goal.includes(text))!;
		r.P1.ours.ms = 1000;
		r.P1.floor.ms = 1000;
		r.P1.naive.ms = 13000;
		expect(goal(r, '13x faster than peer (a) naive').met).toBe(true);
		r.P1.naive.ms = 12999;
		expect(goal(r, '13x faster than peer (a) naive').met).toBe(false);
		r.P1.ours.ms = 1301;
		expect(goal(r, 'within 1.3x of the floor').met).toBe(false);
		r.P2.p95Ms = 2001;
		expect(goal(r, 'p95').met).toBe(false);
		r.P1.naive = { name: 'peer (a) naive', skipped: true };
		expect(goal(r, '13x faster than peer (a) naive')).toMatchObject({ met: null, measured: 'not recorded' });

		const imp = clone(committed['odoo-import.json']);
		imp['18.0'].batch_rpc.seconds = 100;
		const missed = figures.goalsOf('odoo-import.json', imp).filter((g) => g.met === false);
		expect(missed.map((g) => g.goal)).toEqual([expect.stringMatching(/^18\.0: batch method throughput/)]);
		const all = { ...committed, 'odoo-import.json': imp };
		expect(figures.renderBlocks(all).summary).toMatch(/Order import[^\n]*7 of 8 met; missed: 18\.0: batch method throughput/);
	});

	it('issue 11: ratios and goals are against the best peer and the concurrent floor, with and without latency', () => {
		const r = clone(committed['integration.json']);
		Object.assign(r.P1, {
			ours: { ...r.P1.ours, ok: true, ms: 1100 },
			floor: { ...r.P1.floor, ok: true, ms: 1000, concurrency: 4 },
			naive: { name: 'peer (a) naive', ok: true, ms: 50000 },
			batched: { name: 'peer (b) batched', ok: true, ms: 9000 },
			batchedBody: { name: 'peer (b2)', ok: true, ms: 3300 },
		});
		const goal = (file: string, x: Results, text: string) => figures.goalsOf(file, x).find((g) => g.goal.includes(text))!;
		// The best peer is the fastest one that ran (b2 here), not the weakest.
		expect(goal('integration.json', r, 'faster than the best peer')).toMatchObject({ met: true, measured: 'peer (b2) body-shaped 3.00x slower' });
		expect(goal('integration.json', r, 'within 1.15x of the floor').met).toBe(true);
		r.P1.ours.ms = 1151;
		expect(goal('integration.json', r, 'within 1.15x of the floor').met).toBe(false);
		// 80 ms: within 1.2x of the floor and at least 3x faster than (b2).
		r.P1.ours.ms = 1100;
		expect(goal('integration-latency.json', r, 'within 1.2x of the floor').met).toBe(true);
		expect(goal('integration-latency.json', r, 'at least 3x faster than peer (b2)').met).toBe(true);
		r.P1.batchedBody.ms = 3299;
		expect(goal('integration-latency.json', r, 'at least 3x faster than peer (b2)').met).toBe(false);
		r.P1.batchedBody = { name: 'peer (b2)', skipped: true };
		expect(goal('integration-latency.json', r, 'at least 3x faster than peer (b2)')).toMatchObject({ met: null, measured: 'not recorded' });
		expect(goal('integration-latency.json', r, 'faster than the best peer').measured).toBe('peer (b) batched 8.18x slower');
	});

	it('says a result file is absent instead of rendering figures for it', () => {
		const r = clone(committed);
		delete r['odoo-node.json'];
		const md = figures.renderResultsMd(r);
		expect(md).toContain('No results: `bench/results/odoo-node.json` is absent.');
		expect(md).not.toContain('Stock Get Snapshot');
	});

	it('issue 10: the Reliability block follows faults.json, and a 0-tolerance figure that is not 0 is a breach', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-faults-'));
		try {
			fs.mkdirSync(path.join(dir, 'bench'));
			fs.writeFileSync(path.join(dir, 'README.md'), 'intro\n<!-- bench:begin reliability -->\n<!-- bench:end reliability -->\nprose\n');
			const results = clone(committed);
			for (const [file, text] of Object.entries(render.expectedFiles(dir, results))) fs.writeFileSync(path.join(dir, file), text);
			expect(render.check(dir, results)).toEqual([]);
			const series = Object.keys(results[render.FAULTS_FILE].series).find((k) => !results[render.FAULTS_FILE].series[k].skipped)!;
			const breach = `${series} R1 same orders pulled 3 times: duplicates=7`;
			expect(faults.breaches(results[render.FAULTS_FILE])).not.toContain(breach);
			const changed = clone(results);
			changed[render.FAULTS_FILE].series[series].R1.pulledThreeTimes.duplicates = 7;
			const problems = render.check(dir, changed);
			expect(problems.map((p) => p.file)).toEqual(['README.md']);
			expect(problems[0].diff).toMatch(/^\+.*R1 same orders pulled 3 times.* 7 duplicates/m);
			expect(faults.breaches(changed[render.FAULTS_FILE])).toContain(breach);
			delete changed[render.FAULTS_FILE].series[series].R2;
			expect(faults.breaches(changed[render.FAULTS_FILE])).toContain(`${series} R2 20% faults: ran=no`);
			delete changed[render.FAULTS_FILE];
			expect(render.expectedFiles(dir, changed)['README.md']).toContain('No results: `bench/results/faults.json` is absent');
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('issue 10: each series of faults.json gets its own table, and a JSON-2 series no JSON-2 call reached is a breach', () => {
		const results = clone(committed)[render.FAULTS_FILE];
		const [first] = Object.keys(results.series).filter((k) => !results.series[k].skipped);
		results.series = { '17.0': { ...clone(results.series[first]), protocol: 'jsonRpc', odooRequests: { json2: 0, jsonRpc: 900 } }, '19.0': { ...clone(results.series[first]), protocol: 'json2', odooRequests: { json2: 321, jsonRpc: 400 } } };
		results.series['19.0'].R1.racingPulls.lost = 3;
		const table = faults.table(results);
		expect(table).toMatch(/^Odoo 17\.0 \(n8n over JSON-RPC; Odoo's log: 0 JSON-2 calls\)/m);
		expect(table).toMatch(/^Odoo 19\.0 \(n8n over JSON-2; Odoo's log: 321 JSON-2 calls\)/m);
		expect(table.split('\n').filter((l) => l.startsWith('| R1 two pulls racing'))).toEqual([expect.stringContaining(' 0 lost'), expect.stringContaining(' 3 lost')]);
		expect(faults.breaches(results)).toEqual(['19.0 R1 two pulls racing: lost=3']);
		results.series['19.0'].odooRequests.json2 = 0;
		expect(faults.breaches(results)).toContain('19.0: protocol: no JSON-2 call reached Odoo');
		// two runs of one series each (run side by side) make one file; never two commits in one
		const one = (series: string) => ({ ...clone(results), series: { [series]: clone(results.series[series]) } });
		expect(Object.keys(faults.merge([one('17.0'), one('19.0')]).series)).toEqual(['17.0', '19.0']);
		expect(() => faults.merge([one('17.0'), { ...one('19.0'), commit: 'another' }])).toThrow(/different commit/);
		expect(() => faults.merge([one('17.0'), one('17.0')])).toThrow(/17\.0 is in two runs/);
	});

	it('issue 10: a kill that did not land mid-import is said so in the row and is a breach', () => {
		const results = clone(committed)[render.FAULTS_FILE];
		const [series] = Object.keys(results.series).filter((k) => !results.series[k].skipped);
		const s = results.series[series];
		const row = () => faults.table(results).split('\n').find((l) => l.startsWith('| R1 n8n killed mid-import'))!;
		// a run that did not record midImport: judged by what Odoo held at the kill
		delete s.R1.n8nKilled.midImport;
		s.R1.n8nKilled.importedWhenKilled = 1;
		expect(row()).not.toContain('NOT mid-import');
		expect(faults.breaches(results)).not.toContain(`${series} R1 n8n killed mid-import: notMidImport=1`);
		s.R1.n8nKilled.importedWhenKilled = s.R1.n8nKilled.orders;
		expect(row()).toContain(`NOT mid-import: Odoo held ${s.R1.n8nKilled.orders} when n8n was killed`);
		expect(faults.breaches(results)).toContain(`${series} R1 n8n killed mid-import: notMidImport=1`);
		// a run that recorded it: its verdict, and how the kill landed
		Object.assign(s.R1.n8nKilled, { importedWhenKilled: 0, midImport: true, killWhile: "the import's insert waited on a lock in Odoo" });
		expect(row()).toContain(`(Odoo held 0 of ${s.R1.n8nKilled.orders} when n8n was killed, the import's insert waited on a lock in Odoo)`);
		expect(faults.breaches(results)).toEqual([]);
		s.R1.n8nKilled.midImport = false;
		expect(faults.breaches(results)).toEqual([`${series} R1 n8n killed mid-import: notMidImport=1`]);
	});

	it('refuses a marked section no block renders and an unterminated marker', () => {
		expect(() => markers.replaceMarked('<!-- bench:begin nope -->\nx\n<!-- bench:end nope -->\n', { summary: 's' }, 'X.md')).toThrow(/no generated block named "nope"/);
		expect(() => markers.replaceMarked('<!-- bench:begin summary -->\nx\n', { summary: 's' }, 'X.md')).toThrow(/no matching/);
	});
});
