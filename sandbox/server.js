'use strict';
/**
 * The Cartona sandbox: an HTTP server with Cartona's supplier-integration API (../../shared/cartona-api.md)
 * under /api/v1/ and admin endpoints under /__sandbox/. See sandbox/README.md.
 *
 *   const { startSandbox } = require('./sandbox/server');
 *   const sb = await startSandbox({ port: 0, token: 'sandbox-token', seed: { products: 10000, orders: 5 } });
 */
const http = require('http');
const { API_PREFIX, ADMIN_PREFIX, MAX_BODY_BYTES } = require('./contract');
const { SandboxStore } = require('./store');
const { FaultInjector } = require('./faults');
const { NetworkConditions } = require('./network');
const { route, servedPaths, HttpError } = require('./api');
const { adminRoute } = require('./admin');

const MAX_LOG_ENTRIES = 50000;
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

class BodyTooLarge extends Error {}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new BodyTooLarge(`body larger than ${MAX_BODY_BYTES} bytes`));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/** Parses a request body: undefined when empty; throws a 422 HttpError when it is not JSON. */
function parseJson(raw) {
	if (raw.trim() === '') return undefined;
	try {
		return JSON.parse(raw);
	} catch (e) {
		throw new HttpError(422, `the body is not valid JSON: ${e.message}`, { '(body)': 'invalid JSON' });
	}
}

function send(res, status, body, headers = {}) {
	const text = body === undefined ? '' : JSON.stringify(body);
	if (res.destroyed || res.writableEnded) return;
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

function errorBody(e) {
	return e.details === undefined ? { error: e.message } : { error: e.message, details: e.details };
}

/**
 * Starts a sandbox. Options: port (0 = any free port), host ('127.0.0.1'), token ('sandbox-token'),
 * seed ({ products: n | object[], orders: n | object[] }; default 200 products, 5 orders),
 * scenario (fault rules, or a path to a JSON scenario file), behaviour ({ bulkStatusAnswer:
 * 'updated' | 'success' }, where the contract allows both; contract.js), network ({ latencyMs,
 * jitterMs, rateLimitPerSecond }: a delay before every API answer and a 429 rate limit; network.js),
 * paths ({ <name of nodes/Cartona/paths.json>: '<path>' }: serve an endpoint elsewhere than the
 * node expects, for tests of a wrong assumption; default: the node's own paths).
 */
async function startSandbox(options = {}) {
	const token = options.token || 'sandbox-token';
	const host = options.host || '127.0.0.1';
	const initialSeed = options.seed || {};
	const store = new SandboxStore(initialSeed, options.behaviour);
	const faults = new FaultInjector();
	faults.set(options.scenario);
	const network = new NetworkConditions(options.network);
	const paths = servedPaths(options.paths);
	const requestLog = [];
	const timers = new Set();
	let seq = 0;
	const ctx = { store, faults, network, requestLog };

	function sleep(ms) {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve();
			}, ms);
			timers.add(timer);
		});
	}

	function remember(entry) {
		requestLog.push(entry);
		if (requestLog.length > MAX_LOG_ENTRIES) requestLog.splice(0, requestLog.length - MAX_LOG_ENTRIES);
	}

	/** Answers one API request: route, auth, body, handler. Never throws. */
	function answerApi(req, relPath, query, raw) {
		let found;
		try {
			found = route(req.method, relPath, paths);
		} catch {
			found = undefined; // e.g. a malformed %-escape in the hashed_id
		}
		if (!found) return { status: 404, body: { error: `no route ${req.method} ${API_PREFIX}${relPath}` } };
		const given = req.headers.authorizationtoken;
		if (given === undefined || given === '') {
			const error = req.headers.authorization
				? 'missing AuthorizationToken header (the Authorization header is not accepted)'
				: 'missing AuthorizationToken header';
			return { status: 401, body: { error } };
		}
		if (given !== token) return { status: 401, body: { error: 'invalid AuthorizationToken' } };
		try {
			const body = req.method === 'GET' ? undefined : parseJson(raw);
			return found.handler({ store, query, body, path: relPath, params: found.params });
		} catch (e) {
			if (e instanceof HttpError) return { status: e.status, body: errorBody(e) };
			console.error('[cartona-sandbox] handler error', e);
			return { status: 500, body: { error: `sandbox internal error: ${e.message}` } };
		}
	}

	async function handleApi(req, res, pathname, query) {
		const started = Date.now();
		const relPath = pathname.startsWith(API_PREFIX) ? pathname.slice(API_PREFIX.length).replace(/\/+$/, '') : null;
		const entry = { seq: ++seq, method: req.method, path: relPath === null ? pathname : relPath, query, body: undefined, status: null, durationMs: null, at: new Date(started).toISOString() };
		remember(entry);
		const finish = (status, fault) => {
			entry.status = status;
			entry.durationMs = Date.now() - started;
			if (fault) entry.fault = fault;
		};
		let raw;
		try {
			raw = await readBody(req);
		} catch (e) {
			finish(e instanceof BodyTooLarge ? 413 : null, 'client-aborted');
			if (e instanceof BodyTooLarge) send(res, 413, { error: e.message });
			return;
		}
		try {
			entry.body = raw === '' ? undefined : JSON.parse(raw);
		} catch {
			entry.body = raw.length > 10000 ? `${raw.slice(0, 10000)}...` : raw;
		}
		// Network conditions: the rate limit judges the arrival, the delay models the round trip.
		const admitted = network.admit(started);
		const latency = network.delayMs();
		if (latency > 0) {
			entry.latencyMs = latency;
			await sleep(latency);
		}
		if (!admitted.ok) {
			finish(429, 'rate-limit');
			send(res, 429, { error: 'rate limited (sandbox rate limit)' }, { 'Retry-After': String(admitted.retryAfterSeconds) });
			return;
		}
		const rule = relPath === null ? undefined : faults.pick(req.method, relPath);
		if (rule) {
			const delay = rule.delayMs !== undefined ? rule.delayMs : rule.fault === 'slow' ? 3000 : 0;
			if (delay > 0) await sleep(delay);
			const kind = rule.fault;
			if (kind === '429' || kind === '500' || kind === '503') {
				const status = Number(kind);
				const headers = {};
				if (kind === '429' || rule.retryAfter !== undefined) headers['Retry-After'] = String(rule.retryAfter !== undefined ? rule.retryAfter : 1);
				const error = kind === '429' ? 'rate limited (sandbox fault)' : `service unavailable (sandbox fault ${kind})`;
				finish(status, kind);
				send(res, status, { error }, headers);
				return;
			}
			if (kind === 'drop-before') {
				finish(null, kind);
				req.socket.destroy();
				return;
			}
		}
		const answer = relPath === null ? { status: 404, body: { error: `no route ${req.method} ${pathname}` } } : answerApi(req, relPath, query, raw);
		if (rule && rule.fault === 'drop-after') {
			finish(answer.status, 'drop-after');
			req.socket.destroy();
			return;
		}
		finish(answer.status, rule ? rule.fault : undefined);
		send(res, answer.status, answer.body);
	}

	async function handleAdmin(req, res, pathname, query) {
		if (!LOOPBACK.has(req.socket.remoteAddress)) return send(res, 403, { error: 'the admin API answers loopback clients only' });
		if (req.headers['x-sandbox-admin'] !== token) return send(res, 401, { error: 'missing or wrong X-Sandbox-Admin header' });
		let raw;
		try {
			raw = await readBody(req);
		} catch (e) {
			if (e instanceof BodyTooLarge) send(res, 413, { error: e.message });
			return undefined;
		}
		const relPath = pathname.slice(ADMIN_PREFIX.length).replace(/\/+$/, '');
		let found;
		try {
			found = adminRoute(req.method, relPath);
		} catch {
			found = undefined;
		}
		if (!found) return send(res, 404, { error: `no admin route ${req.method} ${pathname}` });
		try {
			const body = parseJson(raw);
			const answer = found.handler({ ctx, query, body });
			return send(res, answer.status, answer.body);
		} catch (e) {
			if (e instanceof HttpError) return send(res, e.status, errorBody(e));
			console.error('[cartona-sandbox] admin error', e);
			return send(res, 500, { error: `sandbox internal error: ${e.message}` });
		}
	}

	const server = http.createServer((req, res) => {
		let url;
		try {
			url = new URL(req.url, 'http://sandbox');
		} catch {
			send(res, 404, { error: 'bad URL' });
			return;
		}
		// Collapse "//" as a front proxy would, so base URL + "/path" joins still route.
		const pathname = url.pathname.replace(/\/{2,}/g, '/');
		const query = Object.fromEntries(url.searchParams);
		const work = pathname.startsWith(ADMIN_PREFIX) ? handleAdmin(req, res, pathname, query) : handleApi(req, res, pathname, query);
		work.catch((e) => {
			console.error('[cartona-sandbox] unexpected error', e);
			send(res, 500, { error: `sandbox internal error: ${e.message}` });
		});
	});
	server.on('clientError', (_err, socket) => socket.destroy());

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port === undefined ? 0 : options.port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = server.address().port;
	const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
	const origin = `http://${urlHost}:${port}`;

	return {
		url: `${origin}${API_PREFIX}`,
		adminUrl: `${origin}${ADMIN_PREFIX}`,
		token,
		port,
		host,
		requests: requestLog,
		store,
		setFaults: (rules) => faults.set(rules),
		clearFaults: () => faults.clear(),
		getFaults: () => faults.list(),
		setNetwork: (settings) => network.set(settings),
		getNetwork: () => network.get(),
		setBehaviour: (behaviour) => store.setBehaviour(behaviour),
		getBehaviour: () => ({ ...store.behaviour }),
		reset: (seed) => {
			store.reset(seed === undefined ? initialSeed : seed);
			return store.summary();
		},
		addOrders: (spec) => store.addOrders(spec),
		getOrder: (hashedId) => {
			const entry = store.orders.get(hashedId);
			return entry ? store.adminOrderView(entry) : undefined;
		},
		listOrders: () => store.orderList.map((e) => store.adminOrderView(e)),
		listProducts: () => store.products.map((p) => ({ ...p })),
		state: () => ({ ...store.summary(), requests: requestLog.length, faults: faults.list(), network: network.get() }),
		close: () =>
			new Promise((resolve) => {
				for (const timer of timers) clearTimeout(timer);
				timers.clear();
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

module.exports = { startSandbox };
