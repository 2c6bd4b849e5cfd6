import { NodeConnectionTypes } from 'n8n-workflow';

import type { VersionDescription } from '../../../shared/versionDescription';
import * as baseProduct from './baseProduct';
import * as order from './order';
import * as product from './product';

/** Version 1's parameters: resource selector, then each resource's operations and fields. */
export const versionDescription: VersionDescription = {
	version: [1],
	subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
	defaults: { name: 'Cartona' },
	usableAsTool: true,
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
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
