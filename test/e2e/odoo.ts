/**
 * The real Odoo of the template e2e tier, any series: ODOO_TEST_ENV (a running one, JSON as
 * scripts/odoo/serve.sh prints it) or `scripts/odoo/serve.sh <series>` started here when that
 * series' tree is present (ODOO_SRC_<major> or ~/.cache/odoo/<series>). Otherwise a reason to
 * skip, said loudly; a failure instead when ODOO_REQUIRED_SERIES lists the series.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import type { OdooTestEnvironment } from '../odoo/odooEnvironment';
import { ROOT } from './helpers';

export interface StartedOdoo {
	env: OdooTestEnvironment & { sharedSecret?: string };
	/** The same database as the admin user (fixtures: products, stock, confirming orders). */
	admin: OdooTestEnvironment;
	stop(): Promise<void>;
}

const major = (series: string) => series.split('.')[0];
const srcVariable = (series: string) => `ODOO_SRC_${major(series)}`;

/** The series' source tree (ODOO_SRC_<major>, else ~/.cache/odoo/<series>) if it holds odoo-bin. */
export function odooTree(series: string): string | undefined {
	const tree = process.env[srcVariable(series)] || path.join(os.homedir(), '.cache', 'odoo', series);
	return fs.existsSync(path.join(tree, 'odoo-bin')) ? tree : undefined;
}

/** The series of the running Odoo ODOO_TEST_ENV names, if set. */
export function odooTestEnvSeries(): string | undefined {
	if (!process.env.ODOO_TEST_ENV) return undefined;
	return (JSON.parse(fs.readFileSync(process.env.ODOO_TEST_ENV, 'utf8')) as OdooTestEnvironment).series;
}

/** Series ODOO_REQUIRED_SERIES lists ("16.0 17.0 18.0 19.0"): a missing tree fails instead of skipping. */
export function odooRequired(series: string): boolean {
	return (process.env.ODOO_REQUIRED_SERIES ?? '').split(/[\s,]+/).includes(series);
}

/** Why the Odoo-backed e2e cases of `series` cannot run, or undefined. */
export function odooMissing(series: string): string | undefined {
	const running = odooTestEnvSeries();
	if (running !== undefined) return running === series ? undefined : `ODOO_TEST_ENV names a running Odoo ${running}, not ${series}`;
	if (!odooTree(series)) {
		return `no Odoo ${series} source tree (set ${srcVariable(series)} or put one at ~/.cache/odoo/${series}; looked at ${process.env[srcVariable(series)] || path.join(os.homedir(), '.cache', 'odoo', series)})`;
	}
	if (!fs.existsSync(path.join(ROOT, 'scripts', 'odoo', 'serve.sh'))) return 'scripts/odoo/serve.sh is missing';
	return undefined;
}

/**
 * Odoo's own admin of a database made by serve.sh, on the same protocol as the integration user:
 * serve.sh's admin API key (fixtureApiKey; JSON-2 needs a key), else odoo-bin -i's default password
 * over JSON-RPC.
 */
function adminOf(env: OdooTestEnvironment): OdooTestEnvironment {
	const base = { ...env, fixtureLogin: undefined, fixtureApiKey: undefined };
	if (env.fixtureApiKey && !process.env.ODOO_ADMIN_PASSWORD) {
		return { ...base, login: env.fixtureLogin || 'admin', password: '', apiKey: env.fixtureApiKey };
	}
	return { ...base, login: process.env.ODOO_ADMIN_LOGIN || 'admin', password: process.env.ODOO_ADMIN_PASSWORD || 'admin', apiKey: undefined, protocol: 'jsonRpc' };
}

/**
 * Starts (or reuses, ODOO_TEST_ENV) an Odoo `series` whose marketplace config pings `n8nUrl`.
 * workers > 0: Odoo's multi-process mode (`--workers N` plus one cron worker: the addon's sweep
 * runs), its own database and pid file (serve.sh names it `<series>-w<N>`).
 */
export async function startOdoo(series: string, n8nUrl: string, timeoutMs = 900_000, workers = 0): Promise<StartedOdoo> {
	if (process.env.ODOO_TEST_ENV) {
		const env = JSON.parse(fs.readFileSync(process.env.ODOO_TEST_ENV, 'utf8')) as OdooTestEnvironment;
		return { env, admin: adminOf(env), stop: async () => undefined };
	}
	const serve = path.join(ROOT, 'scripts', 'odoo', 'serve.sh');
	const instance = workers > 0 ? `${series}-w${workers}` : series;
	const child: ChildProcess = spawn('bash', [serve, series, '--n8n-url', n8nUrl, ...(workers > 0 ? ['--workers', String(workers)] : [])], {
		cwd: ROOT,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, [srcVariable(series)]: odooTree(series) },
	});
	let out = '';
	let err = '';
	const env = await new Promise<OdooTestEnvironment>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`serve.sh ${series} printed no connection JSON in ${timeoutMs} ms\n${err.slice(-3000)}`)), timeoutMs);
		child.stdout!.on('data', (d) => {
			out += d;
			for (const line of out.split('\n')) {
				const t = line.trim();
				if (!t.startsWith('{')) continue;
				try {
					const j = JSON.parse(t);
					if (j.url && j.db) {
						clearTimeout(timer);
						resolve(j);
						return;
					}
				} catch {
					/* not complete yet */
				}
			}
		});
		child.stderr!.on('data', (d) => (err += d));
		child.on('exit', (code) => {
			clearTimeout(timer);
			if (code === 0) return; // resolved from its JSON line already (serve.sh returns once Odoo is up)
			reject(new Error(`serve.sh ${series} exited (${code}) before printing its connection JSON\n${err.slice(-3000)}${out.slice(-2000)}`));
		});
	});
	if (env.series !== series) throw new Error(`serve.sh ${series} started Odoo ${env.series}`);
	return {
		env,
		admin: adminOf(env),
		async stop() {
			// serve.sh leaves Odoo running on its own: stop it by its pid file.
			await new Promise((r) => spawn('bash', [serve, '--stop', instance], { cwd: ROOT, stdio: 'ignore' }).on('exit', r));
			if (child.exitCode !== null) return;
			const exited = new Promise((r) => child.on('exit', r));
			try {
				process.kill(-child.pid!, 'SIGTERM');
			} catch {
				return;
			}
			const timer = setTimeout(() => {
				try {
					process.kill(-child.pid!, 'SIGKILL');
				} catch {
					/* gone */
				}
			}, 15_000);
			await exited;
			clearTimeout(timer);
		},
	};
}
