'use strict';
const { IDS, ERROR_WIRING, CREDENTIAL_STEPS, setupNote } = require('../shared/constants');
const { settings, setFields, sticky, cartona, odoo, schedule, manual, ifNode, importOutcome, stopWithError, workflow } = require('../shared/nodes');

const IMPORTED = "$('Import orders into Odoo').all()";
// Odoo's sentence per order it imported with a documented coercion
// ("Order 3 (hashed_id X) imported with warnings: ...")
const WARNED = ['warned', `={{ ${IMPORTED}.map(i => i.json.input_warning).filter(Boolean).join(' | ') }}`];

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
				'\nEvery page of new Cartona orders is imported (idempotent: an order already in Odoo comes out as `existing`; the import also applies Cartona\'s state, to new and existing orders), and only the orders Odoo holds are acknowledged `synced`. An order that failed to import is not acknowledged, so it comes back on the next pull; the error notification names every such order and its field (the first 20; the Odoo sync log has all). An order Odoo imported with a documented coercion (a date it could not read, a number sent as text, a text cut to its limit) is acknowledged, and the alert names the order and the field too. While **Auto Sync Orders** is off on the Odoo configuration, Odoo answers `held` for every order: nothing is imported or acknowledged (Cartona keeps the orders until it is on again), no alert is raised, and Odoo writes one warning per run in its sync log.',
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
		ifNode(
			'Only warnings to tell?',
			[
				[`={{ ${IMPORTED}.some(i => i.json.input_warning) }}`, 'boolean', 'true'],
				[`={{ ${IMPORTED}.every(i => i.json.ok === true) }}`, 'boolean', 'true'],
			],
			[1260, 0],
		),
		setFields('Describe the orders imported with warnings', [WARNED], [1480, -20], { idPrefix: 'warned-' }),
		stopWithError('Alert: orders imported with warnings', '=Check these orders in Odoo and in Cartona: {{ $json.warned }}', [1700, -20]),
		setFields(
			'Describe the refused orders',
			[
				['count', '={{ $input.all().length }}', 'number'],
				['refused', "={{ $input.all().slice(0, 20).map(i => i.json.error || i.json.hashed_id).join(' | ') }}"],
				WARNED,
			],
			[820, 220],
			{ idPrefix: 'refused-' },
		),
		stopWithError(
			'Stop: orders failed to import',
			'={{ $json.count }} order(s) not imported nor acknowledged: {{ $json.refused }} {{ $json.warned }}',
			[1040, 220],
		),
	];
	return workflow(1, IDS.orderPull, 'Cartona: order pull', nodes, [
		['Every minute', 'Settings'],
		['Run by hand', 'Settings'],
		['Settings', 'Pull new Cartona orders'],
		['Pull new Cartona orders', 'Import orders into Odoo'],
		['Import orders into Odoo', 'What did Odoo do with the order?'],
		['What did Odoo do with the order?', 'Acknowledge imported orders as synced', 0],
		['What did Odoo do with the order?', 'Describe the refused orders', 2],
		['Describe the refused orders', 'Stop: orders failed to import'],
		['Acknowledge imported orders as synced', 'Write pull summary to the sync log'],
		['Write pull summary to the sync log', 'Only warnings to tell?'],
		['Only warnings to tell?', 'Describe the orders imported with warnings', 0],
		['Describe the orders imported with warnings', 'Alert: orders imported with warnings'],
	]);
}

module.exports = { orderPull };
