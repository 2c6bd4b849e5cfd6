'use strict';
const { IDS, ERROR_WIRING, CREDENTIAL_STEPS, setupNote } = require('../shared/constants');
const { settings, sticky, cartona, odoo, schedule, manual, importOutcome, stopWithError, workflow } = require('../shared/nodes');

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
				'\nEvery page of new Cartona orders is imported (idempotent: an order already in Odoo comes out as `existing`; the import also applies Cartona\'s state, to new and existing orders), and only the orders Odoo holds are acknowledged `synced`. An order that failed to import is not acknowledged, so it comes back on the next pull; its error goes to the error notification. While **Auto Sync Orders** is off on the Odoo configuration, Odoo answers `held` for every order: nothing is imported or acknowledged (Cartona keeps the orders until it is on again), no alert is raised, and Odoo writes one warning per run in its sync log.',
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
		cartona(
			'Acknowledge imported orders as synced',
			'order',
			'updateStatus',
			{ fieldsSource: 'mapping', hashedId: '={{ $json.hashed_id }}', status: 'synced', options: { } },
			[820, 0],
			// `synced` is safe to repeat and the node retries it; an acknowledgement still failing
			// raises no alert (nothing for a person to do): the order comes back on the next pull.
			{ onError: 'continueRegularOutput' },
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
				options: { countOk: "={{ $('Acknowledge imported orders as synced').all().filter(i => i.json.ok !== false).length }}" },
			},
			[1040, 0],
			{ executeOnce: true },
		),
		stopWithError(
			'Stop: orders failed to import',
			"={{ $input.all().length }} order(s) not imported nor acknowledged. First: {{ $json.hashed_id || '' }} {{ $json.error }}",
			[660, 220],
		),
	];
	return workflow(1, IDS.orderPull, 'Cartona: order pull', nodes, [
		['Every minute', 'Settings'],
		['Run by hand', 'Settings'],
		['Settings', 'Pull new Cartona orders'],
		['Pull new Cartona orders', 'Import orders into Odoo'],
		['Import orders into Odoo', 'What did Odoo do with the order?'],
		['What did Odoo do with the order?', 'Acknowledge imported orders as synced', 0],
		['What did Odoo do with the order?', 'Stop: orders failed to import', 2],
		['Acknowledge imported orders as synced', 'Write pull summary to the sync log'],
	]);
}

module.exports = { orderPull };
