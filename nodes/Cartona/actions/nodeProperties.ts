import type { INodeProperties } from 'n8n-workflow';
import * as baseProduct from './baseProduct';
import * as order from './order';
import * as product from './product';

/** The parameters of version 1: resource selector, then each resource's operations and fields. */
export const nodeProperties: INodeProperties[] = [
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
];
