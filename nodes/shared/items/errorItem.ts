import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { NodeError } from './nodeError';

/**
 * The JSON of an error item (Continue On Fail). Each node keeps its own documented shape (the
 * workflow templates read these fields); both carry `ok: false` and `error`, so one IF node on
 * "ok" splits every failure.
 */
export type ErrorItemShape = (error: NodeError, extra: IDataObject) => IDataObject;

/**
 * `{ ok: false, error, ...extra, description?, field?, statusCode? }`: the description of any
 * node error, the field named by a validation error (`context.field`), the HTTP status of an
 * API error; each only when known.
 */
export const errorWithDetails: ErrorItemShape = (error, extra) => {
	const json: IDataObject = { ok: false, error: error.message, ...extra };
	if (error.description) json.description = error.description;
	if (typeof error.context.field === 'string') json.field = error.context.field;
	if (error instanceof NodeApiError && error.httpCode) json.statusCode = error.httpCode;
	return json;
};

/**
 * `{ ...extra, ok: false, error }`, plus `statusCode` and `description` of an API error.
 * `extra` first: a refused batch element keeps Odoo's own fields in Odoo's order.
 */
export const errorWithApiStatus: ErrorItemShape = (error, extra) => {
	const json: IDataObject = { ...extra, ok: false, error: error.message };
	if (error instanceof NodeApiError) {
		json.statusCode = error.httpCode;
		json.description = error.description;
	}
	return json;
};
