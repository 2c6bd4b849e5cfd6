'use strict';
const { IDS, SETTING, ERROR_WIRING, CREDENTIAL_STEPS, setupNote } = require('../shared/constants');
const { node, settings, setFields, sticky, cartona, odoo, schedule, manual, calledByRouter, conditions, ifNode, stopWithError, workflow } = require('../shared/nodes');

/**
 * The push nodes' options. Concurrency 8, not the node's default of 4 (version 1 keeps its
 * defaults): bench/concurrency.bench.ts measured 10,000 products with 80 ms per answer in about half
 * the time of 4 (16 halves it again, but sends twice the burst at once to a Cartona that publishes
 * no limit). A 429 still pauses every request of the node.
 */
const PUSH_OPTIONS = { batchSize: 100, concurrency: 8 };

const RANGES = 'Page ranges of every mapped product';
const EACH = 'Each page';

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
	const fullSnap = stock ? 'Snapshot stock and prices of every mapped product' : 'Snapshot prices of every mapped product';
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
					? '\nReal time: only the products whose stock changed (claimed from the Odoo outbox) are read and sent, then their entries are acknowledged. The hourly reconciliation sends stock **and** price of every mapped product in one Cartona item each (100 per request), so nothing drifts.'
					: '\nReal time: only the products whose price changed (claimed from the Odoo outbox) are read and sent, then their entries are acknowledged. The daily reconciliation re-sends every mapped price; the stock push reconciliation already sends prices too, so keep this one daily.') +
				"\nA product Cartona refuses itself (reported in the bulk answer's `failed`) is not retried: Odoo shows it as **Refused by Cartona** with Cartona's reason, one alert goes out, the full reconciliation leaves it out (so it is not refused and alerted again every run), and it is sent again when the product changes or on **Sync Now**. A change Cartona could not be reached for stays pending and goes with the next ping or sweep.",
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
		cartona(push, 'product', 'bulkUpdate', { fieldsSource: 'mapping', options: PUSH_OPTIONS }, [880, 0], {
			onError: 'continueRegularOutput',
		}),
		odoo(
			ack,
			'outbox',
			'acknowledge',
			{
				entryId: `={{ ${CLAIM}.entry_id }}`,
				succeeded: '={{ $json.ok !== false }}',
				options: { errorMessage: "={{ $json.error || '' }}", refused: '={{ $json.refused === true }}' },
			},
			[1120, 0],
		),
		node(
			'Refused by Cartona?',
			'n8n-nodes-base.filter',
			2.2,
			{ conditions: conditions([['={{ $json.status }}', 'string', 'equals', 'refused']]), looseTypeValidation: true, options: {} },
			[1340, 200],
		),
		setFields(
			'Describe the refused products',
			[
				['count', '={{ $input.all().length }}', 'number'],
				['products', "={{ $input.all().map(i => i.json.cartona_id).join(', ') }}"],
				['reason', '={{ $json.reason }}'],
			],
			[1560, 200],
			{ idPrefix: 'refused-' },
		),
		stopWithError(
			`Alert: Cartona refused ${what} of products`,
			'=Cartona refused {{ $json.count }} product change(s), kept until they change: {{ $json.products }}. {{ $json.reason }}',
			[1780, 200],
		),
		// A product that changed again while its entry was leased comes back "pending" from the
		// acknowledgement, and Odoo's ping for it found the entry leased: claim again now. A
		// failed push that comes back "pending" waits for the next ping or sweep (claiming it
		// again at once would spend its attempts in seconds).
		node(
			'Changed again meanwhile?',
			'n8n-nodes-base.filter',
			2.2,
			{
				conditions: conditions([
					['={{ $json.status }}', 'string', 'equals', 'pending'],
					[`={{ $('${push}').item.json.ok !== false }}`, 'boolean', 'true'],
				]),
				looseTypeValidation: true,
				options: {},
			},
			[1340, 0],
		),
		// The full reconciliation pages the catalogue (issue 11): this workflow calls itself once per
		// page ('page' event), so each page's items live in a sub-execution that ends before the
		// next page is read and one execution's memory is bounded by Page Size, not the catalogue.
		// The pages are id ranges (keyset), all read first in one id-only Odoo call (Page Ranges
		// Only), so the loop knows every next page without the page's answer: a page that fails (a
		// new refusal) does not end the run, and a product recorded refused by one page moves no
		// later page (an offset would, and skip products). The stock snapshot joins each product's
		// price in the node (Include Price): one Cartona item carries stock and price.
		ifNode('One page of the reconciliation?', [['={{ $json.event }}', 'string', 'equals', 'page']], [400, 400]),
		odoo(RANGES, kind, 'getSnapshot', { products: 'allMapped', options: { pageSize: SETTING('pageSize'), pageRanges: true } }, [640, 600]),
		node(EACH, 'n8n-nodes-base.splitInBatches', 3, { batchSize: 1, options: {} }, [880, 600]),
		setFields('Next page', [['event', 'page']], [1120, 750], { includeOtherFields: true, idPrefix: 'page-' }),
		node(
			'Reconcile one page',
			'n8n-nodes-base.executeWorkflow',
			1.2,
			{ source: 'database', workflowId: { __rl: true, value: stock ? IDS.stockPush : IDS.pricePush, mode: 'id' }, mode: 'once', options: { waitForSubWorkflow: true } },
			[1340, 750],
			// A page that fails (a new refusal, Cartona or Odoo out of reach) has already sent its own
			// alert through the error workflow: its error output goes on to the next page instead of
			// failing this execution too, which was a second alert for the same failure (seen in e2e:
			// 2 failed executions per refusal).
			{ onError: 'continueErrorOutput' },
		),
		setFields(
			'Count the pages',
			[
				['sent', '={{ $input.all().reduce((n, i) => n + (i.json.sent ?? 0), 0) }}', 'number'],
				['failed', '={{ $input.all().filter((i) => i.json.error !== undefined).length }}', 'number'],
				['note', "={{ (n => n ? `, ${n} page(s) failed` : '')($input.all().filter((i) => i.json.error).length) }}"],
			],
			[1120, 600],
			{ idPrefix: 'pages-' },
		),
		odoo(
			fullSnap,
			kind,
			'getSnapshot',
			{
				products: 'allMapped',
				options: { pageSize: SETTING('pageSize'), ...(stock ? { includePrice: true } : {}), afterId: '={{ $json.after }}', untilId: '={{ $json.until ?? 0 }}' },
			},
			[640, 300],
		),
	];
	const edges = [
		['When the ping router calls', 'Settings'],
		[stock ? 'Full reconciliation every hour' : 'Price reconciliation every day', 'Settings'],
		['Run full reconciliation by hand', 'Settings'],
		['Settings', 'Real-time ping?'],
		['Real-time ping?', claim, 0],
		['Real-time ping?', 'One page of the reconciliation?', 1],
		['One page of the reconciliation?', fullSnap, 0],
		['One page of the reconciliation?', RANGES, 1],
		[RANGES, EACH],
		[EACH, 'Count the pages', 0],
		[EACH, 'Next page', 1],
		['Next page', 'Reconcile one page'],
		['Reconcile one page', EACH, 0],
		['Reconcile one page', EACH, 1],
		['Count the pages', log],
		[claim, snap],
		[snap, push],
		[push, ack],
		[ack, 'Changed again meanwhile?'],
		['Changed again meanwhile?', claim],
		[ack, 'Refused by Cartona?'],
		['Refused by Cartona?', 'Describe the refused products'],
		['Describe the refused products', `Alert: Cartona refused ${what} of products`],
	];
	nodes.push(
		// Sent products leave on the success output, failed ones on the error output (On Error:
		// continue using error output): no IF over every product, which cost an expression per
		// product, about 3.2 s of each 5,000-product page (BENCH_TRACE=1 in the integration bench).
		cartona(fullPush, 'product', 'bulkUpdate', { fieldsSource: 'mapping', options: PUSH_OPTIONS }, [880, 300], {
			onError: 'continueErrorOutput',
		}),
		// What the page's sub-execution answers the caller: one small item.
		node(
			'Page done',
			'n8n-nodes-base.set',
			3.4,
			{
				mode: 'manual',
				assignments: {
					assignments: [
						['page', "={{ $('Settings').first().json.page }}", 'number'],
						['sent', '={{ $input.all().length }}', 'number'],
					].map(([name, value, type], i) => ({ id: `page-done-${i + 1}`, name, value, type })),
				},
				includeOtherFields: false,
				options: {},
			},
			[1340, 450],
			{ executeOnce: true },
		),
		odoo(
			log,
			'syncLog',
			'write',
			{
				kind: stock ? 'stock' : 'price',
				direction: 'outbound',
				state: 'ok',
				message: '=Full reconciliation: {{ $json.sent }} product(s) sent to Cartona{{ $json.note }}',
				options: { countOk: '={{ $json.sent }}' },
			},
			[1340, 600],
			{ executeOnce: true },
		),
	);
	// A product Cartona refuses for the first time in the reconciliation (never refused by the
	// real-time push: no outbox entry to acknowledge) is recorded in Odoo like a refused entry
	// (Record Refusals), so it is alerted once and left out of the next runs; a refusal Odoo
	// already shows (new: false) does not alert again. Any other error alerts as before. The
	// error branch sits above 'Page done' so it runs first (execution order v1) and 'Page done'
	// stays the page's answer to the caller.
	const refusedFull = `Alert: Cartona refused ${what} of products in the reconciliation`;
	nodes.push(
		// On the error output a failed product is { error, details } plus its snapshot fields.
		ifNode('Refused in the reconciliation?', [['={{ $json.details.refused === true }}', 'boolean', 'true']], [1340, 300]),
		odoo(
			'Record the reconciliation refusals',
			'product',
			'recordRefusals',
			{ cartonaId: '={{ $json.details.request.internal_product_id }}', reason: '={{ $json.error }}', kind, options: {} },
			[1560, 300],
		),
		node(
			'New refusal?',
			'n8n-nodes-base.filter',
			2.2,
			{ conditions: conditions([['={{ $json.new }}', 'boolean', 'true']]), looseTypeValidation: true, options: {} },
			[1780, 300],
		),
		setFields(
			'Describe the new refusals',
			[
				['count', '={{ $input.all().length }}', 'number'],
				['products', "={{ $input.all().map(i => i.json.cartona_id).join(', ') }}"],
				['reason', '={{ $json.reason }}'],
			],
			[2000, 300],
			{ idPrefix: 'new-refused-' },
		),
		stopWithError(
			refusedFull,
			'=Cartona refused {{ $json.count }} product(s), left out until they change: {{ $json.products }}. {{ $json.reason }}',
			[2220, 300],
		),
		stopWithError('Alert: the reconciliation could not send a product', '={{ $json.error }}', [1560, 450]),
	);
	edges.push(
		[fullSnap, fullPush],
		[fullPush, 'Page done', 0],
		[fullPush, 'Refused in the reconciliation?', 1],
		['Refused in the reconciliation?', 'Record the reconciliation refusals', 0],
		['Refused in the reconciliation?', 'Alert: the reconciliation could not send a product', 1],
		['Record the reconciliation refusals', 'New refusal?'],
		['New refusal?', 'Describe the new refusals'],
		['Describe the new refusals', refusedFull],
	);
	const wf = workflow(stock ? 4 : 5, stock ? IDS.stockPush : IDS.pricePush, `Cartona: ${kind} push`, nodes, edges);
	return wf;
}

module.exports = { productPush };
