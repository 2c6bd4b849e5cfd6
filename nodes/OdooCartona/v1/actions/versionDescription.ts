import type { VersionDescription } from '../../../shared/versionDescription';
import { ACTION_NODE } from '../../../shared/versionDescription';
import * as config from './config';
import * as order from './order';
import * as outbox from './outbox';
import * as partner from './partner';
import * as price from './price';
import * as product from './product';
import * as stock from './stock';
import * as syncLog from './syncLog';

/** Version 1: batched calls of the addon's API; a version 2 adds its own folder and keeps this one. */
export const versionDescription: VersionDescription = {
	...ACTION_NODE,
	version: [1],
	defaults: { name: 'Odoo Cartona' },
	credentials: [{ name: 'odooCartonaApi', required: true, testedBy: 'odooCartonaApiTest' }],
	properties: [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Config', value: 'config' },
				{ name: 'Order', value: 'order' },
				{ name: 'Outbox', value: 'outbox' },
				{ name: 'Partner', value: 'partner' },
				{ name: 'Price', value: 'price' },
				{ name: 'Product', value: 'product' },
				{ name: 'Stock', value: 'stock' },
				{ name: 'Sync Log', value: 'syncLog' },
			],
			default: 'order',
		},
		...order.description,
		...partner.description,
		...product.description,
		...stock.description,
		...price.description,
		...outbox.description,
		...syncLog.description,
		...config.description,
	],
};
