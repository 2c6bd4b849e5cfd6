import type { IDataObject, INode } from 'n8n-workflow';
import { CANCELLATION_REASONS, LOCAL_ONLY_FIELDS, SUPPLIER_ORDER_STATUSES, UNITS } from '../../schema';
import {
	checkBoolean,
	checkDate,
	checkEnum,
	checkId,
	checkQuantity,
	checkText,
	type FieldCheck,
} from './fieldValidators';

export type FieldKind =
	| 'id'
	| 'quantity'
	| 'count'
	| 'boolean'
	| 'date'
	| 'text'
	| 'unit'
	| 'status'
	| 'cancellationReason';

/** One Cartona body field an operation knows: its name, its kind, whether it must be present. */
export interface FieldSpec {
	field: string;
	kind: FieldKind;
	required?: boolean;
}

function checkField(check: FieldCheck, spec: FieldSpec, value: unknown): unknown {
	const required = spec.required ?? false;
	switch (spec.kind) {
		case 'id':
			return checkId(check, value, required);
		case 'quantity':
			return checkQuantity(check, value, { required });
		case 'count':
			return checkQuantity(check, value, { required, integer: true });
		case 'boolean':
			return checkBoolean(check, value);
		case 'date':
			return checkDate(check, value);
		case 'text':
			return checkText(check, value);
		case 'unit':
			return checkEnum(check, value, UNITS, required);
		case 'status':
			return checkEnum(check, value, SUPPLIER_ORDER_STATUSES, required);
		case 'cancellationReason':
			return checkEnum(check, value, CANCELLATION_REASONS, required);
	}
}

/**
 * The body entry for one item: every known field checked and normalised (absent optional fields
 * left out); with `passUnknown`, fields the contract does not name are copied untouched, except
 * this node's and Odoo's own keys (LOCAL_ONLY_FIELDS).
 */
export function normaliseEntry(
	node: INode,
	itemIndex: number,
	source: IDataObject,
	specs: readonly FieldSpec[],
	passUnknown: boolean,
	fieldPrefix = '',
): IDataObject {
	const entry: IDataObject = {};
	const known = new Set(specs.map((spec) => spec.field));
	if (passUnknown) {
		for (const [key, value] of Object.entries(source)) {
			if (!known.has(key) && !(LOCAL_ONLY_FIELDS as readonly string[]).includes(key)) entry[key] = value;
		}
	}
	for (const spec of specs) {
		// Odoo sends `false` for an empty field: absent, except where false is a value.
		const given = source[spec.field] === false && spec.kind !== 'boolean' ? undefined : source[spec.field];
		const value = checkField({ node, itemIndex, field: `${fieldPrefix}${spec.field}` }, spec, given);
		if (value !== undefined) entry[spec.field] = value as IDataObject[string];
	}
	return entry;
}
