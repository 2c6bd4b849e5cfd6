'use strict';
/**
 * The sandbox's state: products (indexed by supplier_product_id, internal_product_id and
 * base_product_id) and orders (by hashed_id), and every change the API can make to them.
 * Nothing here knows about HTTP.
 */
const { TRANSITIONS, EDITABLE_STATES, BULK_STATUS_ANSWERS, DEFAULT_BEHAVIOUR } = require('./contract');
const { generateProducts, generateProduct, generateOrder, hashedIdFor, round2 } = require('./seed');

const FIRST_LINE_ID = 14527894;

function pushTo(map, key, value) {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

function nowIso() {
	return new Date().toISOString();
}

/** Copy of an order as pull-orders shows it (the sandbox's bookkeeping stays out). */
function publicOrder(entry) {
	return JSON.parse(JSON.stringify(entry.order));
}

/** The base-product list item: Cartona's real field names, typos included. */
function baseProductView(p) {
	const { supplier_product_id, product_name, is_unlimited_stock, ...rest } = p;
	return {
		suppler_prodcut_id: supplier_product_id,
		internal_product_id: p.internal_product_id,
		base_product_id: p.base_product_id,
		unit: p.unit,
		unit_count: p.unit_count,
		base_product_name: p.base_product_name,
		suppler_prodcut_name: product_name,
		...rest,
	};
}

class SandboxStore {
	constructor(seed, behaviour) {
		this.behaviour = { ...DEFAULT_BEHAVIOUR };
		this.setBehaviour(behaviour);
		this.reset(seed);
	}

	/**
	 * Changes how the API answers where the contract allows more than one behaviour (kept across
	 * reset, like faults). { bulkStatusAnswer: 'updated' | 'success' }; throws on an unknown value.
	 */
	setBehaviour(behaviour = {}) {
		if (behaviour === null || typeof behaviour !== 'object' || Array.isArray(behaviour)) {
			throw new Error('behaviour must be an object');
		}
		for (const [key, value] of Object.entries(behaviour)) {
			if (key !== 'bulkStatusAnswer') throw new Error(`unknown behaviour "${key}" (known: bulkStatusAnswer)`);
			if (!BULK_STATUS_ANSWERS.includes(value)) {
				throw new Error(`"bulkStatusAnswer" must be one of ${BULK_STATUS_ANSWERS.join(', ')}`);
			}
		}
		Object.assign(this.behaviour, behaviour);
		return { ...this.behaviour };
	}

	/** Replaces all products and orders. seed: { products: n | object[], orders: n | object[] }. */
	reset(seed = {}) {
		const products = seed.products === undefined ? 200 : seed.products;
		const orders = seed.orders === undefined ? 5 : seed.orders;
		this.products = [];
		this.bySupplierProductId = new Map();
		this.byInternalId = new Map();
		this.byBaseId = new Map();
		this.byCode = new Map();
		this.orders = new Map();
		this.orderList = [];
		this.nextOrderNo = 1;
		this.nextLineId = FIRST_LINE_ID;
		this.refused = [];
		const list = Array.isArray(products) ? products.map((p, i) => this.normaliseProduct(p, i + 1)) : generateProducts(toCount(products, 'products'));
		for (const p of list) this.indexProduct(p);
		this.addOrders(orders, { seeded: true });
	}

	normaliseProduct(given, i) {
		if (!given || typeof given !== 'object' || given.internal_product_id === undefined) {
			throw new Error(`seed product ${i - 1}: internal_product_id is required`);
		}
		const p = { ...generateProduct(i), ...given };
		if (given.product_name === undefined) p.product_name = `Product ${given.internal_product_id}`;
		if (given.base_product_name === undefined) p.base_product_name = p.product_name;
		if (given.supplier_product_id === undefined) p.supplier_product_id = String(900000 + i);
		for (const key of ['supplier_product_id', 'internal_product_id', 'base_product_id', 'supplier_code']) p[key] = String(p[key]);
		return p;
	}

	indexProduct(p) {
		if (this.bySupplierProductId.has(p.supplier_product_id)) {
			throw new Error(`duplicate supplier_product_id ${p.supplier_product_id}`);
		}
		this.products.push(p);
		this.bySupplierProductId.set(p.supplier_product_id, p);
		pushTo(this.byInternalId, p.internal_product_id, p);
		pushTo(this.byBaseId, p.base_product_id, p);
		pushTo(this.byCode, p.supplier_code, p);
	}

	/** Products of one supplier account, or of all accounts when code is undefined. */
	productsFor(code) {
		if (code === undefined) return this.products;
		return this.byCode.get(code) || [];
	}

	/**
	 * Adds orders: a count (generated against the catalogue) or explicit order objects.
	 * Returns the admin view of each (OTP included).
	 */
	addOrders(spec, { seeded = false } = {}) {
		const added = [];
		const catalogue = { all: this.products, byCode: this.byCode };
		const nextLineId = () => this.nextLineId++;
		if (Array.isArray(spec)) {
			for (const given of spec) added.push(this.insertOrder(this.normaliseOrder(given)));
		} else {
			const count = toCount(spec, 'orders');
			for (let n = 0; n < count; n++) {
				const k = this.nextOrderNo++;
				const { order, otp } = generateOrder(k, catalogue, nextLineId, seeded ? undefined : Date.now() - (count - n));
				added.push(this.insertOrder({ order, otp, synced: false }));
			}
		}
		return added.map((entry) => this.adminOrderView(entry));
	}

	normaliseOrder(given) {
		if (!given || typeof given !== 'object') throw new Error('an order must be an object');
		const { otp, retailer_otp, synced, ...rest } = given;
		const k = this.nextOrderNo++;
		const now = nowIso();
		const order = {
			hashed_id: hashedIdFor(k),
			created_at: now,
			updated_at: now,
			supplier_code: '1',
			status: 'pending',
			cancellation_reason: '',
			cartona_credit: 0,
			installment_cost: 0,
			wallet_top_up: 0,
			retailer: {},
			...rest,
		};
		order.hashed_id = String(order.hashed_id);
		order.supplier_code = String(order.supplier_code);
		order.order_details = (Array.isArray(rest.order_details) ? rest.order_details : []).map((line) => ({
			...line,
			id: line.id === undefined ? this.nextLineId++ : line.id,
		}));
		if (order.total_price === undefined) order.total_price = totalOf(order.order_details);
		const code = otp !== undefined ? otp : retailer_otp;
		return { order, otp: code !== undefined ? String(code) : String(100000 + ((k * 7919) % 900000)), synced: synced === true };
	}

	insertOrder({ order, otp, synced }) {
		if (this.orders.has(order.hashed_id)) throw new Error(`duplicate hashed_id ${order.hashed_id}`);
		for (const line of order.order_details) {
			if (typeof line.id === 'number' && line.id >= this.nextLineId) this.nextLineId = line.id + 1;
		}
		const entry = {
			order,
			otp,
			synced,
			installment: Number(order.installment_cost) > 0,
			history: [{ at: order.created_at, status: order.status, by: 'seed' }],
			detailsEdits: [],
			refused: [],
			cancelledLines: [],
		};
		this.orders.set(order.hashed_id, entry);
		this.orderList.push(entry);
		return entry;
	}

	adminOrderView(entry) {
		return {
			...publicOrder(entry),
			otp: entry.otp,
			synced: entry.synced,
			needs_otp: needsOtp(entry.order),
			history: entry.history.map((h) => ({ ...h })),
			details_edits: JSON.parse(JSON.stringify(entry.detailsEdits)),
			refused: entry.refused.map((r) => ({ ...r })),
			cancelled_lines: JSON.parse(JSON.stringify(entry.cancelledLines)),
		};
	}

	/** The order, if it exists and (when a code is given) belongs to that supplier account. */
	findOrder(hashedId, code) {
		const entry = this.orders.get(hashedId);
		if (!entry || (code !== undefined && entry.order.supplier_code !== code)) return undefined;
		return entry;
	}

	/** Orders not yet acknowledged with `synced`, oldest first; from/to bound updated_at. */
	pullOrders({ code, from, to }) {
		const fromMs = from === undefined ? -Infinity : Date.parse(from);
		const toMs = to === undefined ? Infinity : endOf(to);
		return this.orderList.filter((e) => {
			if (e.synced) return false;
			if (code !== undefined && e.order.supplier_code !== code) return false;
			const t = Date.parse(e.order.updated_at || e.order.created_at);
			return !(t < fromMs || t > toMs);
		});
	}

	/** Records an update the API refused (bulk answers don't report them; the admin view does). */
	refuse(entry, endpoint, update, error) {
		const record = { at: nowIso(), endpoint, hashed_id: update.hashed_id, status: update.status, error };
		this.refused.push(record);
		if (entry) entry.refused.push(record);
		return { ok: false, error };
	}

	/**
	 * Applies one status update. Returns { ok: true, noop? } or { ok: false, error, notFound? }.
	 * @param {string} endpoint the API path, for the refusal record
	 */
	applyStatus(update, code, endpoint) {
		const entry = this.findOrder(update.hashed_id, code);
		if (!entry) {
			const result = this.refuse(undefined, endpoint, update, `order ${update.hashed_id} not found`);
			return { ...result, notFound: true };
		}
		const order = entry.order;
		const from = order.status;
		const to = update.status;
		const at = nowIso();
		if (to === 'synced') {
			entry.synced = true;
			entry.history.push({ at, status: from, ack: 'synced', by: 'supplier' });
			return { ok: true };
		}
		if (to === from) return { ok: true, noop: true };
		if (!(TRANSITIONS[from] || []).includes(to)) {
			return this.refuse(entry, endpoint, update, `illegal status change ${from} -> ${to}`);
		}
		if (to === 'delivered' && needsOtp(order)) {
			if (!update.retailer_otp) {
				return this.refuse(entry, endpoint, update, 'retailer_otp is required to deliver an installment or wallet top-up order');
			}
			if (update.retailer_otp !== entry.otp) return this.refuse(entry, endpoint, update, 'retailer_otp is wrong');
		}
		order.status = to;
		if (update.estimated_delivery_day) order.estimated_delivery_day = update.estimated_delivery_day;
		if (update.delivery_day) order.delivery_day = update.delivery_day;
		if (to === 'delivered' && !order.delivery_day) order.delivery_day = at.slice(0, 10);
		if (to === 'cancelled_by_supplier') order.cancellation_reason = update.cancellation_reason || '';
		order.updated_at = at;
		entry.history.push({ at, from, status: to, by: 'supplier' });
		return { ok: true };
	}

	/**
	 * Simulates Cartona's or the retailer's side (admin only): any state, and the order comes
	 * back in pull-orders because it changed.
	 */
	setStatusAsCartona(entry, status) {
		const at = nowIso();
		entry.history.push({ at, from: entry.order.status, status, by: 'cartona' });
		entry.order.status = status;
		entry.order.updated_at = at;
		entry.synced = false;
	}

	/** Applies one order's line changes atomically. Returns { ok: true } or { ok: false, error }. */
	applyDetails(update, code) {
		const entry = this.findOrder(update.hashed_id, code);
		if (!entry) return { ok: false, error: `order ${update.hashed_id} not found` };
		const order = entry.order;
		if (!EDITABLE_STATES.includes(order.status)) {
			return { ok: false, error: `order ${update.hashed_id} is ${order.status}; lines can change only when ${EDITABLE_STATES.join(', ')}` };
		}
		const plan = [];
		for (let j = 0; j < update.order_details.length; j++) {
			const line = update.order_details[j];
			const where = `order_details.${j}`;
			if (line.id !== undefined) {
				const existing = order.order_details.find((d) => d.id === line.id);
				if (!existing) return { ok: false, error: `${where}.id: line ${line.id} is not on order ${update.hashed_id}` };
				plan.push({ line, existing });
				continue;
			}
			const product = this.resolveLineProduct(line, order.supplier_code);
			if (typeof product === 'string') return { ok: false, error: `${where}: ${product}` };
			if (line.cancelled === true) return { ok: false, error: `${where}.cancelled: a new line cannot be cancelled` };
			if (line.amount === undefined) return { ok: false, error: `${where}.amount: a new line needs an amount` };
			plan.push({ line, product });
		}
		for (const step of plan) {
			const { line } = step;
			if (step.existing) {
				if (line.cancelled === true) {
					order.order_details = order.order_details.filter((d) => d !== step.existing);
					entry.cancelledLines.push({ ...step.existing });
					continue;
				}
				if (line.amount !== undefined) step.existing.amount = line.amount;
				if (line.price !== undefined) step.existing.selling_price = line.price;
				if (line.comment !== undefined) step.existing.comment = line.comment;
			} else {
				const p = step.product;
				order.order_details.push({
					id: this.nextLineId++,
					supplier_product_id: p.supplier_product_id,
					internal_product_id: p.internal_product_id,
					base_product_id: p.base_product_id,
					unit: p.unit,
					unit_count: p.unit_count,
					product_name: p.product_name,
					amount: line.amount,
					selling_price: line.price !== undefined ? line.price : p.selling_price,
					applied_supplier_discount: 0,
					applied_cartona_discount: 0,
					comment: line.comment === undefined ? null : line.comment,
				});
			}
		}
		order.total_price = totalOf(order.order_details);
		if (entry.installment) order.installment_cost = Math.max(0, round2(order.total_price - Number(order.cartona_credit || 0)));
		order.updated_at = nowIso();
		entry.detailsEdits.push({ at: order.updated_at, order_details: JSON.parse(JSON.stringify(update.order_details)) });
		return { ok: true };
	}

	/** The product a new order line names, or a message saying why none. */
	resolveLineProduct(line, code) {
		let candidates;
		if (line.supplier_product_id !== undefined) {
			const p = this.bySupplierProductId.get(line.supplier_product_id);
			candidates = p ? [p] : [];
		} else if (line.internal_product_id !== undefined) {
			candidates = this.byInternalId.get(line.internal_product_id) || [];
		} else if (line.base_product_id !== undefined && line.unit !== undefined && line.unit_count !== undefined) {
			candidates = (this.byBaseId.get(line.base_product_id) || []).filter(
				(p) => p.unit === line.unit && p.unit_count === line.unit_count,
			);
		} else {
			return 'a new line needs supplier_product_id, internal_product_id, or base_product_id + unit + unit_count';
		}
		const product = candidates.find((p) => p.supplier_code === code);
		return product || `no product of supplier account ${code} matches this line`;
	}

	/** Products an update item names (supplier_product_id wins, then internal id, then base + unit). */
	matchProducts(item, code) {
		let found;
		if (item.supplier_product_id !== undefined) {
			const p = this.bySupplierProductId.get(item.supplier_product_id);
			found = p ? [p] : [];
		} else if (item.internal_product_id !== undefined) {
			found = this.byInternalId.get(item.internal_product_id) || [];
		} else {
			found = (this.byBaseId.get(item.base_product_id) || []).filter(
				(p) => p.unit === item.unit && p.unit_count === item.unit_count,
			);
		}
		return code === undefined ? found : found.filter((p) => p.supplier_code === code);
	}

	/** Spreads a stock in base units over every unit of a base product. Returns the products touched. */
	applyBaseStock(item, code) {
		const found = (this.byBaseId.get(item.base_product_id) || []).filter((p) => code === undefined || p.supplier_code === code);
		for (const p of found) {
			p.available_stock_quantity = Math.floor(item.available_stock_quantity / p.unit_count);
			p.is_unlimited_stock = false;
		}
		return found;
	}

	summary() {
		const byStatus = {};
		let unsynced = 0;
		for (const e of this.orderList) {
			byStatus[e.order.status] = (byStatus[e.order.status] || 0) + 1;
			if (!e.synced) unsynced++;
		}
		const productsBySupplier = {};
		for (const [code, list] of this.byCode) productsBySupplier[code] = list.length;
		return {
			products: this.products.length,
			productsBySupplier,
			baseProducts: this.byBaseId.size,
			orders: this.orderList.length,
			unsyncedOrders: unsynced,
			ordersByStatus: byStatus,
			refusedUpdates: this.refused.length,
		};
	}
}

/** Product fields a bulk update may set (the rest of an item is identification or ignored). */
const PRODUCT_FIELDS = ['selling_price', 'min_order', 'max_order', 'available_stock_quantity', 'is_unlimited_stock', 'in_stock', 'is_published'];
const BASE_PRODUCT_FIELDS = ['in_stock', 'available_stock_quantity', 'min_order', 'max_order', 'is_published', 'selling_price', 'remind_me_at_stock', 'notes'];

/** Checks min/max against the product's current values too; returns an error or undefined. */
function checkOrderLimits(p, item) {
	const min = item.min_order !== undefined ? item.min_order : p.min_order;
	const max = item.max_order !== undefined ? item.max_order : p.max_order;
	if (typeof min === 'number' && typeof max === 'number' && min > max) {
		return `"min_order": ${min} exceeds "max_order" ${max} of product ${p.internal_product_id}`;
	}
	return undefined;
}

function applyFields(p, item, fields) {
	for (const f of fields) if (item[f] !== undefined) p[f] = item[f];
	if (item.available_stock_quantity !== undefined && item.is_unlimited_stock === undefined) p.is_unlimited_stock = false;
}

function needsOtp(order) {
	return Number(order.installment_cost) > 0 || Number(order.wallet_top_up) > 0;
}

function totalOf(details) {
	return round2(details.reduce((sum, d) => sum + Number(d.selling_price || 0) * Number(d.amount || 0), 0));
}

function endOf(to) {
	const ms = Date.parse(to);
	return /^\d{4}-\d{2}-\d{2}$/.test(to) ? ms + 24 * 3600 * 1000 - 1 : ms;
}

function toCount(value, what) {
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0) throw new Error(`seed ${what} must be a non-negative integer or an array`);
	return n;
}

module.exports = {
	SandboxStore,
	PRODUCT_FIELDS,
	BASE_PRODUCT_FIELDS,
	applyFields,
	checkOrderLimits,
	baseProductView,
	publicOrder,
	needsOtp,
};
