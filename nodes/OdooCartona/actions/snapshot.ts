import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { callMarketplace } from '../transport';
import { configIdProperty, MAX_BATCH_ELEMENTS } from './common.descriptions';
import { asNodeError, errorItem } from './errorItem';
import { parseIdList, readConfigId, readItemObject, readWholeNumber } from './readParameters';
import { runPerItem } from './runPerItem';

/** A snapshot method of the batch API and the keys each of its items keeps. */
export interface SnapshotMethod {
	method: string;
	outputKeys: readonly string[];
}

/** Parameters of Stock and Price Get Snapshot. */
export const snapshotProperties: INodeProperties[] = [
	configIdProperty,
	{
		displayName: 'Products',
		name: 'products',
		type: 'options',
		options: [
			{
				name: 'All Mapped Products',
				value: 'allMapped',
				description: 'Every variant with a Cartona ID (once per input item)',
			},
			{
				name: 'Product IDs From Input Items',
				value: 'fromInput',
				description: 'The variants named by a field of the input items (e.g. claimed outbox entries), in one snapshot',
			},
			{
				name: 'Product ID List',
				value: 'list',
				description: 'The variants listed in a parameter (once per input item)',
			},
		],
		default: 'allMapped',
	},
	{
		displayName: 'Product ID Field',
		name: 'productIdField',
		type: 'string',
		default: 'product_id',
		displayOptions: { show: { products: ['fromInput'] } },
		description: 'Field of each input item holding the Odoo product variant ID',
	},
	{
		displayName: 'Product IDs',
		name: 'productIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: '[12, 15] or 12,15',
		displayOptions: { show: { products: ['list'] } },
		description: 'Odoo product variant IDs, as a JSON list or comma-separated',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				default: 2000,
				typeOptions: { minValue: 1, maxValue: MAX_BATCH_ELEMENTS, numberPrecision: 0 },
				description: 'Products per Odoo call; the node reads every page',
			},
		],
	},
];

interface SnapshotPage {
	items?: unknown;
	next_offset?: unknown;
}

/**
 * Reads a whole snapshot: pages with `offset` until `next_offset` is null, for all mapped
 * products (`productIds` undefined) or the given variants (in chunks of the page size).
 */
async function readSnapshot(
	this: IExecuteFunctions,
	spec: SnapshotMethod,
	configId: number,
	productIds: number[] | undefined,
	pageSize: number,
	itemIndex: number,
): Promise<IDataObject[]> {
	const rows: IDataObject[] = [];
	const chunks: Array<number[] | undefined> = [];
	if (productIds === undefined) chunks.push(undefined);
	else for (let at = 0; at < productIds.length; at += pageSize) chunks.push(productIds.slice(at, at + pageSize));
	for (const chunk of chunks) {
		let offset = 0;
		for (;;) {
			const kwargs: IDataObject = { config_id: configId, offset, limit: pageSize };
			if (chunk) kwargs.product_ids = chunk;
			const page = (await callMarketplace.call(this, spec.method, kwargs)) as SnapshotPage | null;
			if (!page || !Array.isArray(page.items)) {
				throw new NodeOperationError(this.getNode(), `Odoo's ${spec.method} returned no "items" list`, { itemIndex });
			}
			for (const item of page.items as IDataObject[]) {
				const row: IDataObject = {};
				for (const key of spec.outputKeys) if (key in item) row[key] = item[key];
				rows.push(row);
			}
			const next = page.next_offset;
			if (next === null || next === undefined) break;
			if (typeof next !== 'number' || next <= offset) {
				throw new NodeOperationError(this.getNode(), `Odoo's ${spec.method} returned next_offset ${JSON.stringify(next)} after offset ${offset}`, { itemIndex });
			}
			offset = next;
		}
	}
	return rows;
}

function readPageSize(this: IExecuteFunctions, i: number): number {
	return readWholeNumber.call(this, 'options.pageSize', 'Page Size', i, 2000, 1, MAX_BATCH_ELEMENTS);
}

/**
 * Product IDs From Input Items: one snapshot per config over the variants of all input items;
 * each snapshot item is paired to the input items that named its variant.
 */
async function snapshotFromInput(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	spec: SnapshotMethod,
): Promise<INodeExecutionData[]> {
	const returnData: INodeExecutionData[] = [];
	const byConfig = new Map<number, Map<number, number[]>>();
	for (let i = 0; i < items.length; i++) {
		try {
			const configId = readConfigId.call(this, i);
			const field = String(this.getNodeParameter('productIdField', i, 'product_id')).trim();
			const json = readItemObject.call(this, items[i].json, i);
			const ids = parseIdList.call(this, json[field] as unknown, field, i);
			if (!ids || ids.length === 0) {
				throw new NodeOperationError(this.getNode(), `Item ${i}: "${field}" is missing`, { itemIndex: i });
			}
			let pairs = byConfig.get(configId);
			if (!pairs) byConfig.set(configId, (pairs = new Map()));
			for (const id of ids) pairs.set(id, [...(pairs.get(id) ?? []), i]);
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error, i);
			returnData.push(errorItem(error, i));
		}
	}
	const pageSize = readPageSize.call(this, 0);
	for (const [configId, pairs] of byConfig) {
		const firstItem = [...pairs.values()][0][0];
		let rows: IDataObject[];
		try {
			rows = await readSnapshot.call(this, spec, configId, [...pairs.keys()], pageSize, firstItem);
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error, firstItem);
			const failed = new Set([...pairs.values()].flat());
			for (const i of failed) returnData.push(errorItem(error, i));
			continue;
		}
		for (const row of rows) {
			const itemIndexes = pairs.get(row.product_id as number) ?? [firstItem];
			returnData.push({
				json: row,
				pairedItem: itemIndexes.length === 1 ? { item: itemIndexes[0] } : itemIndexes.map((item) => ({ item })),
			});
		}
	}
	return returnData;
}

/** Get Snapshot for stock or price. */
export async function executeSnapshot(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	spec: SnapshotMethod,
): Promise<INodeExecutionData[]> {
	const products = this.getNodeParameter('products', 0, 'allMapped') as string;
	if (products === 'fromInput') return await snapshotFromInput.call(this, items, spec);
	return await runPerItem.call(this, items, async function (i) {
		const configId = readConfigId.call(this, i);
		let productIds: number[] | undefined;
		if (products === 'list') {
			productIds = parseIdList.call(this, this.getNodeParameter('productIds', i, ''), 'Product IDs', i);
			if (!productIds || productIds.length === 0) {
				throw new NodeOperationError(this.getNode(), `Item ${i}: "Product IDs" is empty`, {
					itemIndex: i,
					description: 'Choose "All Mapped Products" to read every mapped product',
				});
			}
		}
		return await readSnapshot.call(this, spec, configId, productIds, readPageSize.call(this, i), i);
	});
}
