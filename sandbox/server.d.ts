/** Types for sandbox/server.js (plain CommonJS), so TypeScript tests and scripts can import it. */

export type FaultKind = '429' | '500' | '503' | 'slow' | 'drop-before' | 'drop-after';

export interface FaultRule {
	/** method: HTTP method; path: relative to /api/v1/ ("supplier-product/bulk-update"); a trailing "*" matches a prefix. */
	match?: { method?: string; path?: string };
	fault: FaultKind | 429 | 500 | 503;
	/** How many times the fault fires (default: every matching request). */
	times?: number;
	/** Let the first N matching requests through untouched. */
	skip?: number;
	/** 0..1; drawn from a seeded generator, so runs repeat. */
	probability?: number;
	/** Retry-After seconds on 429 (default 1); also sent on 500/503 when set. */
	retryAfter?: number;
	/** Wait before the fault (default 3000 for "slow", else 0). */
	delayMs?: number;
	[extra: string]: unknown;
}

export interface ActiveFaultRule extends FaultRule {
	remaining: number | null;
	skipped: number;
	fired: number;
}

/** Rules: one rule, an array, { faults: [...] } / { rules: [...] }, or a path to a JSON file of those. */
export type Scenario = FaultRule | FaultRule[] | { faults: FaultRule[] } | { rules: FaultRule[] } | string;

export interface SandboxSeed {
	products?: number | Array<Record<string, unknown>>;
	orders?: number | Array<Record<string, unknown>>;
}

export interface SandboxOptions {
	port?: number;
	host?: string;
	token?: string;
	seed?: SandboxSeed;
	scenario?: Scenario;
	/** Where the contract allows more than one behaviour; kept across reset. */
	behaviour?: SandboxBehaviour;
	/** Latency before every API answer and an optional 429 rate limit (sandbox/network.js). */
	network?: SandboxNetwork;
	/**
	 * Serve some endpoints elsewhere than the node expects (names of nodes/Cartona/paths.json), for
	 * tests of a wrong assumption: `{ supplierProductBulkUpdate: 'supplier-product/bulk' }`.
	 */
	paths?: Partial<Record<keyof typeof import('../nodes/Cartona/paths.json'), string>>;
}

/**
 * latencyMs: delay before every API answer (429s and faults included); jitterMs: plus or minus a
 * seeded uniform draw up to this; rateLimitPerSecond: requests admitted per sliding second, the
 * rest answered 429 with Retry-After (0 = no limit).
 */
export interface SandboxNetwork {
	latencyMs?: number;
	jitterMs?: number;
	rateLimitPerSecond?: number;
}

export interface SandboxNetworkState extends Required<SandboxNetwork> {
	/** Requests answered 429 by the rate limit so far. */
	rateLimited: number;
}

/**
 * bulkStatusAnswer: what POST order/update-order-status answers: 'updated' (default) `{"updated": N}`
 * counting the entries applied, 'success' `{"success": true}` (nothing countable).
 */
export interface SandboxBehaviour {
	bulkStatusAnswer?: 'updated' | 'success';
}

export interface LoggedRequest {
	seq: number;
	method: string;
	/** Relative to /api/v1/ (e.g. "order/pull-orders"); the full path for requests outside it. */
	path: string;
	query: Record<string, string>;
	body: unknown;
	/** null when the connection was dropped before an answer. */
	status: number | null;
	durationMs: number | null;
	at: string;
	fault?: FaultKind | 'client-aborted' | 'rate-limit';
	/** The network delay this answer waited (network.latencyMs / jitterMs), when there was one. */
	latencyMs?: number;
}

export interface SandboxProduct {
	supplier_product_id: string;
	internal_product_id: string;
	base_product_id: string;
	unit: string;
	unit_count: number;
	product_name: string;
	base_product_name: string;
	selling_price: number;
	available_stock_quantity: number;
	is_unlimited_stock: boolean;
	min_order: number;
	max_order: number;
	in_stock: boolean;
	is_published: boolean;
	supplier_code: string;
	[field: string]: unknown;
}

export interface SandboxOrderLine {
	id: number;
	supplier_product_id?: string;
	internal_product_id: string;
	base_product_id?: string;
	unit?: string;
	unit_count?: number;
	product_name?: string;
	amount: number;
	selling_price: number;
	applied_supplier_discount?: number;
	applied_cartona_discount?: number;
	comment?: string | null;
	[field: string]: unknown;
}

/** The admin view of an order: the pulled order plus the sandbox's bookkeeping. */
export interface SandboxOrder {
	hashed_id: string;
	supplier_code: string;
	status: string;
	created_at: string;
	updated_at: string;
	total_price: number;
	installment_cost: number;
	wallet_top_up: number;
	cartona_credit: number;
	retailer: Record<string, unknown>;
	order_details: SandboxOrderLine[];
	otp: string;
	synced: boolean;
	needs_otp: boolean;
	history: Array<{ at: string; from?: string; status: string; ack?: 'synced'; by: string }>;
	details_edits: Array<{ at: string; order_details: unknown[] }>;
	refused: Array<{ at: string; endpoint: string; hashed_id: string; status: string; error: string }>;
	cancelled_lines: SandboxOrderLine[];
	[field: string]: unknown;
}

export interface SandboxState {
	products: number;
	productsBySupplier: Record<string, number>;
	baseProducts: number;
	orders: number;
	unsyncedOrders: number;
	ordersByStatus: Record<string, number>;
	refusedUpdates: number;
	requests: number;
	faults: ActiveFaultRule[];
	network: SandboxNetworkState;
}

export interface Sandbox {
	/** "http://127.0.0.1:PORT/api/v1/" (trailing slash). */
	url: string;
	/** "http://127.0.0.1:PORT/__sandbox/". */
	adminUrl: string;
	token: string;
	port: number;
	host: string;
	/** Live request log of API calls (admin calls are not logged). */
	requests: LoggedRequest[];
	setFaults(rules: Scenario): ActiveFaultRule[];
	clearFaults(): void;
	getFaults(): ActiveFaultRule[];
	/** Changes the given network settings (the others stay); throws on invalid input. */
	setNetwork(settings: SandboxNetwork): SandboxNetworkState;
	getNetwork(): SandboxNetworkState;
	/** Merges into the current behaviour; throws on an unknown key or value. Returns the result. */
	setBehaviour(behaviour: SandboxBehaviour): Required<SandboxBehaviour>;
	getBehaviour(): Required<SandboxBehaviour>;
	/** Replaces products and orders (default: the seed given at start); faults and the log stay. */
	reset(seed?: SandboxSeed): Omit<SandboxState, 'requests' | 'faults'>;
	addOrders(spec: number | Array<Record<string, unknown>>): SandboxOrder[];
	getOrder(hashedId: string): SandboxOrder | undefined;
	listOrders(): SandboxOrder[];
	listProducts(): SandboxProduct[];
	state(): SandboxState;
	close(): Promise<void>;
}

export function startSandbox(options?: SandboxOptions): Promise<Sandbox>;
