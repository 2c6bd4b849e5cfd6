'use strict';
/**
 * Deterministic fake catalogue and orders: the same counts always give the same data.
 * Products: internal_product_id "P000001".., pairs of units sharing a base product.
 * Orders: shaped like a pulled Cartona order, lines pointing at seeded products.
 */

/** mulberry32: small seeded PRNG, so data never depends on Math.random. */
function createRandom(seed) {
	let a = seed >>> 0;
	return function random() {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const pad = (n, width) => String(n).padStart(width, '0');
const round2 = (x) => Math.round(x * 100) / 100;

const BRANDS = ['Juhayna', 'Lipton', 'Pepsi', 'Domty', 'Edita', 'Isis', 'Crystal', 'Halwani', 'Faragello', 'Nescafe'];
const GOODS = ['Milk', 'Black Tea', 'Cola', 'Feta Cheese', 'Cake', 'Herbal Tea', 'Sunflower Oil', 'Luncheon', 'Juice', 'Coffee'];
const SIZES = ['250 ml', '1 L', '330 ml', '500 g', '60 g', '25 bags', '750 ml', '200 g', '1 kg', '50 g'];
const ARABIC = ['ليبتون شاي اسود - 25 فتلة', 'جهينة حليب كامل الدسم - 1 لتر', 'بيبسي - 330 ملل', 'الباشا سكر - 1 كجم'];

/** Unit pairs per base product: the first unit is single pieces, the second a pack of them. */
const UNIT_PAIRS = [
	[['piece', 1], ['box', 12]],
	[['bottle', 1], ['shrink', 6]],
	[['can', 1], ['box', 24]],
	[['packet', 1], ['dozen', 12]],
	[['kg', 1], ['bag', 25]],
	[['jar', 1], ['box', 6]],
];

/** Supplier account of generated product i (1-based): mostly retail, every 9th wholesale, every 10th w2w. */
function supplierCodeForProduct(i) {
	if (i % 10 === 0) return '3';
	if (i % 10 === 9) return '2';
	return '1';
}

function generateProduct(i) {
	const random = createRandom(i * 7919 + 17);
	const baseIndex = Math.floor((i - 1) / 2);
	const isPack = (i - 1) % 2 === 1;
	const pair = UNIT_PAIRS[baseIndex % UNIT_PAIRS.length];
	const [unit, unitCount] = pair[isPack ? 1 : 0];
	const baseName =
		baseIndex % 7 === 3
			? ARABIC[baseIndex % ARABIC.length]
			: `${BRANDS[baseIndex % BRANDS.length]} ${GOODS[baseIndex % GOODS.length]} - ${SIZES[Math.floor(baseIndex / 10) % SIZES.length]}`;
	const piecePrice = round2(2 + random() * 60);
	const sellingPrice = round2(piecePrice * unitCount * (isPack ? 0.97 : 1));
	const baseProductId = String(650 + baseIndex);
	return {
		supplier_product_id: String(110000 + i),
		internal_product_id: `P${pad(i, 6)}`,
		base_product_id: baseProductId,
		unit,
		unit_count: unitCount,
		product_name: `${baseName} (${unit} x${unitCount})`,
		base_product_name: baseName,
		image_thumbnail: `https://cdn.cartona.example/images/base_product/${baseProductId}/thumb.png`,
		median_price: round2(sellingPrice * 1.03),
		tax_percentage: i % 3 === 0 ? 14.0 : 0.0,
		selling_price: sellingPrice,
		available_stock_quantity: Math.floor(random() * 500),
		is_unlimited_stock: false,
		remind_me_at_stock: 1,
		max_order: 100,
		min_order: 1,
		in_stock: i % 17 !== 0,
		is_bundle: false,
		is_published: i % 23 !== 0,
		sold_amount: Math.floor(random() * 50),
		notes: '',
		supplier_code: supplierCodeForProduct(i),
	};
}

function generateProducts(count) {
	const products = new Array(count);
	for (let i = 1; i <= count; i++) products[i - 1] = generateProduct(i);
	return products;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HASH_SPACE = 62 ** 8;

/** Unique 8-character hashed_id for order number k (a bijection on [0, 62^8)). */
function hashedIdFor(k) {
	let x = Number((BigInt(k) * 2654435761n + 1234567n) % BigInt(HASH_SPACE));
	let s = '';
	for (let j = 0; j < 8; j++) {
		s = BASE62[x % 62] + s;
		x = Math.floor(x / 62);
	}
	return s;
}

const SEED_EPOCH = Date.parse('2026-01-05T07:00:00Z');
const DAY = 24 * 3600 * 1000;
const AREAS = ['Nasr City, Cairo', 'Smouha, Alexandria', 'Dokki, Giza', 'Heliopolis, Cairo', 'Mansoura, Dakahlia'];

function retailerFor(k) {
	const r = 1 + ((k * 7) % 41);
	const retailer = {
		retailer_code: `A${pad(r, 5)}`,
		retailer_name: `Market ${r}`,
		retailer_number: `+20100000${pad(r, 4)}`,
		retailer_number2: r % 3 === 0 ? `+20120000${pad(r, 4)}` : null,
		retailer_address: `${r} Street ${r % 9}, ${AREAS[r % AREAS.length]}`,
		address_notes: r % 4 === 0 ? 'Next to the pharmacy' : '',
	};
	// Cartona's own example order has no retailer_code: every 7th order is like that.
	if (k % 7 === 0) delete retailer.retailer_code;
	return retailer;
}

/**
 * Builds order number k against the product list (grouped by supplier account).
 * @param {number} k 1-based order number
 * @param {{ byCode: Map<string, object[]>, all: object[] }} catalogue
 * @param {() => number} nextLineId
 * @param {number|undefined} createdAtMs created_at; defaults to a fixed epoch + k * 37 minutes
 */
function generateOrder(k, catalogue, nextLineId, createdAtMs) {
	const random = createRandom(k * 104729 + 3);
	if (catalogue.all.length === 0) throw new Error('cannot generate orders without products');
	const first = catalogue.all[Math.floor(random() * catalogue.all.length)];
	const supplierCode = first.supplier_code;
	const pool = catalogue.byCode.get(supplierCode);
	const lineCount = 1 + Math.floor(random() * 5);
	const lines = [];
	let product = first;
	for (let l = 0; l < lineCount; l++) {
		if (l > 0) product = pool[Math.floor(random() * pool.length)];
		// An offer capped per retailer: the same product on two lines, offer price then normal price.
		const splitOffer = l > 0 && k % 3 === 0 && l === lineCount - 1;
		if (splitOffer) product = lines[0].product;
		const supplierDiscount = splitOffer || (k % 3 === 0 && l === 0) ? round2(product.selling_price * 0.05) : 0;
		const cartonaDiscount = k % 3 === 0 && l === 0 ? round2(product.selling_price * 0.02) : 0;
		const price = splitOffer ? product.selling_price : round2(product.selling_price - supplierDiscount - cartonaDiscount);
		lines.push({
			product,
			line: {
				id: nextLineId(),
				supplier_product_id: product.supplier_product_id,
				internal_product_id: product.internal_product_id,
				base_product_id: product.base_product_id,
				unit: product.unit,
				unit_count: product.unit_count,
				product_name: product.product_name,
				amount: 1 + Math.floor(random() * 10),
				selling_price: price,
				applied_supplier_discount: splitOffer ? 0 : supplierDiscount,
				applied_cartona_discount: splitOffer ? 0 : cartonaDiscount,
				comment: null,
			},
		});
	}
	const details = lines.map((x) => x.line);
	const totalPrice = round2(details.reduce((sum, d) => sum + d.selling_price * d.amount, 0));
	const installment = k % 4 === 0;
	const cartonaCredit = k % 5 === 0 ? Math.min(50, totalPrice) : 0;
	const walletTopUp = k % 6 === 0 ? 100 : 0;
	const created = createdAtMs !== undefined ? createdAtMs : SEED_EPOCH + k * 37 * 60 * 1000;
	const createdIso = new Date(created).toISOString();
	const deliveryDay = new Date(created + 2 * DAY).toISOString().slice(0, 10);
	const order = {
		hashed_id: hashedIdFor(k),
		receipt_id: `R${pad(k, 8)}`,
		created_at: createdIso,
		updated_at: createdIso,
		supplier_code: supplierCode,
		status: 'pending',
		edited_by_admin: false,
		delivered_by: k % 8 === 5 ? 'delivered_by_cartona' : 'delivered_by_supplier',
		delivery_day: null,
		estimated_delivery_day: deliveryDay,
		retailer_preferred_delivery_date: deliveryDay,
		cancellation_reason: '',
		return_reason: null,
		note_message: k % 5 === 2 ? 'Please deliver before noon' : null,
		total_price: totalPrice,
		applied_supplier_rebate: 0.0,
		cartona_credit: cartonaCredit,
		installment_cost: installment ? round2(totalPrice - cartonaCredit) : 0,
		wallet_top_up: walletTopUp,
		distribution_route_code: `001#${pad(1 + (k % 40), 3)}`,
		retailer: retailerFor(k),
		order_details: details,
	};
	const otp = pad(Math.floor(random() * 1000000), 6);
	return { order, otp };
}

module.exports = {
	createRandom,
	generateProduct,
	generateProducts,
	generateOrder,
	hashedIdFor,
	round2,
	supplierCodeForProduct,
};
