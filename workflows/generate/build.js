#!/usr/bin/env node
'use strict';
/**
 * Writes the workflow templates (workflows/*.json) in n8n's export format. The JSON files are
 * what suppliers import and what the tests check; this script only keeps their shared parts
 * (credential names, Settings node, error workflow, layout) consistent. After editing, run
 * `node workflows/generate/build.js` and commit both.
 *
 * Id wiring: every template has a fixed 16-character id. `n8n import:workflow` keeps ids, so
 * `settings.errorWorkflow` ("cartonaErrorNtfy") and the ping router's Execute Workflow nodes
 * (ids of the push templates) resolve as shipped. Importing through the editor gives new ids:
 * the sticky notes say which setting to re-select then.
 */
const fs = require('node:fs');
const path = require('node:path');

const OUT = path.resolve(__dirname, '..');
const ERROR_WORKFLOW_ID = 'cartonaErrorNtfy';
const IDS = {
	orderPull: 'cartonaOrderPull',
	statusPush: 'cartonaStatusPsh',
	detailsPush: 'cartonaDetailPsh',
	stockPush: 'cartonaStockPush',
	pricePush: 'cartonaPricePush',
	matching: 'cartonaMatchMigr',
	reconcile: 'cartonaReconcile',
	error: ERROR_WORKFLOW_ID,
	connTest: 'cartonaConnTest1',
	pingRouter: 'cartonaPingRoute',
};

const CARTONA = { cartonaApi: { id: '', name: 'Cartona account' } };
const ODOO = { odooCartonaApi: { id: '', name: 'Odoo (Cartona) account' } };
const VERSION = { cartona: 1, odooCartona: 1, odooCartonaTrigger: 1 };

const SETTING = (key) => `={{ $('Settings').first().json.${key} }}`;
const CONFIG_ID = SETTING('configId');

// ------------------------------------------------------------------ builders

let counter = 0;
function uuid(templateIndex) {
	counter += 1;
	return `5a1c0000-0000-4000-8${String(templateIndex).padStart(3, '0')}-${String(counter).padStart(12, '0')}`;
}

function node(name, type, typeVersion, parameters, at, extra = {}) {
	return { parameters, name, type, typeVersion, position: at, ...extra };
}

function settings(fields, at, { includeOtherFields = false } = {}) {
	const typeOf = (v) => (typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string');
	return node(
		'Settings',
		'n8n-nodes-base.set',
		3.4,
		{
			mode: 'manual',
			assignments: {
				assignments: Object.entries(fields).map(([name, value], i) => ({
					id: `setting-${i + 1}`,
					name,
					value,
					type: typeOf(value),
				})),
			},
			includeOtherFields,
			options: {},
		},
		at,
	);
}

function sticky(content, at, width = 420, height = 380) {
	return node('Setup', 'n8n-nodes-base.stickyNote', 1, { content, height, width }, at);
}

function cartona(name, resource, operation, parameters, at, extra = {}) {
	return node(name, 'n8n-nodes-cartona.cartona', VERSION.cartona, { resource, operation, ...parameters }, at, { credentials: CARTONA, ...extra });
}

function odoo(name, resource, operation, parameters, at, extra = {}) {
	return node(name, 'n8n-nodes-cartona.odooCartona', VERSION.odooCartona, { resource, operation, configId: CONFIG_ID, ...parameters }, at, {
		credentials: ODOO,
		...extra,
	});
}

function schedule(name, interval, at) {
	return node(name, 'n8n-nodes-base.scheduleTrigger', 1.2, { rule: { interval: [interval] } }, at);
}

function manual(name, at) {
	return node(name, 'n8n-nodes-base.manualTrigger', 1, {}, at);
}

function calledByRouter(at) {
	return node('When the ping router calls', 'n8n-nodes-base.executeWorkflowTrigger', 1.1, { inputSource: 'passthrough' }, at);
}

/** An IF/Filter condition list (n8n's filter parameter, version 2). */
function conditions(list, combinator = 'and') {
	return {
		options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
		conditions: list.map(([leftValue, type, operation, rightValue], i) => {
			const single = rightValue === undefined;
			return {
				id: `condition-${i + 1}`,
				leftValue,
				rightValue: single ? '' : rightValue,
				operator: single ? { type, operation, singleValue: true } : { type, operation },
			};
		}),
		combinator,
	};
}

function ifNode(name, list, at, combinator) {
	return node(name, 'n8n-nodes-base.if', 2.2, { conditions: conditions(list, combinator), looseTypeValidation: true, options: {} }, at);
}

/**
 * Our nodes, with "On Error: Continue", turn a refused item into a regular output item carrying
 * `error` (n8n's error output takes only items whose JSON is nothing but the error), so the
 * templates branch on that field with an IF node.
 */
function succeeded(name, at) {
	return ifNode(name, [['={{ !$json.error && $json.ok !== false }}', 'boolean', 'true']], at);
}

/**
 * Routes the results of Import orders by their `status` (plain field references): output 0
 * `imported` (created, existing, updated: Odoo holds the order, so it may be acknowledged),
 * output 1 `held` (orders are off in Odoo: nothing imported; left unwired so the order is not
 * acknowledged and Cartona sends it again), output 2 `failed` (any other status: an error
 * result, or a call that failed as a whole, which has no status).
 */
function importOutcome(name, at) {
	const test = (operation) => (status) => ['={{ $json.status }}', 'string', operation, status];
	const [is, isNot] = [test('equals'), test('notEquals')];
	const taken = ['created', 'existing', 'updated'];
	return node(
		name,
		'n8n-nodes-base.switch',
		3.2,
		{
			rules: {
				values: [
					{ conditions: conditions(taken.map(is), 'or'), renameOutput: true, outputKey: 'imported' },
					{ conditions: conditions([is('held')]), renameOutput: true, outputKey: 'held (orders off in Odoo)' },
					{ conditions: conditions([...taken, 'held'].map(isNot)), renameOutput: true, outputKey: 'failed' },
				],
			},
			looseTypeValidation: true,
			options: {},
		},
		at,
	);
}

/** Set (raw JSON): the item becomes the pulled Cartona order it came from (paired item). */
function pulledOrderAgain(name, pullNode, at) {
	return node(name, 'n8n-nodes-base.set', 3.4, { mode: 'raw', jsonOutput: `={{ $('${pullNode}').item.json }}`, includeOtherFields: false, options: {} }, at);
}

function stopWithError(name, message, at) {
	return node(name, 'n8n-nodes-base.stopAndError', 1, { errorMessage: message }, at);
}

/** connections from a list of [from, to, fromOutput?] */
function connect(edges) {
	const c = {};
	for (const [from, to, output = 0] of edges) {
		c[from] = c[from] || { main: [] };
		while (c[from].main.length <= output) c[from].main.push([]);
		c[from].main[output].push({ node: to, type: 'main', index: 0 });
	}
	return c;
}

function workflow(index, id, name, nodes, edges, { errorWorkflow = true } = {}) {
	counter = 0;
	// The setup note sits above the top-left of the flow so it never covers a node.
	const flow = nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote');
	const minX = Math.min(...flow.map((n) => n.position[0]));
	const minY = Math.min(...flow.map((n) => n.position[1]));
	for (const n of nodes) {
		if (n.type === 'n8n-nodes-base.stickyNote') n.position = [minX - 40, minY - n.parameters.height - 60];
	}
	const withIds = nodes.map((n) => ({ id: uuid(index), ...n }));
	const s = { executionOrder: 'v1', saveManualExecutions: true, callerPolicy: 'workflowsFromSameOwner' };
	if (errorWorkflow) s.errorWorkflow = ERROR_WORKFLOW_ID;
	return { id, name, nodes: withIds, connections: connect(edges), settings: s, active: false, tags: [] };
}

const ERROR_WIRING =
	'**Error workflow**: Workflow settings > Error workflow is "Cartona: Error notification" (id `cartonaErrorNtfy`). ' +
	'`n8n import:workflow` keeps that id; if you imported through the editor (new ids), pick "Cartona: Error notification" there again.';

const CREDENTIAL_STEPS = {
	cartona: 'Create the **Cartona account** credential (Cartona API: environment, token, and the Default Internal Supplier Code when one token serves several accounts: 1 retail, 2 wholesale, 3 wholesale to wholesale). The supplier code lives there, not in Settings: a per-item expression costs about 0.7 ms per item, 7 s on a 10,000-product push.',
	odoo: 'Create the **Odoo (Cartona) account** credential (Odoo URL, protocol, database, integration user, API key, webhook secret = Auth Token of the Odoo marketplace config).',
};

function setupNote(title, lines) {
	return `## ${title}\n### Setup\n${lines.map((l, i) => `${i + 1}. ${l}`).join('\n')}\n`;
}

// ------------------------------------------------------------------ templates

/** 1. Order pull: every minute and by hand. */
function orderPull() {
	const nodes = [
		sticky(
			setupNote('Cartona: order pull', [
				CREDENTIAL_STEPS.cartona,
				CREDENTIAL_STEPS.odoo,
				'In **Settings** set `configId` (Odoo: Marketplace > Configuration, the id in the URL).',
				'The schedule is in **Every minute** (Cartona polls every minute too); change it there.',
				ERROR_WIRING,
				'Run by hand once (**Run by hand**), check the sale orders in Odoo, then activate.',
			]) +
				'\nEvery page of new Cartona orders is imported (idempotent: an order already in Odoo comes out as `existing`), Cartona states are applied, and only the orders Odoo holds are acknowledged `synced`. An order that failed to import is not acknowledged, so it comes back on the next pull; its error goes to the error notification. While **Auto Sync Orders** is off on the Odoo configuration, Odoo answers `held` for every order: nothing is imported or acknowledged (Cartona keeps the orders until it is on again), no alert is raised, and Odoo writes one warning per run in its sync log.',
			[-520, -380],
			460,
			520,
		),
		schedule('Every minute', { field: 'minutes', minutesInterval: 1 }, [-260, 0]),
		manual('Run by hand', [-260, 200]),
		settings({ configId: 1 }, [-20, 100]),
		cartona('Pull new Cartona orders', 'order', 'getAll', { returnAll: true, filters: {}, options: { } }, [200, 100]),
		odoo('Import orders into Odoo', 'order', 'import', { options: { batchSize: 100 } }, [420, 100], { onError: 'continueRegularOutput' }),
		importOutcome('What did Odoo do with the order?', [600, 100]),
		pulledOrderAgain('The pulled order again', 'Pull new Cartona orders', [780, 0]),
		odoo('Apply Cartona states in Odoo', 'order', 'applyStatus', { options: {} }, [960, 0]),
		cartona(
			'Acknowledge imported orders as synced',
			'order',
			'updateStatus',
			{ fieldsSource: 'mapping', hashedId: '={{ $json.hashed_id }}', status: 'synced', options: { } },
			[1160, 0],
		),
		odoo(
			'Write pull summary to the sync log',
			'syncLog',
			'write',
			{
				kind: 'order',
				direction: 'inbound',
				state: 'ok',
				message: "={{ $('Import orders into Odoo').all().length }} order(s) imported or already present, acknowledged to Cartona",
				options: { countOk: "={{ $('Acknowledge imported orders as synced').all().length }}" },
			},
			[1380, 0],
			{ executeOnce: true },
		),
		stopWithError(
			'Stop: orders failed to import',
			"={{ $input.all().length }} Cartona order(s) failed to import into Odoo and were not acknowledged (they come back on the next pull). First: {{ $json.hashed_id || '' }} {{ $json.error }}",
			[660, 220],
		),
	];
	return workflow(1, IDS.orderPull, 'Cartona: order pull', nodes, [
		['Every minute', 'Settings'],
		['Run by hand', 'Settings'],
		['Settings', 'Pull new Cartona orders'],
		['Pull new Cartona orders', 'Import orders into Odoo'],
		['Import orders into Odoo', 'What did Odoo do with the order?'],
		['What did Odoo do with the order?', 'The pulled order again', 0],
		['The pulled order again', 'Apply Cartona states in Odoo'],
		['What did Odoo do with the order?', 'Stop: orders failed to import', 2],
		['Apply Cartona states in Odoo', 'Acknowledge imported orders as synced'],
		['Acknowledge imported orders as synced', 'Write pull summary to the sync log'],
	]);
}

/**
 * Order outbox entries only say "an order changed, ping n8n"; what must go to Cartona is the
 * order's pending flag, which Mark Synced clears (or keeps, with the error). After the push
 * branch (n8n's v1 order runs the upper branch first), the entries are claimed and acknowledged
 * so Odoo stops re-pinging; an order still flagged pending is retried by the sweep.
 */
function outboxCleanup(kind, at) {
	const label = kind === 'order_status' ? 'status' : 'line change';
	return [
		odoo(`Claim the ${label} pings from the outbox`, 'outbox', 'claim', { kinds: [kind], maxEntries: 500, leaseSeconds: 120 }, at),
		odoo(`Acknowledge the ${label} pings`, 'outbox', 'acknowledge', { entryId: '={{ $json.entry_id }}', succeeded: true, options: {} }, [at[0] + 240, at[1]]),
	];
}

function outboxCleanupEdges(kind) {
	const label = kind === 'order_status' ? 'status' : 'line change';
	return [
		['Settings', `Claim the ${label} pings from the outbox`],
		[`Claim the ${label} pings from the outbox`, `Acknowledge the ${label} pings`],
	];
}

/** 2. Order status push: ping (via router) + sweep. */
function statusPush() {
	const SO = "$('Get status changes from Odoo').item.json";
	const nodes = [
		sticky(
			setupNote('Cartona: order status push', [
				CREDENTIAL_STEPS.cartona,
				CREDENTIAL_STEPS.odoo,
				'In **Settings** set `configId` and `batchLimit` (orders per run).',
				'Activate this workflow, then **Cartona: Odoo ping router** (it calls this workflow within seconds of a change in Odoo); the **Sweep every 5 minutes** schedule catches anything a ping missed.',
				ERROR_WIRING,
			]) +
				'\n`approved`, `assigned_to_salesman` and `cancelled_by_supplier` (with its reason) go in one bulk call. `delivered` goes through the single-order endpoint with the retailer OTP: when Cartona refuses it (wrong OTP), the order stays undelivered and pending in Odoo with the error, and an alert goes out through the error notification.',
			[-560, -420],
			480,
			520,
		),
		calledByRouter([-280, 0]),
		schedule('Sweep every 5 minutes', { field: 'minutes', minutesInterval: 5 }, [-280, 200]),
		settings({ configId: 1, batchLimit: 100 }, [-40, 100]),
		odoo('Get status changes from Odoo', 'order', 'getStatusChanges', { maxOrders: SETTING('batchLimit'), options: {} }, [180, 100]),
		// Bulk changes first (output 0 runs first): a refused delivery ends the run with an alert
		// only after every other change went out.
		ifNode('Not a delivery (bulk call)?', [['={{ $json.status }}', 'string', 'notEquals', 'delivered']], [400, 100]),
		cartona(
			'Deliver order with the retailer OTP',
			'order',
			'updateOneStatus',
			{ fieldsSource: 'mapping', options: { } },
			[640, 240],
			{ onError: 'continueRegularOutput' },
		),
		succeeded('Did Cartona accept the delivery?', [820, 240]),
		odoo('Mark delivery synced in Odoo', 'order', 'markSynced', { kind: 'status', saleOrderId: `={{ ${SO}.sale_order_id }}`, succeeded: true, options: { status: `={{ ${SO}.status }}` } }, [1040, 160]),
		odoo(
			'Record refused delivery in Odoo',
			'order',
			'markSynced',
			{ kind: 'status', saleOrderId: `={{ ${SO}.sale_order_id }}`, succeeded: false, options: { status: `={{ ${SO}.status }}`, errorMessage: '={{ $json.error }}' } },
			[1040, 340],
		),
		stopWithError(
			'Alert: Cartona refused the delivery (wrong OTP?)',
			"=Cartona refused to mark {{ $input.all().length }} order(s) delivered: {{ $input.all().map(i => i.json.hashed_id).join(', ') }}. First refusal: {{ ($('Deliver order with the retailer OTP').all().find(i => i.json.error) || { json: {} }).json.error }}. They stay undelivered and pending in Odoo with the error; check the retailer OTP there and confirm again.",
			[1260, 340],
		),
		cartona(
			'Send status changes to Cartona',
			'order',
			'updateStatus',
			{ fieldsSource: 'mapping', options: { } },
			[640, -20],
			{ onError: 'continueRegularOutput' },
		),
		odoo(
			'Mark status changes synced in Odoo',
			'order',
			'markSynced',
			{
				kind: 'status',
				saleOrderId: `={{ ${SO}.sale_order_id }}`,
				succeeded: '={{ $json.ok !== false }}',
				options: { status: `={{ ${SO}.status }}`, errorMessage: "={{ $json.error || '' }}" },
			},
			[900, -20],
		),
		...outboxCleanup('order_status', [180, 520]),
	];
	return workflow(2, IDS.statusPush, 'Cartona: order status push', nodes, [
		['When the ping router calls', 'Settings'],
		['Sweep every 5 minutes', 'Settings'],
		['Settings', 'Get status changes from Odoo'],
		['Get status changes from Odoo', 'Not a delivery (bulk call)?'],
		['Not a delivery (bulk call)?', 'Send status changes to Cartona', 0],
		['Not a delivery (bulk call)?', 'Deliver order with the retailer OTP', 1],
		['Deliver order with the retailer OTP', 'Did Cartona accept the delivery?'],
		['Did Cartona accept the delivery?', 'Mark delivery synced in Odoo', 0],
		['Did Cartona accept the delivery?', 'Record refused delivery in Odoo', 1],
		['Record refused delivery in Odoo', 'Alert: Cartona refused the delivery (wrong OTP?)'],
		['Send status changes to Cartona', 'Mark status changes synced in Odoo'],
		...outboxCleanupEdges('order_status'),
	]);
}

/** 3. Order details push. */
function detailsPush() {
	const SO = "$('Get line changes from Odoo').item.json";
	const nodes = [
		sticky(
			setupNote('Cartona: order details push', [
				CREDENTIAL_STEPS.cartona,
				CREDENTIAL_STEPS.odoo,
				'In **Settings** set `configId` and `batchLimit`.',
				'Activate this workflow, then **Cartona: Odoo ping router**; **Sweep every 5 minutes** catches anything a ping missed.',
				ERROR_WIRING,
			]) +
				'\nLine amounts, prices, cancelled and added lines changed in Odoo after import go to Cartona (`update-order-details`). A change Cartona refuses (e.g. the order is no longer editable) stays pending in Odoo with the error and raises an alert.',
			[-560, -400],
			480,
			460,
		),
		calledByRouter([-280, 0]),
		schedule('Sweep every 5 minutes', { field: 'minutes', minutesInterval: 5 }, [-280, 200]),
		settings({ configId: 1, batchLimit: 100 }, [-40, 100]),
		odoo('Get line changes from Odoo', 'order', 'getDetailsChanges', { maxOrders: SETTING('batchLimit'), options: {} }, [180, 100]),
		cartona(
			'Send line changes to Cartona',
			'order',
			'updateDetails',
			{ fieldsSource: 'mapping', options: { } },
			[420, 100],
			{ onError: 'continueRegularOutput' },
		),
		succeeded('Did Cartona accept the changes?', [560, 100]),
		odoo('Mark line changes synced in Odoo', 'order', 'markSynced', { kind: 'details', saleOrderId: `={{ ${SO}.sale_order_id }}`, succeeded: true, options: {} }, [680, 0]),
		odoo(
			'Record refused line changes in Odoo',
			'order',
			'markSynced',
			{ kind: 'details', saleOrderId: `={{ ${SO}.sale_order_id }}`, succeeded: false, options: { errorMessage: '={{ $json.error }}' } },
			[680, 200],
		),
		stopWithError('Alert: Cartona refused line changes', "=Cartona refused the line changes of {{ $input.all().length }} order(s): {{ $input.all().map(i => i.json.hashed_id).join(', ') }}. First refusal: {{ ($('Send line changes to Cartona').all().find(i => i.json.error) || { json: {} }).json.error }}", [920, 200]),
		...outboxCleanup('order_details', [180, 420]),
	];
	return workflow(3, IDS.detailsPush, 'Cartona: order details push', nodes, [
		['When the ping router calls', 'Settings'],
		['Sweep every 5 minutes', 'Settings'],
		['Settings', 'Get line changes from Odoo'],
		['Get line changes from Odoo', 'Send line changes to Cartona'],
		['Send line changes to Cartona', 'Did Cartona accept the changes?'],
		['Did Cartona accept the changes?', 'Mark line changes synced in Odoo', 0],
		['Did Cartona accept the changes?', 'Record refused line changes in Odoo', 1],
		['Record refused line changes in Odoo', 'Alert: Cartona refused line changes'],
		...outboxCleanupEdges('order_details'),
	]);
}

/**
 * 4./5. Stock push and price push: real time on the ping (claim outbox -> snapshot of just
 * those products -> Cartona bulk update -> acknowledge) plus a scheduled full reconciliation.
 */
function productPush(kind) {
	const stock = kind === 'stock';
	const Kind = stock ? 'Stock' : 'Price';
	const what = stock ? 'stock' : 'prices';
	const claim = `Claim ${kind} changes from the outbox`;
	const snap = `Snapshot ${what} of the claimed products`;
	const push = `Push ${what} to Cartona`;
	const ack = 'Acknowledge outbox entries';
	const fullSnap = stock ? 'Snapshot stock of every mapped product' : 'Snapshot prices of every mapped product';
	const fullPrice = 'Snapshot prices of every mapped product';
	const merge = 'Join stock and price per product';
	const fullPush = stock ? 'Push stock and prices of every product' : 'Push prices of every product';
	const log = 'Write reconciliation to the sync log';
	const CLAIM = `$('${claim}').item.json`;
	const nodes = [
		sticky(
			setupNote(`Cartona: ${kind} push`, [
				CREDENTIAL_STEPS.cartona,
				CREDENTIAL_STEPS.odoo,
				'In **Settings** set `configId`, `claimLimit` (outbox entries per run) and `pageSize` (products per Odoo call in the full reconciliation). Warehouses are the ones on the Odoo marketplace config.',
				'Activate this workflow, then **Cartona: Odoo ping router**: Odoo pings the router seconds after a change and it calls this workflow (real-time path).',
				`The full reconciliation runs on **${stock ? 'Full reconciliation every hour' : 'Price reconciliation every day'}**; change the schedule there, or run it by hand (**Run full reconciliation by hand**).`,
				ERROR_WIRING,
			]) +
				(stock
					? '\nReal time: only the products whose stock changed (claimed from the Odoo outbox) are read and sent, then their entries are acknowledged; a product Cartona refuses goes back to pending with the error. The hourly reconciliation sends stock **and** price of every mapped product in one Cartona item each (100 per request), so nothing drifts.'
					: '\nReal time: only the products whose price changed (claimed from the Odoo outbox) are read and sent, then their entries are acknowledged. The daily reconciliation re-sends every mapped price; the stock push reconciliation already sends prices too, so keep this one daily.'),
			[-600, -460],
			500,
			560,
		),
		calledByRouter([-300, 0]),
		schedule(stock ? 'Full reconciliation every hour' : 'Price reconciliation every day', stock ? { field: 'hours', hoursInterval: 1 } : { field: 'days', daysInterval: 1, triggerAtHour: 3 }, [-300, 200]),
		manual('Run full reconciliation by hand', [-300, 400]),
		settings({ configId: 1, claimLimit: 500, pageSize: 5000 }, [-60, 200], { includeOtherFields: true }),
		ifNode('Real-time ping?', [['={{ $json.event }}', 'string', 'equals', 'outbox']], [160, 200]),
		odoo(claim, 'outbox', 'claim', { kinds: [kind], maxEntries: SETTING('claimLimit'), leaseSeconds: 120 }, [400, 0], { executeOnce: true }),
		odoo(snap, kind, 'getSnapshot', { products: 'fromInput', productIdField: 'product_id', options: {} }, [640, 0]),
		cartona(push, 'product', 'bulkUpdate', { fieldsSource: 'mapping', options: { batchSize: 100 } }, [880, 0], {
			onError: 'continueRegularOutput',
		}),
		odoo(
			ack,
			'outbox',
			'acknowledge',
			{
				entryId: `={{ ${CLAIM}.entry_id }}`,
				succeeded: '={{ $json.ok !== false }}',
				options: { errorMessage: "={{ $json.error || '' }}" },
			},
			[1120, 0],
		),
		// A product that changed again while its entry was leased comes back "pending" from the
		// acknowledgement, and Odoo's ping for it found the entry leased: claim again now.
		node(
			'Changed again meanwhile?',
			'n8n-nodes-base.filter',
			2.2,
			{ conditions: conditions([['={{ $json.status }}', 'string', 'equals', 'pending']]), looseTypeValidation: true, options: {} },
			[1340, 0],
		),
		odoo(fullSnap, kind, 'getSnapshot', { products: 'allMapped', options: { pageSize: SETTING('pageSize') } }, [400, 300]),
	];
	const edges = [
		['When the ping router calls', 'Settings'],
		[stock ? 'Full reconciliation every hour' : 'Price reconciliation every day', 'Settings'],
		['Run full reconciliation by hand', 'Settings'],
		['Settings', 'Real-time ping?'],
		['Real-time ping?', claim, 0],
		['Real-time ping?', fullSnap, 1],
		[claim, snap],
		[snap, push],
		[push, ack],
		[ack, 'Changed again meanwhile?'],
		['Changed again meanwhile?', claim],
	];
	if (stock) {
		// Both snapshots read every mapped product (once: Execute Once); one expression joins them
		// by product id (a Merge by fields took 7 s on 10,000 items, this about 0.2 s). A product
		// without a price in the second list is sent with its stock only.
		nodes.push(
			odoo(fullPrice, 'price', 'getSnapshot', { products: 'allMapped', options: { pageSize: SETTING('pageSize') } }, [620, 300], { executeOnce: true }),
			node(
				merge,
				'n8n-nodes-base.set',
				3.4,
				{
					mode: 'manual',
					assignments: {
						assignments: [
							{
								id: 'join-1',
								name: 'products',
								value: `={{ (prices => $('${fullSnap}').all().map(s => ({ internal_product_id: s.json.internal_product_id, available_stock_quantity: s.json.available_stock_quantity, in_stock: s.json.in_stock, selling_price: prices[s.json.product_id] })))(Object.fromEntries($input.all().map(p => [p.json.product_id, p.json.selling_price]))) }}`,
								type: 'array',
							},
						],
					},
					includeOtherFields: false,
					options: {},
				},
				[840, 300],
				{ executeOnce: true },
			),
			node('One item per product', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'products', include: 'noOtherFields', options: {} }, [1040, 300]),
		);
		edges.push([fullSnap, fullPrice], [fullPrice, merge], [merge, 'One item per product']);
	}
	nodes.push(
		cartona(fullPush, 'product', 'bulkUpdate', { fieldsSource: 'mapping', options: { batchSize: 100 } }, stock ? [1240, 300] : [880, 300]),
		odoo(
			log,
			'syncLog',
			'write',
			{
				kind: stock ? 'stock' : 'price',
				direction: 'outbound',
				state: 'ok',
				message: `=Full reconciliation: {{ $('${fullPush}').all().length }} product(s) sent to Cartona`,
				options: { countOk: `={{ $('${fullPush}').all().length }}` },
			},
			stock ? [1460, 300] : [1120, 300],
			{ executeOnce: true },
		),
	);
	edges.push([stock ? 'One item per product' : fullSnap, fullPush], [fullPush, log]);
	// Merge input 2 (prices) connects to index 1.
	const wf = workflow(stock ? 4 : 5, stock ? IDS.stockPush : IDS.pricePush, `Cartona: ${kind} push`, nodes, edges);
	return wf;
}

/** 6. Partner and product matching / catalogue migration (by hand, dry run first). */
function matching() {
	const nodes = [
		sticky(
			setupNote('Cartona: partner and product matching (catalogue migration)', [
				CREDENTIAL_STEPS.cartona,
				CREDENTIAL_STEPS.odoo,
				'In **Settings** set `configId`, keep `dryRun` = true, and set `retailerWindowDays` (how far back to read orders for retailers).',
				'Click **Run by hand**. Read the dry-run report: **Product matches by outcome** and **Retailer matches by outcome** (would_set / unchanged / conflict / unknown). Fix conflicts and unknowns in Odoo (internal reference = Cartona internal_product_id, or barcode; partner phone).',
				'Set `dryRun` = false and run again: the `cartona_id`s are written.',
				ERROR_WIRING,
			]) +
				"\nProducts: Cartona's product and base-product lists give each product's `internal_product_id`; the Odoo variant is found by that internal reference and gets it as `cartona_id`. Retailers: orders of the window give `retailer_<code>`; the Odoo partner is found by phone.",
			[-600, -460],
			520,
			560,
		),
		manual('Run by hand', [-300, 100]),
		settings({ configId: 1, dryRun: true, retailerWindowDays: 90 }, [-60, 100]),
		cartona('Read Cartona products', 'product', 'getAll', { returnAll: true, options: { } }, [180, -100]),
		cartona('Read Cartona base products', 'baseProduct', 'getAll', { returnAll: true, options: { } }, [180, 100]),
		node(
			'Product mapping rows',
			'n8n-nodes-base.set',
			3.4,
			{
				mode: 'manual',
				assignments: {
					assignments: [
						{ id: 'm1', name: 'cartona_id', value: '={{ $json.internal_product_id }}', type: 'string' },
						{ id: 'm2', name: 'default_code', value: '={{ $json.internal_product_id }}', type: 'string' },
					],
				},
				includeOtherFields: false,
				options: {},
			},
			[420, 0],
		),
		node('One row per Cartona product', 'n8n-nodes-base.removeDuplicates', 2, { operation: 'removeDuplicateInputItems', compare: 'selectedFields', fieldsToCompare: 'cartona_id', options: {} }, [640, 0]),
		odoo('Match products in Odoo (dry run first)', 'product', 'setCartonaIds', { dryRun: SETTING('dryRun'), options: { batchSize: 500 } }, [860, 0], { onError: 'continueRegularOutput' }),
		node(
			'Product matches by outcome',
			'n8n-nodes-base.summarize',
			1.1,
			{ fieldsToSplitBy: 'status', fieldsToSummarize: { values: [{ field: 'cartona_id', aggregation: 'concatenate', separateBy: 'other', customSeparator: ', ' }] }, options: {} },
			[1080, 0],
		),
		cartona(
			'Read orders of the window for retailers',
			'order',
			'getAll',
			{
				returnAll: true,
				filters: { from: `={{ $now.minus({ days: $('Settings').first().json.retailerWindowDays }).toISO() }}` },
				options: { },
			},
			[180, 320],
		),
		node(
			'Retailer mapping rows',
			'n8n-nodes-base.set',
			3.4,
			{
				mode: 'manual',
				assignments: {
					assignments: [
						{ id: 'r1', name: 'cartona_id', value: "={{ $json.retailer.retailer_code ? 'retailer_' + $json.retailer.retailer_code : '' }}", type: 'string' },
						{ id: 'r2', name: 'phone', value: '={{ $json.retailer.retailer_number }}', type: 'string' },
					],
				},
				includeOtherFields: false,
				options: {},
			},
			[420, 320],
		),
		node(
			'Only retailers with a code',
			'n8n-nodes-base.filter',
			2.2,
			{ conditions: conditions([['={{ $json.cartona_id }}', 'string', 'notEmpty']]), looseTypeValidation: true, options: {} },
			[640, 320],
		),
		node('One row per retailer', 'n8n-nodes-base.removeDuplicates', 2, { operation: 'removeDuplicateInputItems', compare: 'selectedFields', fieldsToCompare: 'cartona_id', options: {} }, [860, 320]),
		odoo('Match retailers to Odoo partners (dry run first)', 'partner', 'setCartonaIds', { dryRun: SETTING('dryRun'), options: { batchSize: 500 } }, [1080, 320], {
			onError: 'continueRegularOutput',
		}),
		node(
			'Retailer matches by outcome',
			'n8n-nodes-base.summarize',
			1.1,
			{ fieldsToSplitBy: 'status', fieldsToSummarize: { values: [{ field: 'cartona_id', aggregation: 'concatenate', separateBy: 'other', customSeparator: ', ' }] }, options: {} },
			[1300, 320],
		),
	];
	return workflow(6, IDS.matching, 'Cartona: partner and product matching', nodes, [
		['Run by hand', 'Settings'],
		['Settings', 'Read Cartona products'],
		['Settings', 'Read Cartona base products'],
		['Settings', 'Read orders of the window for retailers'],
		['Read Cartona products', 'Product mapping rows'],
		['Read Cartona base products', 'Product mapping rows'],
		['Product mapping rows', 'One row per Cartona product'],
		['One row per Cartona product', 'Match products in Odoo (dry run first)'],
		['Match products in Odoo (dry run first)', 'Product matches by outcome'],
		['Read orders of the window for retailers', 'Retailer mapping rows'],
		['Retailer mapping rows', 'Only retailers with a code'],
		['Only retailers with a code', 'One row per retailer'],
		['One row per retailer', 'Match retailers to Odoo partners (dry run first)'],
		['Match retailers to Odoo partners (dry run first)', 'Retailer matches by outcome'],
	]);
}

/** 7. Order reconciliation: re-pull a window and replay Cartona's states. */
function reconcile() {
	const nodes = [
		sticky(
			setupNote('Cartona: order reconciliation', [
				CREDENTIAL_STEPS.cartona,
				CREDENTIAL_STEPS.odoo,
				'In **Settings** set `configId` and `windowHours` (how far back to re-pull; default 48).',
				'The schedule is in **Every 6 hours**; or **Run by hand** after an outage.',
				ERROR_WIRING,
			]) +
				"\nRe-pulls every order Cartona reports for the window, imports any that are missing (idempotent), replays Cartona's states into Odoo (cancelled by the retailer, delivered, returned) and acknowledges them, so nothing drifts when a pull was missed. Orders Odoo holds back (`held`: Auto Sync Orders is off) are neither replayed nor acknowledged.",
			[-600, -420],
			480,
			480,
		),
		schedule('Every 6 hours', { field: 'hours', hoursInterval: 6 }, [-300, 0]),
		manual('Run by hand', [-300, 200]),
		settings({ configId: 1, windowHours: 48 }, [-60, 100]),
		cartona(
			'Re-pull orders of the window',
			'order',
			'getAll',
			{
				returnAll: true,
				filters: { from: `={{ $now.minus({ hours: $('Settings').first().json.windowHours }).toISO() }}`, to: '={{ $now.toISO() }}' },
				options: { },
			},
			[180, 100],
		),
		odoo('Import missing orders into Odoo', 'order', 'import', { options: {} }, [420, 100], { onError: 'continueRegularOutput' }),
		importOutcome('What did Odoo do with the re-pulled order?', [600, 100]),
		pulledOrderAgain('The re-pulled order again', 'Re-pull orders of the window', [780, 0]),
		odoo('Replay Cartona states in Odoo', 'order', 'applyStatus', { options: {} }, [960, 0], { onError: 'continueRegularOutput' }),
		succeeded('Did Odoo take it?', [1160, 0]),
		cartona(
			'Acknowledge reconciled orders',
			'order',
			'updateStatus',
			{ fieldsSource: 'mapping', hashedId: "={{ $('Re-pull orders of the window').item.json.hashed_id }}", status: 'synced', options: { } },
			[1380, -100],
		),
		odoo(
			'Write reconciliation to the sync log',
			'syncLog',
			'write',
			{
				kind: 'order',
				direction: 'inbound',
				state: 'ok',
				message: "=Reconciliation: {{ $('Re-pull orders of the window').all().length }} order(s) re-pulled, states replayed",
				options: { countOk: "={{ $('Acknowledge reconciled orders').all().length }}" },
			},
			[1600, -100],
			{ executeOnce: true },
		),
		stopWithError('Stop: orders Odoo could not take', "=Reconciliation: {{ $input.all().length }} order(s) could not be imported or updated in Odoo. First: {{ $json.hashed_id || '' }} {{ $json.error }}", [1380, 220]),
	];
	return workflow(7, IDS.reconcile, 'Cartona: order reconciliation', nodes, [
		['Every 6 hours', 'Settings'],
		['Run by hand', 'Settings'],
		['Settings', 'Re-pull orders of the window'],
		['Re-pull orders of the window', 'Import missing orders into Odoo'],
		['Import missing orders into Odoo', 'What did Odoo do with the re-pulled order?'],
		['What did Odoo do with the re-pulled order?', 'The re-pulled order again', 0],
		['What did Odoo do with the re-pulled order?', 'Stop: orders Odoo could not take', 2],
		['The re-pulled order again', 'Replay Cartona states in Odoo'],
		['Replay Cartona states in Odoo', 'Did Odoo take it?'],
		['Did Odoo take it?', 'Acknowledge reconciled orders', 0],
		['Did Odoo take it?', 'Stop: orders Odoo could not take', 1],
		['Acknowledge reconciled orders', 'Write reconciliation to the sync log'],
	]);
}

/** 8. Error notification: Error Trigger -> Slack + email, never a secret. */
function errorNotification() {
	const E = '($json.execution || {})';
	const ERR = `(${E}.error || {})`;
	// Redacts anything that looks like a credential before the text leaves n8n.
	const redact = (expr) =>
		`String(${expr})` +
		// "Bearer <token>" / "Basic <token>" first, then key=value / key: value pairs, then any long token-like run.
		`.replace(/\\b(bearer|basic)\\s+[A-Za-z0-9._~+\\/=-]+/gi, '$1 [redacted]')` +
		`.replace(/(authorizationtoken|authorization|x-cartona-signature|api[_-]?key|password|passwd|secret|token|retailer_otp|otp)(["']?\\s*[:=]\\s*["']?)(?!\\[redacted\\])(?:(?:bearer|basic)\\s+)?[^\\s"',;}]+/gi, '$1$2[redacted]')` +
		`.replace(/(?=[A-Za-z0-9_-]*[0-9])(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{20,}/g, '[redacted]')` +
		`.slice(0, 1500)`;
	const fields = [
		['workflow', `={{ ($json.workflow || {}).name || 'unknown workflow' }}`],
		['workflowId', `={{ ($json.workflow || {}).id || '' }}`],
		['executionId', `={{ ${E}.id || '' }}`],
		['executionUrl', `={{ ${E}.url || '' }}`],
		['node', `={{ ${E}.lastNodeExecuted || (${ERR}.node || {}).name || 'unknown node' }}`],
		['item', `={{ (${ERR}.context || {}).itemIndex !== undefined ? 'item ' + (${ERR}.context || {}).itemIndex : 'n/a' }}`],
		['error', `={{ ${redact(`(${ERR}.message || 'unknown error') + (${ERR}.description ? ' (' + ${ERR}.description + ')' : '')`)} }}`],
	];
	const compose = node(
		'Compose the alert (no secrets)',
		'n8n-nodes-base.set',
		3.4,
		{
			mode: 'manual',
			assignments: {
				assignments: [
					...fields.map(([name, value], i) => ({ id: `f${i + 1}`, name, value, type: 'string' })),
					{
						id: 'f-subject',
						name: 'subject',
						value: "=[Cartona] {{ ($json.workflow || {}).name || 'A workflow' }} failed at {{ " + `${E}.lastNodeExecuted || 'unknown node'` + ' }}',
						type: 'string',
					},
				],
			},
			includeOtherFields: false,
			options: {},
		},
		[440, 100],
	);
	const text =
		'=Cartona integration alert\nWorkflow: {{ $json.workflow }} ({{ $json.workflowId }})\nNode: {{ $json.node }}\nItem: {{ $json.item }}\nError: {{ $json.error }}\nExecution: {{ $json.executionId }} {{ $json.executionUrl }}';
	const nodes = [
		sticky(
			setupNote('Cartona: error notification', [
				'Create the **Slack account** credential (Slack API, a bot token with chat:write) and invite the bot to the channel.',
				'Create the **SMTP account** credential (your mail server).',
				'In **Settings** set `slackChannel`, `emailTo` and `emailFrom`.',
				'Activate (publish) this workflow: n8n 2.x runs an error workflow only when it is published. Every other Cartona template names it as its error workflow: settings.errorWorkflow = `cartonaErrorNtfy`, the id this file carries. `n8n import:workflow` keeps the id; after importing through the editor, open each Cartona workflow > Settings > Error workflow and pick "Cartona: Error notification".',
			]) +
				'\nThe alert names the workflow, the node, the item and the error, with a link to the execution. Anything that looks like a token, password, key, OTP or signature is replaced by [redacted] and no payload is included. Slack and email are independent: one failing does not stop the other.',
			[-560, -400],
			480,
			500,
		),
		node('On any Cartona workflow error', 'n8n-nodes-base.errorTrigger', 1, {}, [-260, 100]),
		settings({ slackChannel: '#cartona-alerts', emailTo: 'alerts@example.com', emailFrom: 'n8n@example.com' }, [-20, 100], { includeOtherFields: true }),
		compose,
		node(
			'Email the alert',
			'n8n-nodes-base.emailSend',
			2.1,
			{ fromEmail: SETTING('emailFrom'), toEmail: SETTING('emailTo'), subject: '={{ $json.subject }}', emailFormat: 'text', text, options: { appendAttribution: false } },
			[700, 0],
			{ credentials: { smtp: { id: '', name: 'SMTP account' } }, onError: 'continueRegularOutput' },
		),
		node(
			'Post the alert to Slack',
			'n8n-nodes-base.slack',
			2.3,
			{
				select: 'channel',
				channelId: { __rl: true, value: SETTING('slackChannel'), mode: 'name' },
				text,
				otherOptions: { includeLinkToWorkflow: false },
			},
			[700, 200],
			{ credentials: { slackApi: { id: '', name: 'Slack account' } }, onError: 'continueRegularOutput' },
		),
	];
	return workflow(
		8,
		IDS.error,
		'Cartona: error notification',
		nodes,
		[
			['On any Cartona workflow error', 'Settings'],
			['Settings', 'Compose the alert (no secrets)'],
			['Compose the alert (no secrets)', 'Email the alert'],
			['Compose the alert (no secrets)', 'Post the alert to Slack'],
		],
		{ errorWorkflow: false },
	);
}

/** The webhook trigger of the signed Odoo calls (ping / connection test). */
function odooTrigger(name, event, at, extra = {}) {
	return node(name, 'n8n-nodes-cartona.odooCartonaTrigger', VERSION.odooCartonaTrigger, { event, ...extra }, at, { credentials: ODOO, webhookId: event === 'outbox' ? '5a1c0000-0000-4000-8000-00000000f001' : '5a1c0000-0000-4000-8000-00000000f002' });
}

/** 9. Connection test: the webhook the addon's Test Connection button calls. */
function connectionTest() {
	// The trigger answers with the JSON of the last node (Respond: When Last Node Finishes); exactly
	// one of the two answer nodes runs.
	const answer = (name, fields, at) =>
		node(
			name,
			'n8n-nodes-base.set',
			3.4,
			{
				mode: 'manual',
				assignments: {
					assignments: Object.entries(fields).map(([key, [type, value]], i) => ({ id: `answer-${i + 1}`, name: key, value, type })),
				},
				includeOtherFields: false,
				options: {},
			},
			at,
		);
	const nodes = [
		sticky(
			setupNote('Cartona: connection test', [
				CREDENTIAL_STEPS.cartona,
				CREDENTIAL_STEPS.odoo + ' Only the webhook secret is used here.',
				'In **Settings** set `answerTimeoutSeconds` (how long Cartona may take before the answer is "unreachable"; Odoo waits for this call).',
				'Activate this workflow. In Odoo, set the marketplace config API endpoint to this n8n base URL and click **Test Connection**: Odoo signs the call, this workflow checks the Cartona token and answers `{ok, cartona, message}`.',
				ERROR_WIRING,
			]) + '\nAn unsigned or forged call is refused (401) by the trigger before anything runs.',
			[-560, -400],
			480,
			460,
		),
		odooTrigger('When Odoo tests the connection', 'connectionTest', [-260, 100], { responseMode: 'lastNode' }),
		settings({ answerTimeoutSeconds: 5 }, [-20, 100]),
		cartona('Check the Cartona token', 'product', 'getAll', { returnAll: false, limit: 1, options: { maxRetries: 1, maxRetryWaitSeconds: SETTING('answerTimeoutSeconds') } }, [200, 100], {
			onError: 'continueRegularOutput',
		}),
		succeeded('Did Cartona accept the token?', [330, 100]),
		answer('Answer Odoo: connected', { ok: ['boolean', true], cartona: ['string', 'ok'], message: ['string', 'Cartona accepted the token'] }, [460, 0]),
		answer(
			'Answer Odoo: Cartona refused or unreachable',
			{
				ok: ['boolean', false],
				cartona: ['string', '={{ [400, 401, 403].includes(Number($json.statusCode)) ? "rejected" : "unreachable" }}'],
				message: [
					'string',
					'={{ [400, 401, 403].includes(Number($json.statusCode)) ? "Cartona rejected the token (HTTP " + $json.statusCode + ")" : "Cartona could not be reached: " + String($json.error || "no answer").slice(0, 200) }}',
				],
			},
			[460, 200],
		),
	];
	return workflow(9, IDS.connTest, 'Cartona: connection test', nodes, [
		['When Odoo tests the connection', 'Settings'],
		['Settings', 'Check the Cartona token'],
		['Check the Cartona token', 'Did Cartona accept the token?'],
		['Did Cartona accept the token?', 'Answer Odoo: connected', 0],
		['Did Cartona accept the token?', 'Answer Odoo: Cartona refused or unreachable', 1],
	]);
}

/** 10. The Odoo ping router: one webhook for every ping, calls the push templates. */
function pingRouter() {
	const run = (name, id, at) =>
		node(
			name,
			'n8n-nodes-base.executeWorkflow',
			1.2,
			{ source: 'database', workflowId: { __rl: true, value: id, mode: 'id' }, mode: 'once', options: { waitForSubWorkflow: false } },
			at,
		);
	const rule = (kind, output) => ({
		conditions: conditions([[`={{ ($json.kinds || []).includes('${kind}') || ($json.kinds || []).length === 0 }}`, 'boolean', 'true']]),
		renameOutput: true,
		outputKey: output,
	});
	const nodes = [
		sticky(
			setupNote('Cartona: Odoo ping router', [
				CREDENTIAL_STEPS.odoo + ' The webhook secret must equal the Auth Token on the Odoo marketplace config.',
				'In **Settings** set `configId` (pings of other configs are ignored).',
				'In Odoo set the marketplace config API endpoint to this n8n base URL (Odoo posts to /webhook/cartona-odoo-ping).',
				'Activate the push templates (stock, price, order status, order details) first: n8n publishes a workflow only when the workflows it calls are published. Then activate this one. Their ids (`cartonaStockPush`, `cartonaPricePush`, `cartonaStatusPsh`, `cartonaDetailPsh`) are kept by `n8n import:workflow`; after importing through the editor, re-select each workflow in the four **Run ...** nodes.',
				ERROR_WIRING,
			]) +
				'\nOdoo pings one URL with the kinds of pending changes; n8n allows one workflow per webhook path, so this router owns it and starts the matching push workflows without waiting. A ping with a missing or wrong signature, an old timestamp or a replayed nonce is refused (401) by the trigger.',
			[-560, -460],
			480,
			560,
		),
		odooTrigger('When Odoo pings', 'outbox', [-260, 100]),
		settings({ configId: 1 }, [-20, 100], { includeOtherFields: true }),
		node(
			'Only pings for this config',
			'n8n-nodes-base.filter',
			2.2,
			{ conditions: conditions([['={{ Number($json.config_id) }}', 'number', 'equals', SETTING('configId')]]), looseTypeValidation: true, options: {} },
			[200, 100],
		),
		node(
			'Route by change kind',
			'n8n-nodes-base.switch',
			3.2,
			{
				rules: { values: [rule('stock', 'stock'), rule('price', 'price'), rule('order_status', 'order status'), rule('order_details', 'order details')] },
				looseTypeValidation: true,
				options: { allMatchingOutputs: true },
			},
			[420, 100],
		),
		run('Run stock push', IDS.stockPush, [680, -80]),
		run('Run price push', IDS.pricePush, [680, 60]),
		run('Run order status push', IDS.statusPush, [680, 200]),
		run('Run order details push', IDS.detailsPush, [680, 340]),
	];
	return workflow(10, IDS.pingRouter, 'Cartona: Odoo ping router', nodes, [
		['When Odoo pings', 'Settings'],
		['Settings', 'Only pings for this config'],
		['Only pings for this config', 'Route by change kind'],
		['Route by change kind', 'Run stock push', 0],
		['Route by change kind', 'Run price push', 1],
		['Route by change kind', 'Run order status push', 2],
		['Route by change kind', 'Run order details push', 3],
	]);
}

const FILES = {
	'order-pull.json': orderPull,
	'order-status-push.json': statusPush,
	'order-details-push.json': detailsPush,
	'stock-push.json': () => productPush('stock'),
	'price-push.json': () => productPush('price'),
	'matching.json': matching,
	'order-reconciliation.json': reconcile,
	'error-notification.json': errorNotification,
	'connection-test.json': connectionTest,
	'odoo-ping-router.json': pingRouter,
};

if (require.main === module) {
	for (const [file, build] of Object.entries(FILES)) {
		fs.writeFileSync(path.join(OUT, file), JSON.stringify(build(), null, '\t') + '\n');
		console.log('wrote workflows/' + file);
	}
}

module.exports = { IDS, ERROR_WORKFLOW_ID, FILES };
