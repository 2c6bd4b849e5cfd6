'use strict';
const { IDS, SETTING, ERROR_WIRING, CREDENTIAL_STEPS, setupNote } = require('../shared/constants');
const { settings, setFields, sticky, cartona, odoo, schedule, calledByRouter, ifNode, succeeded, stopWithError, describeRefusals, workflow } = require('../shared/nodes');
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
				'\n`approved`, `assigned_to_salesman` and `cancelled_by_supplier` (with its reason) go in one bulk call. `delivered` goes through the single-order endpoint with the retailer OTP: when Cartona refuses it (wrong OTP), the order stays undelivered in Odoo, its push is held with the error (not sent again by the sweep) and one alert goes out through the error notification: change the retailer OTP (or press Update Status) and it is sent again. A delivery Cartona could not confirm (server error, dropped connection) is logged and sent again by the next sweep.' +
				"\nn8n keeps no data of this workflow's executions (its items carry the retailer's OTP): what was sent and refused is in Odoo's sync log and on the sale order, and failures still reach the error notification." +
				"\nA status Cartona's status of the order does not allow (the retailer is editing it: `editing`; a final state) is not sent: Odoo holds it, shows why on the sale order and answers it once, so one alert goes out; Odoo sends it by itself once a pull brings a status that allows it.",
			[-560, -420],
			480,
			520,
		),
		calledByRouter([-280, 0]),
		schedule('Sweep every 5 minutes', { field: 'minutes', minutesInterval: 5 }, [-280, 200]),
		settings({ configId: 1, batchLimit: 100 }, [-40, 100]),
		odoo('Get status changes from Odoo', 'order', 'getStatusChanges', { maxOrders: SETTING('batchLimit'), options: {} }, [180, 100]),
		// Changes Cartona's status allows first (output 0 runs first): the alert for held ones
		// ends the run only after every other change went out.
		ifNode('Can Cartona take it now?', [['={{ $json.held !== true }}', 'boolean', 'true']], [290, 100]),
		setFields(
			'Describe the held status changes',
			[
				['count', '={{ $input.all().length }}', 'number'],
				['orders', "={{ $input.all().map(i => i.json.hashed_id).join(', ') }}"],
				['reason', '={{ $json.reason }}'],
			],
			[520, 480],
			{ idPrefix: 'held-' },
		),
		stopWithError(
			"Alert: status held until Cartona's status allows it",
			'=Odoo holds {{ $json.count }} status change(s) Cartona would refuse now: {{ $json.orders }}. {{ $json.reason }}',
			[740, 480],
		),
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
		// Cartona's refusal (4xx other than 429: wrong OTP, illegal move) is held in Odoo and
		// alerted once; a failure to reach or hear from Cartona is sent again by the sweep.
		ifNode(
			'Refused by Cartona?',
			[['={{ [400, 401, 403, 404, 409, 422].includes(Number($json.statusCode)) }}', 'boolean', 'true']],
			[900, 420],
		),
		odoo(
			'Log the unconfirmed deliveries',
			'syncLog',
			'write',
			{
				kind: 'order_status',
				direction: 'outbound',
				state: 'error',
				message: '=Delivery not confirmed by Cartona, sent again by the sweep: {{ $json.error }}',
				options: { recordRef: `={{ ${SO}.hashed_id }}` },
			},
			[1120, 520],
		),
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
		['Get status changes from Odoo', 'Can Cartona take it now?'],
		['Can Cartona take it now?', 'Not a delivery (bulk call)?', 0],
		['Can Cartona take it now?', 'Describe the held status changes', 1],
		['Describe the held status changes', "Alert: status held until Cartona's status allows it"],
		['Not a delivery (bulk call)?', 'Send status changes to Cartona', 0],
		['Not a delivery (bulk call)?', 'Deliver order with the retailer OTP', 1],
		['Deliver order with the retailer OTP', 'Did Cartona accept the delivery?'],
		['Did Cartona accept the delivery?', 'Mark delivery synced in Odoo', 0],
		['Did Cartona accept the delivery?', 'Refused by Cartona?', 1],
		['Refused by Cartona?', 'Record refused delivery in Odoo', 0],
		['Refused by Cartona?', 'Log the unconfirmed deliveries', 1],
		['Record refused delivery in Odoo', 'Describe the refused deliveries'],
		['Describe the refused deliveries', 'Alert: Cartona refused the delivery (wrong OTP?)'],
		['Send status changes to Cartona', 'Mark status changes synced in Odoo'],
		...outboxCleanupEdges('order_status'),
	], { keepData: false });
}

module.exports = { statusPush };
