'use strict';
/**
 * The nine Cartona endpoints. Each handler takes { store, query, body, path } (body already
 * parsed JSON) and returns { status, body }, or throws HttpError for a whole-request failure.
 */
const { PATHS, SUPPLIER_CODES, DEFAULT_PER_PAGE, MAX_PER_PAGE, sandboxPaths, NODE_PATHS } = require('./contract');
const schemas = require('./schemas');
const { PRODUCT_FIELDS, BASE_PRODUCT_FIELDS, applyFields, checkOrderLimits, baseProductView, publicOrder } = require('./store');

class HttpError extends Error {
	constructor(status, message, details) {
		super(message);
		this.status = status;
		this.details = details;
	}
}

function invalid(zodError, prefix) {
	const { error, details } = schemas.describeZodError(zodError, prefix);
	return new HttpError(422, error, details);
}

/** Validates an optional supplier code; undefined means every account. */
function checkCode(value, where) {
	if (value === undefined || value === null || value === '') return undefined;
	const code = String(value);
	if (!SUPPLIER_CODES.includes(code)) {
		throw new HttpError(422, `unknown internal_supplier_code "${code}" (this token has ${SUPPLIER_CODES.join(', ')})`, {
			[where]: `must be one of ${SUPPLIER_CODES.join(', ')}`,
		});
	}
	return code;
}

function queryCode(query) {
	return checkCode(query.internal_supplier_code, 'internal_supplier_code');
}

/** An item's own supplier code (internal_supplier_code, or supplier_code where Cartona's spec names it), else the request's. */
function itemCode(item, fallback, aliases = ['internal_supplier_code']) {
	for (const key of aliases) if (item[key] !== undefined) return checkCode(item[key], key);
	return fallback;
}

function readPaging(query, schema = schemas.paging) {
	const parsed = schema.safeParse(query);
	if (!parsed.success) throw invalid(parsed.error);
	const page = parsed.data.page || 1;
	const perPage = Math.min(parsed.data.per_page || DEFAULT_PER_PAGE, MAX_PER_PAGE);
	return { ...parsed.data, page, perPage };
}

function pageOf(list, { page, perPage }) {
	const start = (page - 1) * perPage;
	return start >= list.length ? [] : list.slice(start, start + perPage);
}

function requireArray(body) {
	if (!Array.isArray(body)) throw new HttpError(422, 'the body must be a JSON array', { '(body)': 'Expected array' });
	return body;
}

/**
 * Runs a bulk update item by item: a bad or unknown item fails alone, the rest go on.
 * apply(data, index) returns an error message or undefined.
 */
function bulk(body, schema, apply) {
	const failed = [];
	let updated = 0;
	requireArray(body).forEach((item, index) => {
		try {
			const parsed = schema.safeParse(item);
			if (!parsed.success) {
				const { error, details } = schemas.describeZodError(parsed.error);
				failed.push({ index, error, details });
				return;
			}
			const error = apply(parsed.data, index);
			if (error) failed.push({ index, error });
			else updated++;
		} catch (e) {
			if (!(e instanceof HttpError)) throw e;
			failed.push({ index, error: e.message });
		}
	});
	return { status: 200, body: { updated, failed } };
}

function notFoundIn(what, id, code) {
	return `${what} "${id}" not found${code === undefined ? '' : ` in supplier account ${code}`}`;
}

const handlers = {
	[`GET ${PATHS.pullOrders}`]({ store, query }) {
		const code = queryCode(query);
		const paging = readPaging(query, schemas.pullOrdersQuery);
		const list = store.pullOrders({ code, from: paging.from, to: paging.to });
		return { status: 200, body: pageOf(list, paging).map(publicOrder) };
	},

	[`POST ${PATHS.updateOrderStatus}`]({ store, query, body, path }) {
		const fallback = queryCode(query);
		const parsed = schemas.statusUpdateList.safeParse(requireArray(body));
		if (!parsed.success) throw invalid(parsed.error);
		let updated = 0;
		for (const update of parsed.data) {
			let code;
			try {
				code = itemCode(update, fallback);
			} catch (e) {
				store.refuse(undefined, path, update, e.message);
				continue;
			}
			// Cartona's bulk endpoint reports nothing per order: a refused entry is skipped silently
			// (the admin view records it); at most the `updated` count shows it.
			if (store.applyStatus(update, code, path).ok) updated++;
		}
		const answer = store.behaviour.bulkStatusAnswer === 'success' ? { success: true } : { updated };
		return { status: 200, body: answer };
	},

	[`POST ${PATHS.updateOneOrderStatus}:hashed_id`]({ store, query, body, path, params }) {
		if (body === null || typeof body !== 'object' || Array.isArray(body)) {
			throw new HttpError(422, 'the body must be a JSON object', { '(body)': 'Expected object' });
		}
		const parsed = schemas.oneStatusUpdate.safeParse(body);
		if (!parsed.success) throw invalid(parsed.error);
		const update = parsed.data;
		if (update.hashed_id !== undefined && update.hashed_id !== params.hashed_id) {
			throw new HttpError(422, `"hashed_id": body says ${update.hashed_id}, path says ${params.hashed_id}`, {
				hashed_id: 'must match the path',
			});
		}
		const code = update.internal_supplier_code !== undefined ? checkCode(update.internal_supplier_code, 'internal_supplier_code') : queryCode(query);
		const result = store.applyStatus({ ...update, hashed_id: params.hashed_id }, code, path);
		if (result.notFound) throw new HttpError(404, result.error);
		if (!result.ok) throw new HttpError(422, result.error, { status: result.error });
		return { status: 200, body: publicOrder(store.findOrder(params.hashed_id)) };
	},

	[`POST ${PATHS.updateOrderDetails}`]({ store, query, body }) {
		const fallback = queryCode(query);
		return bulk(body, schemas.orderDetailsUpdate, (update) => {
			const result = store.applyDetails(update, itemCode(update, fallback));
			return result.ok ? undefined : result.error;
		});
	},

	[`GET ${PATHS.supplierProducts}`]({ store, query }) {
		const code = queryCode(query);
		const paging = readPaging(query);
		let list = store.productsFor(code);
		if (query.internal_product_id !== undefined) list = list.filter((p) => p.internal_product_id === String(query.internal_product_id));
		if (query.supplier_product_id !== undefined) list = list.filter((p) => p.supplier_product_id === String(query.supplier_product_id));
		return { status: 200, body: pageOf(list, paging).map((p) => ({ ...p })) };
	},

	[`POST ${PATHS.productBulkUpdate}`]({ store, query, body }) {
		const fallback = queryCode(query);
		return bulk(body, schemas.productUpdate, (item) => {
			const code = itemCode(item, fallback);
			const found = store.matchProducts({ internal_product_id: item.internal_product_id }, code);
			if (found.length === 0) return `"internal_product_id": ${notFoundIn('product', item.internal_product_id, code)}`;
			for (const p of found) {
				const error = checkOrderLimits(p, item);
				if (error) return error;
			}
			for (const p of found) applyFields(p, item, PRODUCT_FIELDS);
			return undefined;
		});
	},

	[`GET ${PATHS.baseProducts}`]({ store, query }) {
		const code = queryCode(query);
		const paging = readPaging(query);
		let list = store.productsFor(code);
		for (const key of ['base_product_id', 'supplier_product_id', 'internal_product_id']) {
			if (query[key] !== undefined) list = list.filter((p) => p[key] === String(query[key]));
		}
		if (query.search_token) {
			const token = String(query.search_token).toLowerCase();
			list = list.filter(
				(p) => String(p.base_product_name).toLowerCase().includes(token) || String(p.product_name).toLowerCase().includes(token),
			);
		}
		return { status: 200, body: pageOf(list, paging).map(baseProductView) };
	},

	[`POST ${PATHS.baseProductBulkUpdate}`]({ store, query, body }) {
		const fallback = queryCode(query);
		return bulk(body, schemas.baseProductUpdate, (item) => {
			const code = itemCode(item, fallback, ['internal_supplier_code', 'supplier_code']);
			const found = store.matchProducts(item, code);
			if (found.length === 0) {
				const id =
					item.supplier_product_id !== undefined
						? `supplier_product_id ${item.supplier_product_id}`
						: item.internal_product_id !== undefined
							? `internal_product_id ${item.internal_product_id}`
							: `base_product_id ${item.base_product_id} ${item.unit} x${item.unit_count}`;
				return notFoundIn('product', id, code);
			}
			for (const p of found) {
				const error = checkOrderLimits(p, item);
				if (error) return error;
			}
			for (const p of found) applyFields(p, item, BASE_PRODUCT_FIELDS);
			return undefined;
		});
	},

	[`POST ${PATHS.baseProductBulkUpdateStock}`]({ store, query, body }) {
		const fallback = queryCode(query);
		return bulk(body, schemas.baseStockUpdate, (item) => {
			const code = itemCode(item, fallback);
			const found = store.applyBaseStock(item, code);
			return found.length === 0 ? `"base_product_id": ${notFoundIn('base product', item.base_product_id, code)}` : undefined;
		});
	},
};

/**
 * The sandbox's paths with some of the node's paths replaced (`{ supplierProductBulkUpdate: 'x' }`,
 * the names of nodes/Cartona/paths.json), for tests of a wrong assumption; undefined: the node's.
 */
function servedPaths(overrides) {
	if (!overrides || Object.keys(overrides).length === 0) return PATHS;
	for (const name of Object.keys(overrides)) {
		if (!(name in NODE_PATHS)) throw new Error(`sandbox paths: unknown path name "${name}" (names of nodes/Cartona/paths.json)`);
	}
	return sandboxPaths({ ...NODE_PATHS, ...overrides });
}

/** The default path of the handler a served path stands for, or undefined when none does. */
function handlerPath(path, paths) {
	if (paths === PATHS) return path;
	for (const [name, served] of Object.entries(paths)) {
		if (name === 'updateOneOrderStatus') {
			if (path.startsWith(served) && path.length > served.length) return PATHS.updateOneOrderStatus + path.slice(served.length);
		} else if (path === served) {
			return PATHS[name];
		}
	}
	return undefined;
}

/** Finds the handler for a method and a path relative to /api/v1/ (paths: servedPaths()). */
function route(method, servedPath, paths = PATHS) {
	const path = handlerPath(servedPath, paths);
	if (path === undefined) return undefined;
	const exact = handlers[`${method} ${path}`];
	if (exact) return { handler: exact, params: {} };
	if (method === 'POST' && path.startsWith(PATHS.updateOneOrderStatus)) {
		const id = path.slice(PATHS.updateOneOrderStatus.length);
		if (id && !id.includes('/')) {
			return { handler: handlers[`POST ${PATHS.updateOneOrderStatus}:hashed_id`], params: { hashed_id: decodeURIComponent(id) } };
		}
	}
	return undefined;
}

module.exports = { route, servedPaths, HttpError, checkCode };
