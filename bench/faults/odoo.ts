/**
 * Odoo as the fault suite drives it: a raw JSON-RPC client (any login, error text kept as Odoo
 * sent it, so the suite can judge what a caller sees) and a hard restart of the running server
 * (same command line, same port, same database), for "Odoo restarted in the middle of an import".
 * JSON-RPC answers on 16.0-19.0 (deprecated on 19.0, still served); the n8n credential of a 19.0
 * run speaks JSON-2.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';

export interface RpcLogin {
	url: string;
	db: string;
	login: string;
	password: string;
}

export class RpcError extends Error {
	constructor(
		message: string,
		readonly odooName: string,
		readonly raw: unknown,
	) {
		super(message);
	}
}

let rpcId = 0;
async function jsonRpc(url: string, service: string, method: string, args: unknown[], timeoutMs = 120_000): Promise<any> {
	const res = await fetch(new URL('/jsonrpc', url), {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ jsonrpc: '2.0', method: 'call', id: ++rpcId, params: { service, method, args } }),
		signal: AbortSignal.timeout(timeoutMs),
	});
	const text = await res.text();
	let j: any;
	try {
		j = JSON.parse(text);
	} catch {
		throw new RpcError(`HTTP ${res.status}: ${text.slice(0, 300)}`, 'http', text.slice(0, 2000));
	}
	if (j.error) throw new RpcError(j.error.data?.message || j.error.message, j.error.data?.name || 'error', j.error);
	return j.result;
}

export interface Rpc {
	uid(): Promise<number>;
	call(model: string, method: string, args: unknown[], kwargs?: Record<string, unknown>): Promise<any>;
}

export function rpc(who: RpcLogin): Rpc {
	let uid: number | undefined;
	const login = async () => {
		if (uid) return uid;
		const u = await jsonRpc(who.url, 'common', 'login', [who.db, who.login, who.password]);
		if (!u) throw new Error(`Odoo login refused for ${who.login}`);
		uid = u as number;
		return uid;
	};
	return {
		uid: login,
		async call(model, method, args, kwargs = {}) {
			const id = await login();
			return jsonRpc(who.url, 'object', 'execute_kw', [who.db, id, who.password, model, method, args, kwargs]);
		},
	};
}

/** Answers /web/login below 500 (the server is up and serving the database). */
export async function odooUp(url: string): Promise<boolean> {
	try {
		const r = await fetch(new URL('/web/login', url), { signal: AbortSignal.timeout(3000) });
		return r.status < 500;
	} catch {
		return false;
	}
}

/**
 * The running Odoo server (process group leader `pid`, as serve.sh started it): stop it (SIGKILL
 * = a crash, SIGTERM = a stop) and start it again with the same command line, environment and
 * working directory. The respawned server is this handle's to stop (close()).
 */
export function odooProcess(initialPid: number, url: string) {
	let pid = initialPid;
	let cmd: string[] = [];
	let cwd = '/';
	let env: Record<string, string> = {};
	let mine = false;
	const read = () => {
		cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
		cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
		env = Object.fromEntries(
			fs
				.readFileSync(`/proc/${pid}/environ`, 'utf8')
				.split('\0')
				.filter(Boolean)
				.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
		);
	};
	const alive = () => {
		try {
			process.kill(pid, 0);
			return true;
		} catch {
			return false;
		}
	};
	return {
		get pid() {
			return pid;
		},
		async stop(signal: 'SIGKILL' | 'SIGTERM') {
			read();
			try {
				process.kill(-pid, signal);
			} catch {
				/* gone */
			}
			const end = Date.now() + 30_000;
			while (alive() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
			if (alive()) process.kill(-pid, 'SIGKILL');
		},
		async start(timeoutMs = 120_000) {
			const child = spawn(cmd[0], cmd.slice(1), { cwd, env, detached: true, stdio: 'ignore' });
			child.unref();
			pid = child.pid!;
			mine = true;
			const end = Date.now() + timeoutMs;
			while (Date.now() < end) {
				if (await odooUp(url)) return;
				await new Promise((r) => setTimeout(r, 300));
			}
			throw new Error(`Odoo did not come back on ${url} within ${timeoutMs} ms`);
		},
		/** Stops a server this handle started (serve.sh's own stop handles the first one). */
		async close() {
			if (!mine) return;
			try {
				process.kill(-pid, 'SIGTERM');
			} catch {
				/* gone */
			}
		},
	};
}
