'use strict';
/**
 * Every Cartona constant the sandbox relies on, in one place: endpoint paths, enumerations from
 * ../../shared/cartona-api.md, and the sandbox's own [assumed] choices (paging, transitions).
 */

const API_PREFIX = '/api/v1/';
const ADMIN_PREFIX = '/__sandbox/';

/**
 * The endpoint paths the sandbox serves: the node's own list (nodes/Cartona/paths.json), so the
 * two cannot drift apart by accident. A test of a wrong assumption makes them differ on purpose
 * with startSandbox({ paths: { <name>: '<other path>' } }) (see routesFor in api.js).
 */
const NODE_PATHS = require('../nodes/Cartona/paths.json');

function sandboxPaths(paths = NODE_PATHS) {
	return {
		pullOrders: paths.pullOrders,
		updateOrderStatus: paths.updateOrderStatus,
		updateOneOrderStatus: paths.updateOneOrderStatus.replace('{hashed_id}', ''), // + hashed_id
		updateOrderDetails: paths.updateOrderDetails,
		supplierProducts: paths.supplierProducts,
		productBulkUpdate: paths.supplierProductBulkUpdate,
		baseProducts: paths.baseProducts,
		baseProductBulkUpdate: paths.baseProductBulkUpdate,
		baseProductBulkUpdateStock: paths.baseProductBulkUpdateStock,
	};
}
const PATHS = sandboxPaths();

/** Supplier accounts behind the sandbox token: 1 retail, 2 wholesale, 3 wholesale-to-wholesale. */
const SUPPLIER_CODES = ['1', '2', '3'];

const UNITS = [
	'box', 'can', 'bottle', 'kg', 'piece', 'dozen', 'bag', 'packet', 'plate', 'glass', 'pallet',
	'jar', 'shrink', 'ton', 'saddlebag', 'roll', 'tissue', 'cone', 'coil', 'bunch', 'strip',
	'recharge_card', 'mat',
];

const ORDER_STATES = [
	'pending', 'editing', 'approved', 'cancelled_by_retailer', 'assigned_to_salesman', 'delivered',
	'cancelled_by_supplier', 'returned',
];

/** Values a supplier may send. `synced` is an acknowledgement, not a state. */
const SUPPLIER_STATUSES = [
	'synced', 'pending', 'approved', 'assigned_to_salesman', 'delivered', 'cancelled_by_supplier',
];

const CANCELLATION_REASONS = [
	'out_of_stock', 'cannot_deliver_the_order', 'supplier_asked_me_to_cancel', 'delayed_order',
	'pending_order_without_action', 'removed_items', 'supplier_attitude', 'missing_items',
	'expired_products', 'different_prices', 'different_products',
];

/**
 * [assumed] Moves a supplier may make, from Cartona's order-cycle guide. Sending the order's
 * current status again is an accepted no-op (so a retried request is harmless); `synced` is
 * always accepted. Everything else is refused.
 */
const TRANSITIONS = {
	pending: ['approved', 'cancelled_by_supplier'],
	approved: ['pending', 'assigned_to_salesman', 'delivered', 'cancelled_by_supplier'],
	assigned_to_salesman: ['delivered', 'cancelled_by_supplier'],
	editing: [],
	delivered: [],
	cancelled_by_retailer: [],
	cancelled_by_supplier: [],
	returned: [],
};

/**
 * [assumed] What the bulk order/update-order-status endpoint answers. The contract says only that
 * it reports no per-order errors; both shapes below are consistent with that, so the sandbox can
 * play either (startSandbox({ behaviour }), sb.setBehaviour(), POST /__sandbox/behaviour):
 * - 'updated' (default): `{"updated": N}`, N counting the entries applied (an acknowledgement with
 *   `synced` and a repeat of the current status count as applied); a refused entry is skipped and
 *   only the count shows it (what Cartona answered in issue 10: `{"updated": 0}` for one entry).
 * - 'success': `{"success": true}`, whatever was applied: the answer says nothing countable.
 */
const BULK_STATUS_ANSWERS = ['updated', 'success'];
const DEFAULT_BEHAVIOUR = { bulkStatusAnswer: 'updated' };

/** States in which the supplier may change the order's lines (Cartona's guide). */
const EDITABLE_STATES = ['pending', 'approved', 'assigned_to_salesman'];

/** [assumed] Paging: 1-based `page`; `per_page` defaults to 20 and is capped (clamped) at 100. */
const DEFAULT_PER_PAGE = 20;
const MAX_PER_PAGE = 100;

/** Largest request body accepted (bytes); larger answers 413. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

module.exports = {
	API_PREFIX,
	ADMIN_PREFIX,
	PATHS,
	NODE_PATHS,
	sandboxPaths,
	SUPPLIER_CODES,
	UNITS,
	ORDER_STATES,
	SUPPLIER_STATUSES,
	CANCELLATION_REASONS,
	TRANSITIONS,
	EDITABLE_STATES,
	BULK_STATUS_ANSWERS,
	DEFAULT_BEHAVIOUR,
	DEFAULT_PER_PAGE,
	MAX_PER_PAGE,
	MAX_BODY_BYTES,
};
