'use strict';
const { IDS, SETTING, ERROR_WIRING, CREDENTIAL_STEPS, setupNote } = require('../shared/constants');
const { settings, sticky, cartona, odoo, schedule, calledByRouter, succeeded, stopWithError, describeRefusals, workflow } = require('../shared/nodes');
const { outboxCleanup, outboxCleanupEdges } = require('../shared/outboxCleanup');

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
		describeRefusals('Describe the refused line changes', 'Send line changes to Cartona', [920, 200]),
		stopWithError('Alert: Cartona refused line changes', '=Cartona refused line changes of {{ $json.count }} order(s): {{ $json.orders }}. First: {{ $json.refusal }}', [1140, 200]),
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
		['Record refused line changes in Odoo', 'Describe the refused line changes'],
		['Describe the refused line changes', 'Alert: Cartona refused line changes'],
		...outboxCleanupEdges('order_details'),
	]);
}

module.exports = { detailsPush };
