'use strict';
/**
 * Admin endpoints under /__sandbox/: inspect and steer the sandbox from tests and scripts.
 * Handlers take { ctx, query, body, params } and return { status, body }; ctx is the running
 * sandbox's { store, faults, network, requestLog }.
 */
const { ORDER_STATES } = require('./contract');
const { baseProductView } = require('./store');
const { HttpError } = require('./api');

function seedFrom(body) {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		throw new HttpError(422, 'the body must be an object like {"products": 200, "orders": 5}', { '(body)': 'Expected object' });
	}
	return { products: body.products, orders: body.orders };
}

function ordersSpec(body) {
	if (typeof body === 'number' || Array.isArray(body)) return body;
	if (body && typeof body === 'object') {
		if (body.orders !== undefined) return body.orders;
		if (body.count !== undefined) return body.count;
	}
	throw new HttpError(422, 'the body must be a count, an array of orders, or {"count": n} / {"orders": [...]}', { '(body)': 'Expected count or orders' });
}

/** Runs a store change that may throw a plain Error on bad input, answering 422 instead. */
function guarded(fn) {
	try {
		return fn();
	} catch (e) {
		if (e instanceof HttpError) throw e;
		throw new HttpError(422, e.message, e.details);
	}
}

function orderEntry(ctx, params) {
	const entry = ctx.store.orders.get(params.hashed_id);
	if (!entry) throw new HttpError(404, `order ${params.hashed_id} not found`);
	return entry;
}

const routes = [
	['GET', 'state', ({ ctx }) => ({ ...ctx.store.summary(), requests: ctx.requestLog.length, faults: ctx.faults.list(), network: ctx.network.get() })],
	['GET', 'network', ({ ctx }) => ctx.network.get()],
	['POST', 'network', ({ ctx, body }) => guarded(() => ctx.network.set(body))],
	[
		'GET',
		'requests',
		({ ctx, query }) => {
			const since = Number(query.since || 0);
			if (!Number.isFinite(since)) throw new HttpError(422, '"since": Expected a number', { since: 'Expected a number' });
			return ctx.requestLog.filter((r) => r.seq > since);
		},
	],
	[
		'DELETE',
		'requests',
		({ ctx }) => {
			ctx.requestLog.length = 0;
			return { cleared: true };
		},
	],
	['GET', 'faults', ({ ctx }) => ctx.faults.list()],
	['POST', 'faults', ({ ctx, body }) => guarded(() => ctx.faults.set(body))],
	[
		'DELETE',
		'faults',
		({ ctx }) => {
			ctx.faults.clear();
			return [];
		},
	],
	['GET', 'behaviour', ({ ctx }) => ({ ...ctx.store.behaviour })],
	[
		'POST',
		'behaviour',
		({ ctx, body }) => {
			try {
				return ctx.store.setBehaviour(body);
			} catch (e) {
				throw new HttpError(422, e.message);
			}
		},
	],
	[
		'POST',
		'seed',
		({ ctx, body }) => {
			const seed = seedFrom(body);
			guarded(() => ctx.store.reset(seed));
			return ctx.store.summary();
		},
	],
	['GET', 'orders', ({ ctx }) => ctx.store.orderList.map((e) => ctx.store.adminOrderView(e))],
	['POST', 'orders', ({ ctx, body }) => guarded(() => ctx.store.addOrders(ordersSpec(body)))],
	['GET', 'orders/:hashed_id', ({ ctx, params }) => ctx.store.adminOrderView(orderEntry(ctx, params))],
	[
		'POST',
		'orders/:hashed_id/status',
		({ ctx, params, body }) => {
			const entry = orderEntry(ctx, params);
			const status = body && body.status;
			if (!ORDER_STATES.includes(status)) {
				throw new HttpError(422, `"status": must be one of ${ORDER_STATES.join(', ')}`, { status: 'unknown state' });
			}
			ctx.store.setStatusAsCartona(entry, status);
			return ctx.store.adminOrderView(entry);
		},
	],
	['GET', 'products', ({ ctx }) => ctx.store.products.map((p) => ({ ...p }))],
	['GET', 'base-products', ({ ctx }) => ctx.store.products.map(baseProductView)],
];

/** Finds the admin handler for a method and a path relative to /__sandbox/. */
function adminRoute(method, path) {
	const parts = path.split('/');
	for (const [m, pattern, handler] of routes) {
		if (m !== method) continue;
		const want = pattern.split('/');
		if (want.length !== parts.length) continue;
		const params = {};
		let ok = true;
		for (let i = 0; i < want.length && ok; i++) {
			if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(parts[i]);
			else ok = want[i] === parts[i];
		}
		if (ok) return { handler: (args) => ({ status: 200, body: handler({ ...args, params }) }), params };
	}
	return undefined;
}

module.exports = { adminRoute };
