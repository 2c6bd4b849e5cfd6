import { FIELD } from '../../schema';
import type { MappedField } from './mappingFields';

/** Listing flags and order limits: the same fields on supplier products and base products. */
export const PRODUCT_LISTING_FIELDS: readonly MappedField[] = [
	{
		param: 'inStock',
		field: FIELD.inStock,
		kind: 'boolean',
		displayName: 'In Stock',
		description: 'Whether the product is in stock (true or false)',
	},
	{
		param: 'isPublished',
		field: FIELD.isPublished,
		kind: 'boolean',
		displayName: 'Published',
		description: 'Whether retailers see the product (true or false)',
	},
	{
		param: 'minOrder',
		field: FIELD.minOrder,
		kind: 'count',
		displayName: 'Min Order',
		description: 'Smallest amount a retailer may order',
	},
	{
		param: 'maxOrder',
		field: FIELD.maxOrder,
		kind: 'count',
		displayName: 'Max Order',
		description: 'Largest amount a retailer may order',
	},
];
