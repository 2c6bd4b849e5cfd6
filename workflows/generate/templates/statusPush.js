'use strict';
const { IDS, SETTING, ERROR_WIRING, CREDENTIAL_STEPS, setupNote } = require('../shared/constants');
const { settings, sticky, cartona, odoo, schedule, calledByRouter, ifNode, succeeded, stopWithError, describeRefusals, workflow } = require('../shared/nodes');
const { outboxCleanup, outboxCleanupEdges } = require('../shared/outboxCleanup');

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
				'\n`approved`, `assigned_to_salesman` and `cancelled_by_supplier` (with its reason) go in one bulk call. `delivered` goes through the single-order endpoint with the retailer OTP: when Cartona refuses it (wrong OTP), the order stays undelivered and pending in Odoo with the error, and an alert goes out through the error notification: check the retailer OTP in Odoo and confirm again.',
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
		describeRefusals('Describe the refused deliveries', 'Deliver order with the retailer OTP', [1260, 340]),
		stopWithError(
			'Alert: Cartona refused the delivery (wrong OTP?)',
			'=Cartona refused {{ $json.count }} delivery(ies) (OTP?): {{ $json.orders }}. First refusal: {{ $json.refusal }}',
			[1480, 340],
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
		['Record refused delivery in Odoo', 'Describe the refused deliveries'],
		['Describe the refused deliveries', 'Alert: Cartona refused the delivery (wrong OTP?)'],
		['Send status changes to Cartona', 'Mark status changes synced in Odoo'],
		...outboxCleanupEdges('order_status'),
	]);
}

module.exports = { statusPush };
