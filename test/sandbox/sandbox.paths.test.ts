/**
 * One list of Cartona's paths: the sandbox serves exactly nodes/Cartona/paths.json (what the node
 * calls), and a test of a wrong assumption can move an endpoint on purpose.
 */
import axios from 'axios';

import NODE_PATHS from '../../nodes/Cartona/paths.json';
import { PATHS } from '../../nodes/Cartona/schema';
import { startSandbox, type Sandbox } from '../../sandbox/server';

const contract = require('../../sandbox/contract');

describe('the sandbox serves the paths the node calls', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox({ port: 0, seed: { products: 3, orders: 1 } });
	});
	afterAll(async () => sb.close());

	it('takes them from the same file as the node', () => {
		expect(PATHS).toEqual(NODE_PATHS);
		expect(contract.PATHS.productBulkUpdate).toBe(NODE_PATHS.supplierProductBulkUpdate);
		expect(contract.PATHS.updateOneOrderStatus).toBe(NODE_PATHS.updateOneOrderStatus.replace('{hashed_id}', ''));
	});

	it('answers every read path of the node', async () => {
		const get = (path: string) => axios.get(`${sb.url}${path}`, { headers: { AuthorizationToken: sb.token }, validateStatus: () => true });
		for (const path of [PATHS.pullOrders, PATHS.supplierProducts, PATHS.baseProducts]) expect([path, (await get(path)).status]).toEqual([path, 200]);
	});
});

describe('a sandbox that serves an endpoint elsewhere (a wrong assumption, on purpose)', () => {
	let sb: Sandbox;
	const moved = 'supplier-product/bulk-update-v2';
	beforeAll(async () => {
		sb = await startSandbox({ port: 0, seed: { products: 3, orders: 0 }, paths: { supplierProductBulkUpdate: moved } });
	});
	afterAll(async () => sb.close());

	it("answers 404 on the node's path and serves the moved one", async () => {
		const post = (path: string) =>
			axios.post(`${sb.url}${path}`, [{ internal_product_id: sb.listProducts()[0].internal_product_id, selling_price: 12.5 }], {
				headers: { AuthorizationToken: sb.token },
				validateStatus: () => true,
			});
		expect((await post(PATHS.supplierProductBulkUpdate)).status).toBe(404);
		const res = await post(moved);
		expect(res.status).toBe(200);
		expect(sb.listProducts()[0].selling_price).toBe(12.5);
	});

	it('still serves the paths it did not move', async () => {
		const res = await axios.get(`${sb.url}${PATHS.supplierProducts}`, { headers: { AuthorizationToken: sb.token }, validateStatus: () => true });
		expect(res.status).toBe(200);
	});

	it('refuses an unknown path name', async () => {
		await expect(startSandbox({ port: 0, paths: { noSuchEndpoint: 'x' } as any })).rejects.toThrow(/unknown path name "noSuchEndpoint"/);
	});
});
