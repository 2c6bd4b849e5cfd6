import type { IDataObject } from 'n8n-workflow';

/**
 * What a verified ping from the addon must contain before it starts anything. The addon sends
 * (models/marketplace_supplier_config.py): `_ping_payload` -> `{event: "outbox", config_id,
 * config_name, kinds: [..], pending, sent_at}`; Test Connection -> `{event: "connection_test",
 * config_id, config_name, internal_supplier_code, sent_at}`. The router reads `config_id` and
 * `kinds` (no kinds = every kind); other fields pass through untouched.
 */
export const PING_EVENT_BY_MODE: Record<string, string> = {
	outbox: 'outbox',
	connectionTest: 'connection_test',
};

/** Longest kind name accepted (the addon's are `stock`, `price`, `order_status`, `order_details`). */
const MAX_KIND = 64;
/** PostgreSQL integer: a larger id cannot name an Odoo record. */
const MAX_RECORD_ID = 2 ** 31 - 1;

function shown(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (value === null) return 'null';
	if (typeof value === 'object') return 'an object';
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 64 ? `${text.slice(0, 64)}... (${text.length} characters)` : text;
}

/**
 * The sentence refusing a ping's content (naming the field), or undefined when the ping may
 * start the workflow. `mode` is the trigger's Event parameter.
 */
export function pingContentError(mode: string, ping: IDataObject): string | undefined {
	const expected = PING_EVENT_BY_MODE[mode] ?? PING_EVENT_BY_MODE.outbox;
	if (ping.event !== expected) {
		return `"event" ${shown(ping.event ?? null)} is not expected on this path (it takes "${expected}" pings)`;
	}
	const id = ping.config_id;
	if (typeof id !== 'number' || !Number.isInteger(id) || id < 1 || id > MAX_RECORD_ID) {
		return `"config_id" must be the positive integer id of the Odoo configuration, got ${shown(id ?? null)}`;
	}
	if (ping.kinds !== undefined) {
		if (!Array.isArray(ping.kinds)) return `"kinds" must be a list of change kinds, got ${shown(ping.kinds)}`;
		const bad = ping.kinds.findIndex((k) => typeof k !== 'string' || k === '' || k.length > MAX_KIND);
		if (bad >= 0) return `"kinds[${bad}]" must be the name of a change kind, got ${shown(ping.kinds[bad])}`;
	}
	return undefined;
}
