import type { IDataObject, INode } from 'n8n-workflow';
import { itemFieldError } from './itemFieldError';

/**
 * Checks and normalises one field value of one item. Each validator returns the value to send,
 * `undefined` for an absent optional value, or throws `itemFieldError`.
 */
export interface FieldCheck {
	node: INode;
	itemIndex: number;
	/** Field name as Cartona spells it (also used in the message), e.g. `order_details[2].amount`. */
	field: string;
}

/**
 * Bounds, as the Odoo addon bounds what it stores (cartona_rules.py): an identifier longer than
 * Odoo keeps, or a price, stock or amount beyond any real one (1e308 is a finite number), is an
 * error of its item, never sent to Cartona.
 */
export const MAX_ID_LENGTH = 64;
export const MAX_NUMBER = 1e9;

export function isAbsent(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** A refused value for a message, shortened (never the whole of a 5 MB text). */
function describe(value: unknown): string {
	const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);
	return text.length > 80 ? `${text.slice(0, 80)}... (${text.length} characters)` : text;
}

/** An identifier: a non-empty string (trimmed) or a number, sent as given. */
export function checkId(check: FieldCheck, value: unknown, required: boolean): string | number | undefined {
	if (isAbsent(value)) {
		if (required) throw itemFieldError(check.node, check.itemIndex, check.field, 'is missing');
		return undefined;
	}
	if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
	if (typeof value === 'string' && value.trim().length <= MAX_ID_LENGTH) return value.trim();
	if (typeof value === 'string') {
		throw itemFieldError(check.node, check.itemIndex, check.field, `must be at most ${MAX_ID_LENGTH} characters, got ${value.length}`);
	}
	if (typeof value === 'number' && Number.isFinite(value)) {
		throw itemFieldError(check.node, check.itemIndex, check.field, `must be a whole number up to ${Number.MAX_SAFE_INTEGER}, got ${value}`);
	}
	throw itemFieldError(check.node, check.itemIndex, check.field, `must be a text or number identifier, got ${describe(value)}`);
}

/** A non-negative number (a numeric string is accepted); `integer` also refuses fractions. */
export function checkQuantity(
	check: FieldCheck,
	value: unknown,
	{ required = false, integer = false }: { required?: boolean; integer?: boolean } = {},
): number | undefined {
	if (isAbsent(value)) {
		if (required) throw itemFieldError(check.node, check.itemIndex, check.field, 'is missing');
		return undefined;
	}
	const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
	if (typeof value === 'boolean' || !Number.isFinite(number)) {
		throw itemFieldError(check.node, check.itemIndex, check.field, `must be a number, got ${describe(value)}`);
	}
	if (number < 0) {
		throw itemFieldError(check.node, check.itemIndex, check.field, `must not be negative, got ${number}`);
	}
	if (number > MAX_NUMBER) {
		throw itemFieldError(check.node, check.itemIndex, check.field, `must be at most ${MAX_NUMBER}, got ${number}`);
	}
	if (integer && !Number.isInteger(number)) {
		throw itemFieldError(check.node, check.itemIndex, check.field, `must be a whole number, got ${number}`);
	}
	return number;
}

/** true/false (the strings "true"/"false" are accepted). */
export function checkBoolean(check: FieldCheck, value: unknown): boolean | undefined {
	if (isAbsent(value)) return undefined;
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw itemFieldError(check.node, check.itemIndex, check.field, `must be true or false, got ${describe(value)}`);
}

/** One of a fixed list of values. */
export function checkEnum(
	check: FieldCheck,
	value: unknown,
	allowed: readonly string[],
	required: boolean,
): string | undefined {
	if (isAbsent(value)) {
		if (required) throw itemFieldError(check.node, check.itemIndex, check.field, 'is missing');
		return undefined;
	}
	if (typeof value !== 'string' || !allowed.includes(value.trim())) {
		throw itemFieldError(
			check.node,
			check.itemIndex,
			check.field,
			`must be one of ${allowed.join(', ')}; got ${describe(value)}`,
		);
	}
	return value.trim();
}

/** A date or date-time as text (ISO 8601 or anything Date.parse reads); Luxon/Date objects become ISO. */
export function checkDate(check: FieldCheck, value: unknown): string | undefined {
	if (isAbsent(value)) return undefined;
	if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
	if (value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return String((value as { toISO: () => string }).toISO());
	}
	if (typeof value === 'string' && !Number.isNaN(Date.parse(value.trim()))) return value.trim();
	throw itemFieldError(check.node, check.itemIndex, check.field, `must be a date such as 2026-04-28, got ${describe(value)}`);
}

/** Free text (numbers are sent as text). */
export function checkText(check: FieldCheck, value: unknown): string | undefined {
	if (isAbsent(value)) return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return String(value);
	throw itemFieldError(check.node, check.itemIndex, check.field, `must be text, got ${describe(value)}`);
}

/** A JSON object (the item itself, or one order line). */
export function checkObject(check: FieldCheck, value: unknown): IDataObject {
	if (value && typeof value === 'object' && !Array.isArray(value)) return value as IDataObject;
	if (isAbsent(value)) throw itemFieldError(check.node, check.itemIndex, check.field, 'is missing');
	throw itemFieldError(check.node, check.itemIndex, check.field, `must be an object, got ${describe(value)}`);
}
