import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { callMarketplace } from '../../../transport';
import { configIdProperty } from '../../descriptions/common.descriptions';
import { readConfigId } from '../../validation/readParameters';
import type { ItemPlan } from '../../../../shared/items/itemPlan';
import { eachItem } from '../../../../shared/items/itemPlan';

const properties: INodeProperties[] = [
	configIdProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Config Name',
				name: 'configName',
				type: 'string',
				default: '',
				description: 'Find the config by name instead of by ID',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['config'], operation: ['get'] } },
	properties,
);

/**
 * cartona_get_config: one item `{id, name, company_id, internal_supplier_code, warehouse_ids,
 * pricelist_id, currency, unknown_product_policy, auto_sync_products, auto_sync_orders,
 * sync_frequency, addon_version, odoo_series}` (never a secret).
 */
export function execute(this: IExecuteFunctions): ItemPlan {
	return eachItem(async function (i) {
		const name = String(this.getNodeParameter('options.configName', i, '') ?? '').trim();
		const kwargs: IDataObject = name ? { name } : { config_id: readConfigId.call(this, i) };
		const config = await callMarketplace.call(this, 'cartona_get_config', kwargs);
		if (!config || typeof config !== 'object' || Array.isArray(config)) {
			throw new NodeOperationError(this.getNode(), `Item ${i}: Odoo's cartona_get_config returned no config`, { itemIndex: i });
		}
		return [config as IDataObject];
	});
}
