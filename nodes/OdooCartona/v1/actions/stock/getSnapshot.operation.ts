import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { ItemAnswer } from '../../../../shared/items/inBatches';
import type { ItemPlan } from '../../../../shared/items/itemPlan';
import { callMarketplace } from '../../../transport';
import { includePriceOption, withSnapshotOptions } from '../../descriptions/snapshot.descriptions';
import { snapshotPlan } from '../../items/snapshot';
import { readConfigId, readWholeNumber } from '../../validation/readParameters';
import { MAX_BATCH_ELEMENTS } from '../../descriptions/common.descriptions';

export const description = updateDisplayOptions(
	{ show: { resource: ['stock'], operation: ['getSnapshot'] } },
	withSnapshotOptions([includePriceOption]),
);

const PRICE_METHOD = 'cartona_price_snapshot';

/**
 * Adds `selling_price` to stock rows: cartona_price_snapshot for the rows' variants, at most
 * `pageSize` variants per call (so at most one call per stock page), joined by product_id. A
 * variant without a price keeps its stock only.
 */
async function joinPrices(
	this: IExecuteFunctions,
	rows: IDataObject[],
	configId: number,
	pageSize: number,
	itemIndex: number,
): Promise<IDataObject[]> {
	const ids = [...new Set(rows.map((row) => row.product_id as number))];
	const prices = new Map<unknown, IDataObject[string]>();
	for (let at = 0; at < ids.length; at += pageSize) {
		const kwargs = { config_id: configId, product_ids: ids.slice(at, at + pageSize), offset: 0, limit: pageSize };
		const page = (await callMarketplace.call(this, PRICE_METHOD, kwargs)) as { items?: unknown; next_offset?: unknown } | null;
		if (!page || !Array.isArray(page.items) || (page.next_offset !== null && page.next_offset !== undefined)) {
			throw new NodeOperationError(this.getNode(), `Odoo's ${PRICE_METHOD} did not return one page of prices`, { itemIndex });
		}
		for (const item of page.items as IDataObject[]) prices.set(item.product_id, item.selling_price);
	}
	return rows.map((row) => (prices.has(row.product_id) ? { ...row, selling_price: prices.get(row.product_id) as IDataObject[string] } : row));
}

function readPageSize(this: IExecuteFunctions, i: number): number {
	return readWholeNumber.call(this, 'options.pageSize', 'Page Size', i, 2000, 1, MAX_BATCH_ELEMENTS);
}

/** The stock plan with prices joined into every snapshot it outputs. */
function withPrices(this: IExecuteFunctions, plan: ItemPlan): ItemPlan {
	if (plan.kind === 'each') {
		return {
			kind: 'each',
			produce: async (i) =>
				await joinPrices.call(this, await plan.produce.call(this, i), readConfigId.call(this, i), readPageSize.call(this, i), i),
		};
	}
	const { send } = plan.spec;
	return {
		...plan,
		spec: {
			...plan.spec,
			send: async (batch: Array<{ itemIndex: number; entry: { configId: number } }>): Promise<ItemAnswer[]> => {
				const answers: ItemAnswer[] = await send.call(this, batch);
				const rows: IDataObject[] = [];
				for (const answer of answers) {
					try {
						rows.push(await answer.read());
					} catch {
						return answers; // the snapshot failed for the whole batch: its error items as they are
					}
				}
				const first = batch[0].itemIndex;
				const joined = await joinPrices.call(this, rows, batch[0].entry.configId, readPageSize.call(this, first), first);
				return answers.map((answer, at) => ({ itemIndex: answer.itemIndex, read: () => joined[at] }));
			},
		},
	};
}

/**
 * cartona_stock_snapshot, every page: one item per variant
 * `{internal_product_id, available_stock_quantity, in_stock, product_id}` (Cartona bulk update
 * fields), plus `selling_price` with the Include Price option.
 */
export function execute(this: IExecuteFunctions): ItemPlan {
	const plan = snapshotPlan.call(this, {
		method: 'cartona_stock_snapshot',
		outputKeys: ['internal_product_id', 'available_stock_quantity', 'in_stock', 'product_id'],
	});
	const includePrice = this.getNodeParameter('options.includePrice', 0, false) as boolean;
	return includePrice ? withPrices.call(this, plan) : plan;
}
