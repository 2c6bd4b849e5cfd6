import { readdirSync, statSync } from 'fs';
import { join } from 'path';
import type { INodeProperties } from 'n8n-workflow';

import { OdooCartona } from '../../../nodes/OdooCartona/OdooCartona.node';
import { OdooCartonaTrigger } from '../../../nodes/OdooCartona/OdooCartonaTrigger.node';

const ACTIONS = join(__dirname, '../../../nodes/OdooCartona/v1/actions');
const { description } = new OdooCartona().getNodeType(1);
const properties = description.properties;

function operationFiles(): string[] {
	return readdirSync(ACTIONS)
		.filter((entry) => statSync(join(ACTIONS, entry)).isDirectory())
		.flatMap((resource) => readdirSync(join(ACTIONS, resource)).filter((f) => f.endsWith('.operation.ts')).map((f) => join(ACTIONS, resource, f)));
}

describe('OdooCartona description', () => {
	const resources = (properties.find((p) => p.name === 'resource')?.options ?? []) as Array<{ value: string }>;
	const operationSelectors = properties.filter((p) => p.name === 'operation');

	it('has the resources and operations of issue 4', () => {
		const map = Object.fromEntries(
			operationSelectors.map((p) => [p.displayOptions?.show?.resource?.[0], (p.options as Array<{ value: string }>).map((o) => o.value).sort()]),
		);
		expect(map).toEqual({
			order: ['applyStatus', 'getDetailsChanges', 'getStatusChanges', 'import', 'markSynced'],
			partner: ['matchOrCreate', 'setCartonaIds'],
			product: ['recordRefusals', 'resolve', 'setCartonaIds'],
			stock: ['getSnapshot'],
			price: ['getSnapshot'],
			outbox: ['acknowledge', 'claim'],
			syncLog: ['write'],
			config: ['get'],
		});
		expect(resources.map((r) => r.value).sort()).toEqual(Object.keys(map).sort());
	});

	it('every operation has an action, a camelCase value, and its selector defaults to one of them', () => {
		for (const selector of operationSelectors) {
			const options = selector.options as Array<{ value: string; action?: string }>;
			for (const option of options) {
				expect(option.action).toEqual(expect.any(String));
				expect(option.value).toMatch(/^[a-z][a-zA-Z]*$/);
			}
			expect(options.map((o) => o.value)).toContain(selector.default);
		}
	});

	it('every other parameter is scoped to one resource and operation', () => {
		for (const property of properties.filter((p: INodeProperties) => !['resource', 'operation'].includes(p.name))) {
			expect(property.displayOptions?.show?.resource).toHaveLength(1);
			expect(property.displayOptions?.show?.operation).toHaveLength(1);
		}
	});

	it('the Marketplace Config ID is a plain number defaulting to 1 on every operation', () => {
		const configIds = properties.filter((p) => p.name === 'configId');
		expect(configIds).toHaveLength(16);
		for (const p of configIds) expect([p.type, p.default, p.displayName]).toEqual(['number', 1, 'Marketplace Config ID']);
	});

	it('each operation file exports exactly description and execute', () => {
		const files = operationFiles();
		expect(files).toHaveLength(16);
		for (const file of files) {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const exported = Object.keys(require(file)).filter((k) => k !== '__esModule').sort();
			expect([file, exported]).toEqual([file, ['description', 'execute']]);
		}
	});

	it('is a usable-as-tool node with light and dark icons; the trigger is a webhook trigger without inputs', () => {
		expect(description).toMatchObject({ name: 'odooCartona', usableAsTool: true, version: [1], inputs: ['main'], outputs: ['main'] });
		expect(description.icon).toEqual({ light: 'file:odooCartona.svg', dark: 'file:odooCartona.dark.svg' });
		const trigger = new OdooCartonaTrigger().description;
		expect(trigger).toMatchObject({ name: 'odooCartonaTrigger', group: ['trigger'], inputs: [], outputs: ['main'] });
		expect(trigger.credentials).toEqual([{ name: 'odooCartonaApi', required: true, testedBy: 'odooCartonaApiTest' }]);
	});
});
