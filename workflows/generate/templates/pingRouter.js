'use strict';
const { IDS, SETTING, ERROR_WIRING, CREDENTIAL_STEPS, setupNote } = require('../shared/constants');
const { node, settings, sticky, cartona, odoo, conditions, workflow, odooTrigger } = require('../shared/nodes');

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

module.exports = { pingRouter };
