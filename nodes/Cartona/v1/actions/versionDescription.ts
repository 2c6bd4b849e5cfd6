import type { VersionDescription } from '../../../shared/versionDescription';
import { ACTION_NODE } from '../../../shared/versionDescription';
import * as baseProduct from './baseProduct';
import * as order from './order';
import * as product from './product';

/** Version 1's parameters: resource selector, then each resource's operations and fields. */
export const versionDescription: VersionDescription = {
	...ACTION_NODE,
	version: [1],
	defaults: { name: 'Cartona' },
	credentials: [{ name: 'cartonaApi', required: true }],
	properties: [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Base Product', value: 'baseProduct' },
				{ name: 'Order', value: 'order' },
				{ name: 'Product', value: 'product' },
			],
			default: 'order',
		},
		...order.description,
		...product.description,
		...baseProduct.description,
	],
};
