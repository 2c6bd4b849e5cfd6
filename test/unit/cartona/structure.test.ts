import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { OPERATIONS } from '../../../nodes/Cartona/v1/actions/router';
import { Cartona } from '../../../nodes/Cartona/Cartona.node';
import { PATHS } from '../../../nodes/Cartona/schema';
import { buildPath, encodePathSegment } from '../../../nodes/Cartona/transport/encodePathSegment';

const description = new Cartona().getNodeType(1).description;
const camelCase = /^[a-z][a-zA-Z0-9]*$/;

const operationSelectors = description.properties.filter((property) => property.name === 'operation');
const operations = operationSelectors.flatMap((selector) =>
	((selector.options ?? []) as INodePropertyOptions[]).map((option) => ({
		resource: (selector.displayOptions?.show?.resource as string[])[0],
		option,
	})),
);

it('is a programmatic, tool-usable node with icon, subtitle, credential and main connections', () => {
	expect(description).toMatchObject({
		name: 'cartona',
		usableAsTool: true,
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'cartonaApi', required: true }],
		icon: { light: 'file:cartona.svg', dark: 'file:cartona.dark.svg' },
	});
	expect(description.subtitle).toContain('$parameter["operation"]');
	expect(typeof new Cartona().getNodeType(1).execute).toBe('function');
});

it('covers the 9 endpoints as 9 operations, each with a camelCase value and an action', () => {
	expect(operations).toHaveLength(9);
	for (const { option } of operations) {
		expect(String(option.value)).toMatch(camelCase);
		expect(option.action).toEqual(expect.any(String));
		expect(option.action).not.toBe('');
	}
	expect(operations.map(({ resource, option }) => `${resource}.${String(option.value)}`).sort()).toEqual([
		'baseProduct.bulkUpdate',
		'baseProduct.bulkUpdateStock',
		'baseProduct.getAll',
		'order.getAll',
		'order.updateDetails',
		'order.updateOneStatus',
		'order.updateStatus',
		'product.bulkUpdate',
		'product.getAll',
	]);
});

it('has an implementation for exactly the operations it describes', () => {
	const described = operations.map(({ resource, option }) => `${resource}.${String(option.value)}`).sort();
	const implemented = Object.entries(OPERATIONS)
		.flatMap(([resource, ops]) => Object.keys(ops).map((op) => `${resource}.${op}`))
		.sort();
	expect(implemented).toEqual(described);
	for (const selector of operationSelectors) {
		const values = ((selector.options ?? []) as INodePropertyOptions[]).map((option) => option.value);
		expect(values).toContain(selector.default);
	}
});

it('uses camelCase values for resources and parameter names', () => {
	const resource = description.properties.find((property) => property.name === 'resource') as INodeProperties;
	for (const option of resource.options as INodePropertyOptions[]) expect(String(option.value)).toMatch(camelCase);
	const walk = (properties: INodeProperties[]): void => {
		for (const property of properties) {
			expect(property.name).toMatch(camelCase);
			if (property.type === 'collection') walk((property.options ?? []) as INodeProperties[]);
		}
	};
	walk(description.properties);
});

it('defaults every mapping field to the same-named field of the item', () => {
	const mapped = description.properties.filter((property) => property.displayOptions?.show?.fieldsSource);
	expect(mapped.length).toBeGreaterThan(20);
	for (const property of mapped) expect(property.default).toMatch(/^=\{\{ \$json\.[a-z_]+ \}\}$/);
});

it('puts every bulk operation on a schema path; order changes are not replayable, absolute updates are', () => {
	const bulk = Object.entries(OPERATIONS).flatMap(([resource, ops]) =>
		Object.entries(ops)
			.filter(([, op]) => op.kind === 'bulk')
			.map(([name, op]) => [`${resource}.${name}`, op.kind === 'bulk' ? [op.path, op.retryClass] : []]),
	);
	expect(Object.fromEntries(bulk)).toEqual({
		'order.updateStatus': [PATHS.updateOrderStatus, 'notReplayable'],
		'order.updateDetails': [PATHS.updateOrderDetails, 'notReplayable'],
		'product.bulkUpdate': [PATHS.supplierProductBulkUpdate, 'repeatable'],
		'baseProduct.bulkUpdate': [PATHS.baseProductBulkUpdate, 'repeatable'],
		'baseProduct.bulkUpdateStock': [PATHS.baseProductBulkUpdateStock, 'repeatable'],
	});
});

it('only synced acknowledgements of the status operations are repeatable', () => {
	const bulkStatus = OPERATIONS.order.updateStatus;
	if (bulkStatus.kind !== 'bulk' || !bulkStatus.retryClassOf) throw new Error('updateStatus must classify its entries');
	expect(bulkStatus.retryClassOf({ hashed_id: 'h', status: 'synced' })).toBe('repeatable');
	for (const status of ['pending', 'approved', 'assigned_to_salesman', 'delivered', 'cancelled_by_supplier']) {
		expect(bulkStatus.retryClassOf({ hashed_id: 'h', status })).toBe('notReplayable');
	}
	const details = OPERATIONS.order.updateDetails;
	expect(details.kind === 'bulk' && details.retryClassOf).toBeFalsy();
});

describe('the one path encoder', () => {
	it('encodes every dynamic segment of every schema path', () => {
		const dynamic = Object.values(PATHS).filter((path) => path.includes('{'));
		expect(dynamic).toEqual([PATHS.updateOneOrderStatus]);
		for (const template of dynamic) {
			const names = [...template.matchAll(/\{([a-z_]+)\}/g)].map((match) => match[1]);
			const params = Object.fromEntries(names.map((name) => [name, 'a/b?c#d e']));
			const built = buildPath(template, params);
			expect(built).not.toMatch(/[{}]/);
			expect(built).toContain(encodePathSegment('a/b?c#d e'));
			expect(built.split('/')).toHaveLength(template.split('/').length);
		}
		expect(buildPath(PATHS.updateOneOrderStatus, { hashed_id: 'a/b?c#d e' })).toBe(
			'order/update-order-status/a%2Fb%3Fc%23d%20e',
		);
	});

	it('refuses to build a dynamic path without its parameter', () => {
		expect(() => buildPath(PATHS.updateOneOrderStatus)).toThrow('Path parameter "hashed_id" missing');
	});

	it('leaves static paths as they are', () => {
		for (const path of Object.values(PATHS).filter((p) => !p.includes('{'))) expect(buildPath(path)).toBe(path);
	});
});
