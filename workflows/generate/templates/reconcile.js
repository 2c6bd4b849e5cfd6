'use strict';
const { IDS, ERROR_WIRING, CREDENTIAL_STEPS, setupNote } = require('../shared/constants');
const { settings, sticky, cartona, odoo, schedule, manual, importOutcome, stopWithError, workflow } = require('../shared/nodes');

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
				"\nRe-pulls every order Cartona reports for the window, imports any that are missing (idempotent); the import replays Cartona's states into Odoo for existing orders too (cancelled by the retailer, delivered, returned); then acknowledges them, so nothing drifts when a pull was missed. Orders Odoo holds back (`held`: Auto Sync Orders is off) are neither replayed nor acknowledged.",
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
		cartona(
			'Acknowledge reconciled orders',
			'order',
			'updateStatus',
			{ fieldsSource: 'mapping', hashedId: '={{ $json.hashed_id }}', status: 'synced', options: { } },
			[820, 0],
			// `synced` is safe to repeat and the node retries it; an acknowledgement still failing
			// raises no alert (nothing for a person to do): the order comes back on the next pull.
			{ onError: 'continueRegularOutput' },
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
				options: { countOk: "={{ $('Acknowledge reconciled orders').all().filter(i => i.json.ok !== false).length }}" },
			},
			[1040, 0],
			{ executeOnce: true },
		),
		stopWithError('Stop: orders Odoo could not take', "=Reconciliation: {{ $input.all().length }} order(s) failed in Odoo. First: {{ $json.hashed_id || '' }} {{ $json.error }}", [820, 220]),
	];
	return workflow(7, IDS.reconcile, 'Cartona: order reconciliation', nodes, [
		['Every 6 hours', 'Settings'],
		['Run by hand', 'Settings'],
		['Settings', 'Re-pull orders of the window'],
		['Re-pull orders of the window', 'Import missing orders into Odoo'],
		['Import missing orders into Odoo', 'What did Odoo do with the re-pulled order?'],
		['What did Odoo do with the re-pulled order?', 'Acknowledge reconciled orders', 0],
		['What did Odoo do with the re-pulled order?', 'Stop: orders Odoo could not take', 2],
		['Acknowledge reconciled orders', 'Write reconciliation to the sync log'],
	]);
}

module.exports = { reconcile };
