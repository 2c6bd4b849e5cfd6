import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { FieldSpec } from '../validation/normaliseEntry';
import { PARAM } from './common.descriptions';

/** A body field shown in the Field Mapping UI: parameter `param` fills Cartona field `field`. */
export interface MappedField extends FieldSpec {
	param: string;
	displayName: string;
	description: string;
}

/**
 * One string parameter per field, shown for "Fields From: Field Mapping", defaulting to an
 * expression that reads the same-named field of the item (`={{ $json.internal_product_id }}`),
 * so items shaped like Cartona's bodies (e.g. the Odoo stock snapshot) need no configuration.
 * Values are checked and converted by validation/, so numbers and booleans may come as text.
 */
const defaultExpression = (field: string) => `={{ $json.${field} }}`;

export function mappingProperties(fields: readonly MappedField[]): INodeProperties[] {
	return fields.map((mapped) => ({
		displayName: mapped.displayName,
		name: mapped.param,
		type: 'string',
		default: defaultExpression(mapped.field),
		required: mapped.required ?? false,
		description: mapped.description,
		displayOptions: { show: { [PARAM.fieldsSource]: ['mapping'] } },
	}));
}

export interface ItemSource {
	source: IDataObject;
	/** Unknown fields go to Cartona untouched only when the item's JSON is the source. */
	passUnknown: boolean;
}

/** The raw fields of item i, from the mapping parameters or from the item's JSON. */
export function readItemSource(this: IExecuteFunctions, itemIndex: number, fields: readonly MappedField[]): ItemSource {
	const from = this.getNodeParameter(PARAM.fieldsSource, itemIndex, 'mapping') as string;
	if (from === 'itemJson') {
		return { source: this.getInputData()[itemIndex]?.json ?? {}, passUnknown: true };
	}
	const json = this.getInputData()[itemIndex]?.json ?? {};
	const raw = this.getNode().parameters;
	const source: IDataObject = {};
	for (const mapped of fields) {
		// Fast path, same result: an untouched default reads the item's field directly instead of
		// evaluating `={{ $json.<field> }}` once per field and item (10,000 items x 8 fields).
		source[mapped.field] =
			raw[mapped.param] === undefined || raw[mapped.param] === defaultExpression(mapped.field)
				? json[mapped.field]
				: (this.getNodeParameter(mapped.param, itemIndex, undefined) as IDataObject[string]);
	}
	return { source, passUnknown: false };
}
