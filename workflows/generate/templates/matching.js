'use strict';
const { IDS, SETTING, ERROR_WIRING, CREDENTIAL_STEPS, setupNote } = require('../shared/constants');
const { node, setFields, settings, sticky, cartona, odoo, manual, conditions, workflow } = require('../shared/nodes');

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
		setFields(
			'Product mapping rows',
			[
				['cartona_id', '={{ $json.internal_product_id }}'],
				['default_code', '={{ $json.internal_product_id }}'],
			],
			[420, 0],
			{ idPrefix: 'm' },
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
		setFields(
			'Retailer mapping rows',
			[
				['cartona_id', "={{ $json.retailer.retailer_code ? 'retailer_' + $json.retailer.retailer_code : '' }}"],
				['phone', '={{ $json.retailer.retailer_number }}'],
			],
			[420, 320],
			{ idPrefix: 'r' },
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

module.exports = { matching };
