#!/usr/bin/env node
'use strict';
/**
 * npm run sandbox -- [--port 4010] [--host 127.0.0.1] [--products 200] [--orders 5]
 *                    [--scenario file.json] [--token T] [--latency 80] [--jitter 20] [--rate-limit 6]
 * Starts the Cartona sandbox, prints its URL and token (and one JSON line for scripts), runs until Ctrl-C.
 */
const { startSandbox } = require('./server');

const USAGE = 'usage: node sandbox/cli.js [--port 4010] [--host 127.0.0.1] [--products 200] [--orders 5] [--scenario file.json] [--token T] [--latency ms] [--jitter ms] [--rate-limit requests-per-second]';
const OPTIONS = ['port', 'host', 'products', 'orders', 'scenario', 'token', 'latency', 'jitter', 'rate-limit'];

function parseArgs(argv) {
	const args = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--help' || arg === '-h') return { help: true };
		const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
		if (!m || !OPTIONS.includes(m[1])) throw new Error(`unknown argument ${arg}`);
		const value = m[2] !== undefined ? m[2] : argv[++i];
		if (value === undefined) throw new Error(`--${m[1]} needs a value`);
		args[m[1]] = value;
	}
	return args;
}

function count(value, name, fallback) {
	if (value === undefined) return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
	return n;
}

async function main() {
	let args;
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (e) {
		console.error(`${e.message}\n${USAGE}`);
		process.exit(2);
	}
	if (args.help) {
		console.log(USAGE);
		return;
	}
	const sb = await startSandbox({
		port: count(args.port, 'port', 4010),
		host: args.host || '127.0.0.1',
		token: args.token || 'sandbox-token',
		seed: { products: count(args.products, 'products', 200), orders: count(args.orders, 'orders', 5) },
		scenario: args.scenario,
		network: {
			latencyMs: count(args.latency, 'latency', 0),
			jitterMs: count(args.jitter, 'jitter', 0),
			rateLimitPerSecond: count(args['rate-limit'], 'rate-limit', 0),
		},
	});
	const state = sb.state();
	console.log(`Cartona sandbox listening: ${sb.url}`);
	console.log(`Token (header AuthorizationToken): ${sb.token}`);
	console.log(`Admin API: ${sb.adminUrl} (header X-Sandbox-Admin: ${sb.token})`);
	console.log(`Seeded ${state.products} products, ${state.orders} orders; ${state.faults.length} fault rule(s). Ctrl-C stops.`);
	const net = state.network;
	if (net.latencyMs || net.jitterMs || net.rateLimitPerSecond) console.log(`Network: ${net.latencyMs} ms latency (jitter ${net.jitterMs} ms), rate limit ${net.rateLimitPerSecond || 'none'} requests/s`);
	console.log(JSON.stringify({ sandbox: { url: sb.url, token: sb.token, adminUrl: sb.adminUrl } }));
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		await sb.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((e) => {
	console.error(`cartona sandbox: ${e.message}`);
	process.exit(1);
});
