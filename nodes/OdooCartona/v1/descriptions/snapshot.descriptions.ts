import type { INodeProperties } from 'n8n-workflow';

import { configIdProperty, MAX_BATCH_ELEMENTS } from './common.descriptions';

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
				displayName: 'After Product ID',
				name: 'afterId',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, numberPrecision: 0 },
				description:
					'Only the variants with an Odoo ID above this one (products are read in ID order). With One Page Only: 0, then the next_after of the page before; a product that leaves the snapshot meanwhile moves no page.',
			},
			{
				displayName: 'Offset',
				name: 'offset',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, numberPrecision: 0 },
				description:
					'With One Page Only: where the page starts (0, then the next_offset of the page before). After Product ID is safer: a product refused or unmapped meanwhile moves every later offset.',
			},
			{
				displayName: 'One Page Only',
				name: 'onePage',
				type: 'boolean',
				default: false,
				description:
					'Whether to read only the page that starts at Offset (All Mapped Products and Product ID List); each output item gets next_offset, null on the last page, so a large catalogue can be reconciled one page per execution',
			},
			{
				displayName: 'Page Ranges Only',
				name: 'pageRanges',
				type: 'boolean',
				default: false,
				description:
					'Whether to output one item per page of All Mapped Products, {page, pages, after, until} (until null on the last page), from one ID-only Odoo call, instead of the products: reconcile each range (After Product ID, Up To Product ID) in its own execution and go on when one fails',
			},
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				default: 2000,
				typeOptions: { minValue: 1, maxValue: MAX_BATCH_ELEMENTS, numberPrecision: 0 },
				description: 'Products per Odoo call; the node reads every page',
			},
			{
				displayName: 'Up To Product ID',
				name: 'untilId',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, numberPrecision: 0 },
				description: 'Only the variants with an Odoo ID up to this one (inclusive); 0 or empty: no upper bound',
			},
		],
	},
];

/** Stock Get Snapshot only: the option that joins each variant's Cartona price (issue 13). */
export const includePriceOption: INodeProperties = {
	displayName: 'Include Price',
	name: 'includePrice',
	type: 'boolean',
	default: false,
	description:
		'Whether to add each variant\'s selling_price from the price snapshot, joined by product ID in the node (one more Odoo call per page), so one Cartona item carries stock and price',
};

/** The Get Snapshot parameters with `extra` added to the Options collection. */
export function withSnapshotOptions(extra: INodeProperties[]): INodeProperties[] {
	return snapshotProperties.map((p) =>
		p.name === 'options' ? { ...p, options: [...(p.options ?? []), ...extra] } : p,
	);
}
