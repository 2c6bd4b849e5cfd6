/**
 * The real Odoo 17.0 of the template e2e tier: ODOO_TEST_ENV (a running one, JSON as
 * scripts/odoo/serve.sh prints it) or `scripts/odoo/serve.sh 17.0` started here when a 17.0 tree
 * is present (ODOO_SRC_17 or ~/.cache/odoo/17.0). Otherwise a reason to skip, said loudly.
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

export function odoo17Tree(): string | undefined {
	const tree = process.env.ODOO_SRC_17 || path.join(os.homedir(), '.cache', 'odoo', '17.0');
	return fs.existsSync(path.join(tree, 'odoo-bin')) ? tree : undefined;
}

/** Why the Odoo-backed e2e cases cannot run, or undefined. */
export function odooMissing(): string | undefined {
	if (process.env.ODOO_TEST_ENV) return undefined;
	if (!odoo17Tree()) return 'no Odoo 17.0 source tree (set ODOO_SRC_17 or put one at ~/.cache/odoo/17.0)';
	if (!fs.existsSync(path.join(ROOT, 'scripts', 'odoo', 'serve.sh'))) return 'scripts/odoo/serve.sh is missing';
	return undefined;
}

/** Odoo's own admin of a database made by serve.sh (odoo-bin -i keeps the default password). */
function adminOf(env: OdooTestEnvironment): OdooTestEnvironment {
	return { ...env, login: process.env.ODOO_ADMIN_LOGIN || 'admin', password: process.env.ODOO_ADMIN_PASSWORD || 'admin', apiKey: undefined, protocol: 'jsonRpc' };
}

/** Starts (or reuses, ODOO_TEST_ENV) Odoo 17.0 whose marketplace config pings `n8nUrl`. */
export async function startOdoo17(n8nUrl: string, timeoutMs = 900_000): Promise<StartedOdoo> {
	if (process.env.ODOO_TEST_ENV) {
		const env = JSON.parse(fs.readFileSync(process.env.ODOO_TEST_ENV, 'utf8')) as OdooTestEnvironment;
		return { env, admin: adminOf(env), stop: async () => undefined };
	}
	const serve = path.join(ROOT, 'scripts', 'odoo', 'serve.sh');
	const child: ChildProcess = spawn('bash', [serve, '17.0', '--n8n-url', n8nUrl], {
		cwd: ROOT,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, ODOO_SRC_17: odoo17Tree() },
	});
	let out = '';
	let err = '';
	const env = await new Promise<OdooTestEnvironment>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`serve.sh 17.0 printed no connection JSON in ${timeoutMs} ms\n${err.slice(-3000)}`)), timeoutMs);
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
			reject(new Error(`serve.sh 17.0 exited (${code}) before printing its connection JSON\n${err.slice(-3000)}${out.slice(-2000)}`));
		});
	});
	return {
		env,
		admin: adminOf(env),
		async stop() {
			// serve.sh leaves Odoo running on its own: stop it by its pid file.
			await new Promise((r) => spawn('bash', [serve, '--stop', '17.0'], { cwd: ROOT, stdio: 'ignore' }).on('exit', r));
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
