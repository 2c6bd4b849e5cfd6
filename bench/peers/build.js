#!/usr/bin/env node
'use strict';
/**
 * Writes the bench peers (bench/peers/naive.json, batched.json, batched-body.json): what a supplier
 * would build from n8n's built-in nodes only, to push stock and price of every mapped Odoo product
 * to Cartona. Run `node bench/peers/build.js` after editing; the JSON files are committed.
 *
 * Both start from a Webhook (the bench calls it and waits for the last node), read the products
 * with the built-in Odoo node (product.product, cartona_id set) and post to Cartona's
 * supplier-product/bulk-update with the HTTP Request node and a header credential
 * ("Cartona token header": AuthorizationToken). The Cartona base URL sits in the Settings node;
 * the bench fills it in on import.
 */
const fs = require('node:fs');
const path = require('node:path');

const SETTINGS = (extra = []) => ({
	parameters: {
		mode: 'manual',
		assignments: {
			assignments: [
				{ id: 'cartona-base-url', name: 'cartonaBaseUrl', value: 'https://supplier-integrations.cartona.com/api/v1', type: 'string' },
				...extra,
			],
		},
		includeOtherFields: false,
		options: {},
	},
	name: 'Settings',
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
});

const webhook = (pathName) => ({
	parameters: { httpMethod: 'POST', path: pathName, responseMode: 'lastNode', responseData: 'noData', options: {} },
	name: 'Start bench run',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2.1,
	webhookId: `${pathName}-0000-4000-8000-000000000000`.slice(0, 36),
});

const readProducts = {
	parameters: {
		authentication: 'odooApi',
		resource: 'custom',
		customResource: { __rl: true, mode: 'id', value: 'product.product' },
		operation: 'getAll',
		returnAll: true,
		options: { fieldsList: 'cartona_id,free_qty,lst_price' },
		// Odoo's "like" wraps the value in %...%: "_" matches every non-empty cartona_id.
		filters: { filter: [{ fieldName: 'cartona_id', operator: 'like', value: '_' }] },
	},
	name: 'Read mapped products from Odoo',
	type: 'n8n-nodes-base.odoo',
	typeVersion: 2,
	credentials: { odooApi: { id: '', name: 'Odoo account' } },
};

const postToCartona = (name, jsonBody) => ({
	parameters: {
		method: 'POST',
		url: "={{ $('Settings').first().json.cartonaBaseUrl }}/supplier-product/bulk-update",
		authentication: 'genericCredentialType',
		genericAuthType: 'httpHeaderAuth',
		sendBody: true,
		specifyBody: 'json',
		jsonBody,
		options: {},
	},
	name,
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.5,
	credentials: { httpHeaderAuth: { id: '', name: 'Cartona token header' } },
});

const ITEM_EXPR =
	'{ internal_product_id: $json.cartona_id, available_stock_quantity: Math.max(0, Math.floor($json.free_qty)), in_stock: $json.free_qty > 0, selling_price: $json.lst_price }';

function place(nodes) {
	return nodes.map((n, i) => ({ ...n, id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`, position: [i * 220, 0] }));
}

function chain(nodes) {
	const c = {};
	for (let i = 0; i + 1 < nodes.length; i++) c[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return c;
}

function naive() {
	const nodes = place([
		webhook('bench-naive'),
		SETTINGS(),
		readProducts,
		postToCartona('Post one product to Cartona', `={{ JSON.stringify([${ITEM_EXPR}]) }}`),
	]);
	return { id: 'benchPeerNaive01', name: 'Bench peer (a): naive', nodes, connections: chain(nodes), settings: { executionOrder: 'v1' } };
}

function batched() {
	const shape = {
		parameters: {
			mode: 'manual',
			assignments: {
				assignments: [
					{ id: 'a1', name: 'internal_product_id', value: '={{ $json.cartona_id }}', type: 'string' },
					{ id: 'a2', name: 'available_stock_quantity', value: '={{ Math.max(0, Math.floor($json.free_qty)) }}', type: 'number' },
					{ id: 'a3', name: 'in_stock', value: '={{ $json.free_qty > 0 }}', type: 'boolean' },
					{ id: 'a4', name: 'selling_price', value: '={{ $json.lst_price }}', type: 'number' },
				],
			},
			includeOtherFields: false,
			options: {},
		},
		name: 'Shape Cartona items',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
	};
	const loop = {
		parameters: { batchSize: 100, options: {} },
		name: 'Loop over 100 products',
		type: 'n8n-nodes-base.splitInBatches',
		typeVersion: 3,
	};
	const gather = {
		parameters: { aggregate: 'aggregateAllItemData', destinationFieldName: 'products', options: {} },
		name: 'Gather the batch',
		type: 'n8n-nodes-base.aggregate',
		typeVersion: 1,
	};
	const post = postToCartona('Post batch to Cartona', '={{ JSON.stringify($json.products) }}');
	const done = { parameters: {}, name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1 };
	const nodes = place([webhook('bench-batched'), SETTINGS(), readProducts, shape, loop, gather, post, done]);
	const connections = chain(nodes.slice(0, 5));
	connections['Loop over 100 products'] = {
		main: [
			[{ node: 'Done', type: 'main', index: 0 }],
			[{ node: 'Gather the batch', type: 'main', index: 0 }],
		],
	};
	connections['Gather the batch'] = { main: [[{ node: 'Post batch to Cartona', type: 'main', index: 0 }]] };
	connections['Post batch to Cartona'] = { main: [[{ node: 'Loop over 100 products', type: 'main', index: 0 }]] };
	return { id: 'benchPeerBatch01', name: 'Bench peer (b): batched', nodes, connections, settings: { executionOrder: 'v1' } };
}

/**
 * Peer (b2), the strongest flow of built-in nodes: no Edit Fields per product and no Code node;
 * Loop Over Items hands 100 raw Odoo records to Aggregate, and the HTTP Request body maps the
 * batch with ONE expression per 100 products.
 */
function batchedBody() {
	const loop = {
		parameters: { batchSize: 100, options: {} },
		name: 'Loop over 100 products',
		type: 'n8n-nodes-base.splitInBatches',
		typeVersion: 3,
	};
	const gather = {
		parameters: { aggregate: 'aggregateAllItemData', destinationFieldName: 'products', options: {} },
		name: 'Gather the batch',
		type: 'n8n-nodes-base.aggregate',
		typeVersion: 1,
	};
	const post = postToCartona('Post batch to Cartona', `={{ JSON.stringify($json.products.map(p => (${ITEM_EXPR.replace(/\$json\./g, 'p.')}))) }}`);
	const done = { parameters: {}, name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1 };
	const nodes = place([webhook('bench-batched-body'), SETTINGS(), readProducts, loop, gather, post, done]);
	const connections = chain(nodes.slice(0, 4));
	connections['Loop over 100 products'] = {
		main: [
			[{ node: 'Done', type: 'main', index: 0 }],
			[{ node: 'Gather the batch', type: 'main', index: 0 }],
		],
	};
	connections['Gather the batch'] = { main: [[{ node: 'Post batch to Cartona', type: 'main', index: 0 }]] };
	connections['Post batch to Cartona'] = { main: [[{ node: 'Loop over 100 products', type: 'main', index: 0 }]] };
	return { id: 'benchPeerBatch02', name: 'Bench peer (b2): batched, body-shaped', nodes, connections, settings: { executionOrder: 'v1' } };
}

const FILES = { benchPeerNaive01: 'naive.json', benchPeerBatch01: 'batched.json', benchPeerBatch02: 'batched-body.json' };
for (const wf of [naive(), batched(), batchedBody()]) {
	const file = path.join(__dirname, FILES[wf.id]);
	fs.writeFileSync(file, JSON.stringify(wf, null, '\t') + '\n');
	console.log('wrote', path.relative(process.cwd(), file));
}
