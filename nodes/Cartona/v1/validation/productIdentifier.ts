import type { IDataObject, INode } from 'n8n-workflow';
import { FIELD } from '../../schema';
import { isAbsent } from './fieldValidators';
import { itemFieldError } from './itemFieldError';

/**
 * A product named the contract's way [code]: `supplier_product_id` (wins), or
 * `internal_product_id`, or `base_product_id` + `unit` + `unit_count`. Throws naming the first
 * missing field.
 */
export function requireProductIdentifier(node: INode, itemIndex: number, entry: IDataObject, fieldPrefix = ''): void {
	if (!isAbsent(entry[FIELD.supplierProductId]) || !isAbsent(entry[FIELD.internalProductId])) return;
	if (isAbsent(entry[FIELD.baseProductId])) {
		throw itemFieldError(
			node,
			itemIndex,
			`${fieldPrefix}${FIELD.internalProductId}`,
			'is missing',
			`Name the product by ${FIELD.supplierProductId}, ${FIELD.internalProductId}, or ${FIELD.baseProductId} + ${FIELD.unit} + ${FIELD.unitCount}.`,
		);
	}
	for (const field of [FIELD.unit, FIELD.unitCount]) {
		if (isAbsent(entry[field])) {
			throw itemFieldError(
				node,
				itemIndex,
				`${fieldPrefix}${field}`,
				'is missing',
				`A product named by ${FIELD.baseProductId} also needs ${FIELD.unit} and ${FIELD.unitCount}.`,
			);
		}
	}
}
