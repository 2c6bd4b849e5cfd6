'use strict';
/**
 * Live mode's Cartona gateway (npm start with CARTONA_ENV): a loopback HTTP server between n8n's
 * "Cartona account" credential and the real Cartona (staging or production).
 *   - Reads (GET) go to Cartona unchanged: pulls and product lists are real.
 *   - Writes (POST/PUT/PATCH/DELETE: stock, prices, order status, acknowledgements) are DRY until
 *     the pushes are switched on: nothing is sent, the gateway prints what it would send and
 *     answers as a bulk update that took every item ({updated, failed: [], dry_run: true}).
 *     Dry, acknowledgements are not sent either, so Cartona keeps returning the same orders and
 *     Odoo imports them once (the import is idempotent).
 *   - Switched on (CARTONA_PUSH=on, or POST /__gateway/push {"on": true} from this machine),
 *     writes go to Cartona too.
 * Headers are forwarded but never printed: the token appears in no log line.
 */
const http = require('node:http');
const https = require('node:https');

const ENVIRONMENTS = {
	staging: 'https://supplier-integrations.cartona.space/api/v1/',
	production: 'https://supplier-integrations.cartona.com/api/v1/',
};
const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CONTROL = '/__gateway/';
const PREVIEW_ITEMS = 3;

/** The upstream base URL of CARTONA_ENV: staging, production, or an http(s) URL (a sandbox, a proxy). */
function upstreamOf(cartonaEnv) {
	const value = String(cartonaEnv || '').trim();
	if (ENVIRONMENTS[value]) return ENVIRONMENTS[value];
	if (/^https?:\/\//.test(value)) return value.endsWith('/') ? value : `${value}/`;
	throw new Error(`CARTONA_ENV must be staging, production or an http(s) URL, not "${value}"`);
}

/** One line saying what a write would send: method, path, item count and the first items. */
function describeWrite(method, path, raw) {
	let body;
	try {
		body = raw.length ? JSON.parse(raw) : undefined;
	} catch {
		return `${method} ${path}: ${raw.length} byte(s), not JSON`;
	}
	const items = Array.isArray(body) ? body : body === undefined ? [] : [body];
	const preview = JSON.stringify(items.slice(0, PREVIEW_ITEMS));
	const more = items.length > PREVIEW_ITEMS ? ` ... and ${items.length - PREVIEW_ITEMS} more` : '';
	return `${method} ${path}: ${items.length} item(s) ${preview}${more}`;
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function json(res, status, body) {
	const raw = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(raw) });
	res.end(raw);
}

/**
 * Starts the gateway. `upstream`: Cartona's base URL (upstreamOf). `push`: writes go through from
 * the start. `log(line)`: where the dry-run lines go. Resolves to { url, close, push(on), dryRuns }.
 */
function startCartonaGateway({ upstream, port = 0, push = false, log = (line) => process.stdout.write(`${line}\n`) }) {
	const base = new URL(upstream.endsWith('/') ? upstream : `${upstream}/`);
	const client = base.protocol === 'https:' ? https : http;
	const state = { push: Boolean(push), dryRuns: [] };

	const server = http.createServer(async (req, res) => {
		try {
			const raw = await readBody(req);
			const incoming = new URL(req.url, 'http://gateway');
			if (incoming.pathname.startsWith(CONTROL)) {
				if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.socket.remoteAddress)) return json(res, 403, { error: 'loopback only' });
				if (incoming.pathname === `${CONTROL}push` && req.method === 'POST') {
					state.push = Boolean(JSON.parse(raw.toString() || '{}').on);
					log(`[cartona gateway] pushes to Cartona are now ${state.push ? 'ON: writes are sent' : 'DRY: writes are only shown'}`);
				}
				return json(res, 200, { push: state.push, dryRuns: state.dryRuns.length });
			}
			const relative = incoming.pathname.replace(/^\/+/, '') + incoming.search;
			if (WRITE.has(req.method) && !state.push) {
				const line = describeWrite(req.method, incoming.pathname.replace(/^\/+/, ''), raw.toString());
				state.dryRuns.push({ method: req.method, path: incoming.pathname.replace(/^\/+/, ''), body: raw.toString() });
				log(`[dry run] would send ${line}`);
				let count = 1;
				try {
					const body = JSON.parse(raw.toString() || 'null');
					count = Array.isArray(body) ? body.length : 1;
				} catch {
					/* counted as one */
				}
				return json(res, 200, { updated: count, failed: [], dry_run: true });
			}
			const target = new URL(relative, base);
			const headers = { ...req.headers, host: target.host };
			delete headers['content-length'];
			if (raw.length) headers['content-length'] = String(raw.length);
			const upstreamReq = client.request(target, { method: req.method, headers }, (up) => {
				res.writeHead(up.statusCode || 502, up.headers);
				up.pipe(res);
			});
			upstreamReq.on('error', (error) => json(res, 502, { error: `Cartona did not answer at ${base.origin}: ${error.code || error.message}` }));
			upstreamReq.end(raw);
		} catch (error) {
			json(res, 500, { error: `gateway error: ${error.message}` });
		}
	});

	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			const address = server.address();
			resolve({
				url: `http://127.0.0.1:${address.port}/`,
				upstream: base.toString(),
				get pushOn() {
					return state.push;
				},
				dryRuns: state.dryRuns,
				push(on) {
					state.push = Boolean(on);
				},
				close: () => new Promise((r) => server.close(() => r())),
			});
		});
	});
}

module.exports = { startCartonaGateway, upstreamOf, describeWrite, ENVIRONMENTS };
