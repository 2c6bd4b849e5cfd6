/**
 * Integration tier: every OdooCartona operation end to end against a real Odoo with the
 * marketplace_integration addon (see odooEnvironment.ts). Skips loudly when ODOO_TEST_ENV is unset.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { odooCartonaApiTest } from '../../nodes/OdooCartona/methods/credentialTest';
import { createMockCredentialTestFunctions } from '../unit/odoo/mockContexts';
import type { OdooTestEnvironment } from './odooEnvironment';
import { cartonaOrder, credentialsOf, loadOdooEnvironment, orm, runNode, storableProductValues } from './odooEnvironment';

const env = loadOdooEnvironment();
if (!env) {
	console.warn('SKIPPED: OdooCartona integration tier: ODOO_TEST_ENV is not set (run scripts/odoo/run-tests.sh)');
}
const describeOdoo = env ? describe : describe.skip;
jest.setTimeout(120_000);

const json = (output: Array<{ json: IDataObject }>) => output.map((o) => o.json);

describeOdoo(`OdooCartona against real Odoo ${env?.series ?? ''}`, () => {
	const e = env as OdooTestEnvironment;
	const run = Date.now().toString(36);
	const cartonaIds = [0, 1, 2, 3, 4, 5].map((n) => `it-${run}-${n}`);
	let productIds: number[] = [];
	let stockLocationId: number;
	const hashedIds = Array.from({ length: 50 }, (_, n) => `IT${run}${String(n).padStart(3, '0')}`);
	const saleOrderIdByHash = new Map<string, number>();

	beforeAll(async () => {
		const { output } = await runNode(e, { resource: 'config', operation: 'get', options: {} });
		const warehouseIds = output[0].json.warehouse_ids as number[];
		expect(warehouseIds.length).toBeGreaterThan(0);
		const [warehouse] = await orm(e, 'stock.warehouse', 'read', [[warehouseIds[0]]], { fields: ['lot_stock_id'] });
		stockLocationId = warehouse.lot_stock_id[0];
		productIds = await orm(e, 'product.product', 'create', [], {
			vals_list: cartonaIds.map((_, n) => ({ name: `IT ${run} ${n}`, default_code: `IT-${run}-${n}`, list_price: 10 * (n + 1), ...storableProductValues(e.series) })),
		});
		expect(productIds).toHaveLength(6);
	});

	it('credential test: OK with the config, addon version and series', async () => {
		const result = await odooCartonaApiTest.call(createMockCredentialTestFunctions(), {
			id: '1', name: 'Odoo', type: 'odooCartonaApi', data: credentialsOf(e),
		});
		expect(result.status).toBe('OK');
		expect(result.message).toMatch(/^Connected/);
	});

	it('credential test: a wrong password reads as a failed login', async () => {
		const result = await odooCartonaApiTest.call(createMockCredentialTestFunctions(), {
			id: '1', name: 'Odoo', type: 'odooCartonaApi', data: { ...credentialsOf(e), password: 'wrong-password' },
		});
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/^Login failed/) });
	});

	// Per protocol, no early return: JSON-RPC names the database in its login; JSON-2 sends it as
	// X-Odoo-Database, which the server's db filter rejects (no database: a 404 page, not JSON-2).
	if (!env || credentialsOf(env).protocol === 'jsonRpc') {
		it('credential test: an unknown database is named (JSON-RPC)', async () => {
			const result = await odooCartonaApiTest.call(createMockCredentialTestFunctions(), {
				id: '1', name: 'Odoo', type: 'odooCartonaApi', data: { ...credentialsOf(e), db: `nosuchdb_${run}` },
			});
			expect(result).toEqual({ status: 'Error', message: `Database "nosuchdb_${run}" was not found on this Odoo server` });
		});
	} else {
		it('credential test: an unknown database (X-Odoo-Database) is named with the HTTP 404 it got (JSON-2)', async () => {
			const result = await odooCartonaApiTest.call(createMockCredentialTestFunctions(), {
				id: '1', name: 'Odoo', type: 'odooCartonaApi', data: { ...credentialsOf(e), db: `nosuchdb_${run}` },
			});
			expect(result).toEqual({
				status: 'Error',
				message: `${e.url} answered HTTP 404, not Odoo's JSON-2 API: check the URL, the database "nosuchdb_${run}" and the protocol (JSON-RPC for 16.0-18.0, JSON-2 for 19.0+)`,
			});
		});
	}

	it('a method the addon does not have reads as "addon installed?"', async () => {
		const error = await orm(e, 'marketplace.supplier.config', 'cartona_no_such_method', [], { config_id: e.configId }).catch((err) => err);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/^Odoo has no marketplace\.supplier\.config\.cartona_no_such_method/);
		expect(error.description).toMatch(/addon installed/);
	});

	it('Config: Get returns the config of Marketplace Config ID and its series', async () => {
		const { output, requests } = await runNode(e, { resource: 'config', operation: 'get', options: {} });
		expect(output[0].json).toMatchObject({ id: e.configId, odoo_series: e.series, currency: expect.any(String) });
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(requests).toBeLessThanOrEqual(2);
	});

	it('Product: Set Cartona IDs (dry run, then for real, then unchanged)', async () => {
		const mappings = productIds.map((id, n) => ({ json: { cartona_id: cartonaIds[n], product_id: id } }));
		const dry = await runNode(e, { resource: 'product', operation: 'setCartonaIds', dryRun: true, options: {} }, mappings);
		expect(json(dry.output).map((r) => r.status)).toEqual(Array(6).fill('would_set'));
		const set = await runNode(e, { resource: 'product', operation: 'setCartonaIds', dryRun: false, options: {} }, mappings);
		expect(json(set.output).map((r) => [r.status, r.ok])).toEqual(Array(6).fill(['set', true]));
		expect(set.output.map((o) => o.pairedItem)).toEqual(productIds.map((_, item) => ({ item })));
		const again = await runNode(e, { resource: 'product', operation: 'setCartonaIds', dryRun: false, options: {} }, mappings);
		expect(json(again.output).map((r) => r.status)).toEqual(Array(6).fill('unchanged'));
		const conflict = await runNode(
			e,
			{ resource: 'product', operation: 'setCartonaIds', dryRun: true, options: {} },
			[{ json: { cartona_id: cartonaIds[0], product_id: productIds[1] } }],
			true,
		);
		expect(conflict.output[0].json.status).toMatch(/conflict|error/);
	});

	it('Product: Resolve by Cartona ID finds mapped variants and reports unknown ones', async () => {
		const { output, requests } = await runNode(
			e,
			{ resource: 'product', operation: 'resolve', cartonaId: (i: number) => [cartonaIds[2], `nope-${run}`][i], options: {} },
			[{ json: {} }, { json: {} }],
		);
		expect(json(output)).toEqual([
			expect.objectContaining({ cartona_id: cartonaIds[2], status: 'found', product_id: productIds[2], ok: true }),
			expect.objectContaining({ cartona_id: `nope-${run}`, status: 'unknown', ok: true }),
		]);
		expect(requests).toBeLessThanOrEqual(2);
	});

	it('Stock: Get Snapshot gives the free quantity in the Cartona bulk-update shape', async () => {
		for (const [index, quantity] of [[0, 7], [2, 12]]) {
			const [quantId] = await orm(e, 'stock.quant', 'create', [], { vals_list: [{ product_id: productIds[index], location_id: stockLocationId, inventory_quantity: quantity }], context: { inventory_mode: true } });
			await orm(e, 'stock.quant', 'action_apply_inventory', [[quantId]], {});
		}
		const { output, requests } = await runNode(e, {
			resource: 'stock', operation: 'getSnapshot', products: 'list', productIds: JSON.stringify(productIds.slice(0, 3)), options: { pageSize: 2 },
		});
		expect(json(output)).toEqual([
			{ internal_product_id: cartonaIds[0], available_stock_quantity: 7, in_stock: true, product_id: productIds[0] },
			{ internal_product_id: cartonaIds[1], available_stock_quantity: 0, in_stock: false, product_id: productIds[1] },
			{ internal_product_id: cartonaIds[2], available_stock_quantity: 12, in_stock: true, product_id: productIds[2] },
		]);
		expect(requests).toBeLessThanOrEqual(3);

		const fromInput = await runNode(
			e,
			{ resource: 'stock', operation: 'getSnapshot', products: 'fromInput', productIdField: 'product_id', options: {} },
			[{ json: { product_id: productIds[2] } }, { json: { product_id: productIds[0] } }],
		);
		expect(fromInput.output.map((o) => [o.json.product_id, o.pairedItem])).toEqual(
			expect.arrayContaining([[productIds[2], { item: 0 }], [productIds[0], { item: 1 }]]),
		);

		const all = await runNode(e, { resource: 'stock', operation: 'getSnapshot', products: 'allMapped', options: {} });
		const mine = json(all.output).filter((row) => cartonaIds.includes(row.internal_product_id as string));
		expect(mine).toHaveLength(6);
	});

	it('Price: Get Snapshot gives the selling price per mapped variant', async () => {
		const { output } = await runNode(e, { resource: 'price', operation: 'getSnapshot', products: 'list', productIds: productIds.join(','), options: {} });
		expect(json(output)).toEqual(productIds.map((id, n) => ({ internal_product_id: cartonaIds[n], selling_price: 10 * (n + 1), product_id: id })));
	});

	it('Partner: Match or Create creates retailers once, then matches them', async () => {
		const orders = [0, 1, 2].map((n) => ({ json: { hashed_id: `x${n}`, retailer: { retailer_code: `ITR${run}${n}`, retailer_name: `Shop ${n}`, retailer_number: `+2010000${n}${n}${n}` } } }));
		const first = await runNode(e, { resource: 'partner', operation: 'matchOrCreate', retailerField: 'retailer', options: {} }, orders);
		expect(json(first.output).map((r) => [r.cartona_id, r.status])).toEqual([0, 1, 2].map((n) => [`retailer_ITR${run}${n}`, 'created']));
		const second = await runNode(e, { resource: 'partner', operation: 'matchOrCreate', retailerField: 'retailer', options: {} }, orders);
		expect(json(second.output).map((r) => [r.status, r.partner_id])).toEqual(json(first.output).map((r) => ['matched', r.partner_id]));
	});

	it('Partner: Set Cartona IDs finds a partner by ref (dry run writes nothing)', async () => {
		const [partnerId] = await orm(e, 'res.partner', 'create', [], { vals_list: [{ name: `IT partner ${run}`, ref: `ITREF-${run}` }] });
		const mapping = [{ json: { cartona_id: `retailer_ITMAP${run}`, ref: `ITREF-${run}` } }];
		const dry = await runNode(e, { resource: 'partner', operation: 'setCartonaIds', dryRun: true, options: {} }, mapping);
		expect(dry.output[0].json).toMatchObject({ status: 'would_set', partner_id: partnerId, ok: true });
		const [partner] = await orm(e, 'res.partner', 'read', [[partnerId]], { fields: ['cartona_id'] });
		expect(partner.cartona_id).toBeFalsy();
		const set = await runNode(e, { resource: 'partner', operation: 'setCartonaIds', dryRun: false, options: {} }, mapping);
		expect(set.output[0].json).toMatchObject({ status: 'set', partner_id: partnerId });
	});

	it('Order: Import of 50 orders twice: created, then all existing, no new sale order, at most 3 Odoo calls each', async () => {
		const orders = hashedIds.map((hash, n) => ({ json: cartonaOrder(hash, `ITO${run}${n % 5}`, [cartonaIds[n % 3], cartonaIds[3 + (n % 3)]], 1_000_000 + n * 10) }));
		const first = await runNode(e, { resource: 'order', operation: 'import', options: {} }, orders);
		expect(json(first.output).map((r) => r.status)).toEqual(Array(50).fill('created'));
		expect(first.output.map((o) => o.pairedItem)).toEqual(hashedIds.map((_, item) => ({ item })));
		expect(first.requests).toBeLessThanOrEqual(3);
		for (const row of json(first.output)) {
			expect(row).toMatchObject({ ok: true, sale_order_id: expect.any(Number), lines: 2 });
			saleOrderIdByHash.set(row.hashed_id as string, row.sale_order_id as number);
		}
		const countBefore = await orm(e, 'sale.order', 'search_count', [], { domain: [['marketplace_order_id', 'in', hashedIds]] });
		expect(countBefore).toBe(50);

		const second = await runNode(e, { resource: 'order', operation: 'import', options: {} }, orders);
		expect(json(second.output).map((r) => r.status)).toEqual(Array(50).fill('existing'));
		expect(json(second.output).map((r) => r.sale_order_id)).toEqual(hashedIds.map((h) => saleOrderIdByHash.get(h)));
		expect(second.requests).toBeLessThanOrEqual(3);
		const totalSaleOrders = await orm(e, 'sale.order', 'search_count', [], { domain: [['marketplace_order_id', 'in', hashedIds]] });
		expect(totalSaleOrders).toBe(50);
	});

	it('Order: Import reports a bad order as an error item paired to it (Continue On Fail) or a node error', async () => {
		const good = cartonaOrder(`ITBAD${run}0`, `ITO${run}0`, [cartonaIds[0]], 2_000_000);
		const bad = { ...cartonaOrder(`ITBAD${run}1`, `ITO${run}0`, [cartonaIds[0]], 2_000_010), retailer: undefined };
		const { output } = await runNode(e, { resource: 'order', operation: 'import', options: {} }, [{ json: good }, { json: bad as IDataObject }], true);
		expect(output[0].json).toMatchObject({ ok: true, status: 'created' });
		expect(output[1]).toEqual({ json: expect.objectContaining({ ok: false, field: 'retailer', error: expect.stringMatching(/^Item 1 \(field "retailer"\)/) }), pairedItem: { item: 1 } });
		await expect(runNode(e, { resource: 'order', operation: 'import', options: {} }, [{ json: bad as IDataObject }])).rejects.toThrow(/^Item 0 \(field "retailer"\)/);
	});

	it('Order: Apply Status applies a Cartona state once, then reports it unchanged; unknown orders are not_found', async () => {
		const states = [{ json: { hashed_id: hashedIds[0], status: 'cancelled_by_retailer', cancellation_reason: 'delayed_order' } }, { json: { hashed_id: `nope${run}`, status: 'approved' } }];
		const first = await runNode(e, { resource: 'order', operation: 'applyStatus', options: {} }, states);
		expect(json(first.output).map((r) => r.status)).toEqual(['applied', 'not_found']);
		const second = await runNode(e, { resource: 'order', operation: 'applyStatus', options: {} }, states.slice(0, 1));
		expect(second.output[0].json).toMatchObject({ status: 'unchanged', sale_order_id: saleOrderIdByHash.get(hashedIds[0]) });
	});

	it('Order: Get Status Changes after a confirmation, Mark Synced clears it', async () => {
		const saleOrderId = saleOrderIdByHash.get(hashedIds[1]) as number;
		await orm(e, 'sale.order', 'action_confirm', [[saleOrderId]]);
		const changes = await runNode(e, { resource: 'order', operation: 'getStatusChanges', maxOrders: 100, options: { saleOrderIds: String(saleOrderId) } });
		expect(json(changes.output)).toEqual([{ sale_order_id: saleOrderId, hashed_id: hashedIds[1], status: 'approved', requires_otp: false }]);
		const synced = await runNode(
			e,
			{ resource: 'order', operation: 'markSynced', kind: 'status', saleOrderId: String(saleOrderId), succeeded: true, options: { status: 'approved' } },
		);
		expect(synced.output[0].json).toMatchObject({ ok: true });
		const after = await runNode(e, { resource: 'order', operation: 'getStatusChanges', maxOrders: 100, options: { saleOrderIds: `[${saleOrderId}]` } });
		expect(after.output).toEqual([]);
	});

	it('Order: Get Details Changes answers a list of update-order-details items', async () => {
		const { output } = await runNode(e, { resource: 'order', operation: 'getDetailsChanges', maxOrders: 10, options: { saleOrderIds: [...saleOrderIdByHash.values()].slice(0, 5).join(',') } });
		for (const row of json(output)) expect(row).toMatchObject({ sale_order_id: expect.any(Number), hashed_id: expect.any(String), order_details: expect.any(Array) });
	});

	it('Outbox: Claim leases the pending order status entry, Acknowledge completes it', async () => {
		const saleOrderId = saleOrderIdByHash.get(hashedIds[2]) as number;
		await orm(e, 'sale.order', 'action_confirm', [[saleOrderId]]);
		const claim = await runNode(e, { resource: 'outbox', operation: 'claim', kinds: ['order_status'], maxEntries: 500, leaseSeconds: 60 });
		const entries = json(claim.output);
		expect(entries).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'order_status', sale_order_id: saleOrderId, entry_id: expect.any(Number) })]));
		const ack = await runNode(
			e,
			{ resource: 'outbox', operation: 'acknowledge', entryId: (i: number) => entries[i].entry_id, succeeded: true, options: {} },
			entries.map((entry) => ({ json: entry })),
		);
		expect(json(ack.output).every((r) => r.ok === true)).toBe(true);
		expect(ack.requests).toBeLessThanOrEqual(2);
		const again = await runNode(e, { resource: 'outbox', operation: 'claim', kinds: ['order_status'], maxEntries: 500, leaseSeconds: 60 });
		expect(json(again.output).filter((r) => r.sale_order_id === saleOrderId)).toEqual([]);
	});

	it('Sync Log: Write stores one line per item', async () => {
		const { output } = await runNode(
			e,
			{ resource: 'syncLog', operation: 'write', kind: 'stock', direction: 'outbound', state: 'ok', message: (i: number) => `integration ${run} ${i}`, options: { countOk: 3, executionId: 'it' } },
			[{ json: {} }, { json: {} }],
		);
		expect(json(output).map((r) => [r.ok, typeof r.log_id])).toEqual([[true, 'number'], [true, 'number']]);
	});

	it('an unknown config is a NodeApiError naming ValidationError, or an error item with Continue On Fail', async () => {
		const error = await runNode(e, { resource: 'config', operation: 'get', configId: 999999, options: {} }).catch((err) => err);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/\(ValidationError\): Unknown marketplace configuration 999999/);
		const { output } = await runNode(e, { resource: 'stock', operation: 'getSnapshot', configId: 999999, products: 'allMapped', options: {} }, [{ json: {} }], true);
		expect(output).toEqual([{ json: expect.objectContaining({ error: expect.stringMatching(/Unknown marketplace configuration/), statusCode: '422' }), pairedItem: { item: 0 } }]);
	});
});
