/**
 * The Cartona supplier-integration API as this package understands it: every path, field name,
 * enum and `[assumed]` detail of /work/shared/cartona-api.md lives here, so a change is one edit.
 * Nothing else in the node spells a Cartona path or field name.
 */
import CARTONA_PATHS from './paths.json';

/** Production and staging hosts [code]; the credential also accepts a custom URL (the sandbox). */
export const CARTONA_BASE_URLS = {
	production: 'https://supplier-integrations.cartona.com/api/v1/',
	staging: 'https://supplier-integrations.cartona.space/api/v1/',
} as const;

/** The header Cartona reads the token from [guide, code]; `Authorization` does not work. */
export const AUTH_HEADER = 'AuthorizationToken';

/**
 * Endpoint paths, relative to the base URL [code]: `paths.json`, the one list of Cartona's paths,
 * which the sandbox (sandbox/contract.js) serves too. A path with `{hashed_id}` is built only by
 * `transport/encodePathSegment.ts`, the one encoder of dynamic path parts.
 */
export const PATHS: Readonly<typeof CARTONA_PATHS> = CARTONA_PATHS;

export type CartonaPath = (typeof PATHS)[keyof typeof PATHS];

/** Query parameters of the list endpoints [code]. */
export const QUERY = {
	page: 'page',
	perPage: 'per_page',
	from: 'from',
	to: 'to',
	internalSupplierCode: 'internal_supplier_code',
	searchToken: 'search_token',
	baseProductId: 'base_product_id',
	supplierProductId: 'supplier_product_id',
	internalProductId: 'internal_product_id',
} as const;

/**
 * [assumed] `internal_supplier_code` travels as a query parameter on every request, GET and POST
 * alike, so bulk bodies stay bare arrays. Cartona's own module never sends it.
 */
export const SUPPLIER_CODE_IN_QUERY = true;

/** Supplier codes: 1 retail, 2 wholesale, 3 wholesale-to-wholesale [code]. */
export const SUPPLIER_CODES = [
	{ value: '1', name: 'Retail (1)' },
	{ value: '2', name: 'Wholesale (2)' },
	{ value: '3', name: 'Wholesale to Wholesale (3)' },
] as const;

/** Lists are bare JSON arrays; the end is an empty or short page [code]. */
export const PAGE_SIZE_MAX = 100; // [assumed] the sandbox caps per_page at 100
export const FIRST_PAGE = 1;

/** Order states a supplier may send [code]. `synced` acknowledges that an order was received. */
export const SUPPLIER_ORDER_STATUSES = [
	'synced',
	'pending',
	'approved',
	'assigned_to_salesman',
	'delivered',
	'cancelled_by_supplier',
] as const;

/** All order states Cartona reports [code]. */
export const ORDER_STATES = [
	'pending',
	'editing',
	'approved',
	'cancelled_by_retailer',
	'assigned_to_salesman',
	'delivered',
	'cancelled_by_supplier',
	'returned',
] as const;

/** The status that may need the retailer's OTP (installment and wallet-top-up orders) [code]. */
export const STATUS_NEEDING_OTP = 'delivered';
/** The status that takes a cancellation reason [code]. */
export const STATUS_CANCELLED_BY_SUPPLIER = 'cancelled_by_supplier';

export const CANCELLATION_REASONS = [
	'out_of_stock',
	'cannot_deliver_the_order',
	'supplier_asked_me_to_cancel',
	'delayed_order',
	'pending_order_without_action',
	'removed_items',
	'supplier_attitude',
	'missing_items',
	'expired_products',
	'different_prices',
	'different_products',
] as const;

export const UNITS = [
	'box',
	'can',
	'bottle',
	'kg',
	'piece',
	'dozen',
	'bag',
	'packet',
	'plate',
	'glass',
	'pallet',
	'jar',
	'shrink',
	'ton',
	'saddlebag',
	'roll',
	'tissue',
	'cone',
	'coil',
	'bunch',
	'strip',
	'recharge_card',
	'mat',
] as const;

/** Field names of request bodies [code, guide]. */
export const FIELD = {
	hashedId: 'hashed_id',
	status: 'status',
	retailerOtp: 'retailer_otp',
	estimatedDeliveryDay: 'estimated_delivery_day',
	deliveryDay: 'delivery_day',
	cancellationReason: 'cancellation_reason',
	orderDetails: 'order_details',
	lineId: 'id',
	amount: 'amount',
	price: 'price',
	cancelled: 'cancelled',
	comment: 'comment',
	supplierProductId: 'supplier_product_id',
	internalProductId: 'internal_product_id',
	baseProductId: 'base_product_id',
	unit: 'unit',
	unitCount: 'unit_count',
	sellingPrice: 'selling_price',
	minOrder: 'min_order',
	maxOrder: 'max_order',
	availableStockQuantity: 'available_stock_quantity',
	inStock: 'in_stock',
	isPublished: 'is_published',
	isUnlimitedStock: 'is_unlimited_stock',
	remindMeAtStock: 'remind_me_at_stock',
	notes: 'notes',
} as const;

/**
 * Keys an item may carry for this node or for Odoo that never go to Cartona, even when the body
 * comes from the item's JSON (`requires_otp` comes from the Odoo addon's status changes).
 */
export const LOCAL_ONLY_FIELDS = ['requires_otp', 'sale_order_id', 'product_id', 'entry_id'] as const;
/** The item flag saying that a `delivered` status needs the retailer's OTP. */
export const REQUIRES_OTP_FLAG = 'requires_otp';

/**
 * [assumed] Bulk answers: 200 with `{"updated": N, "failed": [{"index": i, "error": "..."}]}`,
 * `index` counting within the request's array. The bulk order/update-order-status endpoint reports
 * no per-order errors [code]: at most an `updated` count (issue 10: `{"updated": 0}` for one entry).
 */
export const BULK_ANSWER = {
	updated: 'updated',
	failed: 'failed',
	failedIndex: 'index',
	failedError: 'error',
} as const;

/**
 * The rule "a change is synced only when Cartona accepted it" (transport/bulkAnswer.ts reads it,
 * v1/items/bulkBatches.ts applies it). An entry of a batch is accepted when the answer
 * accounts for it:
 * - an entry named in `failed` (by index within the batch) is refused: an error item;
 * - the other entries are accepted at once when the answer accounts for all of them: no failure
 *   it cannot pair to an entry, and either `updated` >= entries sent minus the ones in `failed`,
 *   or [assumed] a `failed` list with no `updated` count (the list names every refusal);
 * - otherwise (`updated` short, e.g. `{"updated": 0}` for 1 sent; or no count and no list, e.g.
 *   `{"success": true}` or an empty body) the answer cannot say which entry failed, and every
 *   entry not in `failed` is confirmed one by one before it is output as accepted:
 *   - status (Order > Update Status): sent again, alone, to order/update-order-status/{hashed_id},
 *     which answers an error when it refuses [code]. A 2xx whose body names another `status`
 *     than the one sent is a refusal too (its status is ...). [assumed] Cartona accepts a repeat
 *     of the order's current status as a no-op, so the repeat of an entry the batch did apply
 *     succeeds; were it refused, the entry would be reported not accepted (fail closed: never
 *     synced in error). pull-orders cannot confirm: it returns only unacknowledged orders [code].
 *   - details (Order > Update Details): there is no one-order details endpoint and no read-back
 *     of an acknowledged order [code], so an entry is sent again alone to
 *     order/update-order-details, where a one-entry answer is attributable, only when repeating it
 *     is harmless: every line names an existing `id` and sets only amount/price/comment
 *     (absolute values). An entry that adds or cancels lines is not sent twice (a repeat could add
 *     a line again) and becomes an error item saying that Cartona did not confirm it.
 *   - product and base-product bulk updates keep `outcome: 'accepted'` for such answers: they set
 *     absolute values and the next push sends them again.
 * An answer that accounts for every entry costs no extra request: ceil(N / batch size) requests.
 *
 * No answer at all (the connection broke or timed out after the batch was sent, or a 504: the
 * change may or may not have been applied, retryPolicy.ts) is the same question for every entry
 * of the batch. For details (`confirmUnknownOutcome`) every entry goes through the confirmation
 * above: one safe to repeat is sent again alone and its answer says; one that adds or cancels
 * lines is an error item asking a person to check the order. Statuses are not re-sent after a
 * dropped connection: a repeat of `delivered` that Cartona refused as a final state would read as
 * a refused OTP (the error says the change may or may not have been applied).
 */
export const CONFIRM_LINE_FIELDS_SAFE_TO_REPEAT = ['id', 'amount', 'price', 'comment'] as const;

/**
 * `synced` only acknowledges that an order was received [code]: sending it again changes nothing,
 * so calls made only of `synced` acknowledgements are retried like GETs (retryPolicy.ts), and a
 * bulk batch never mixes them with real transitions.
 */
export const IDEMPOTENT_STATUS = 'synced';
/** [assumed] The one-order status endpoint answers the order; its `status` field is read back. */
export const ONE_STATUS_ANSWER_STATUS = 'status';

/** [assumed] Error bodies: `{"error": "...", "details": {...}}`; bad token is 400 or 401. */
export const ERROR_BODY = { error: 'error', details: 'details' } as const;
export const BAD_TOKEN_STATUSES = [400, 401] as const;

/** [assumed] 429 carries `Retry-After` in seconds (an HTTP date is accepted too). */
export const RETRY_AFTER_HEADER = 'retry-after';

/**
 * [assumed] Lists are bare arrays [code]; an object wrapping the array under one of these keys is
 * accepted too, so a future envelope does not break the node.
 */
export const LIST_ENVELOPE_KEYS = ['data'] as const;
/** Safety stop for Return All when a server ignores `page` (100 * 10,000 = one million records). */
export const MAX_PAGES = 10_000;
