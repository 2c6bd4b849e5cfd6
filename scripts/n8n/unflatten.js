'use strict';

/**
 * n8n stores execution data "flatted" (an array whose strings that look like indices point to other
 * entries). This reverses it without a dependency.
 */
function unflatten(text) {
	const input = JSON.parse(text);
	if (!Array.isArray(input)) return input;
	const seen = new Map();
	const revive = (value) => {
		if (typeof value === 'string' && /^\d+$/.test(value)) {
			const i = Number(value);
			if (seen.has(i)) return seen.get(i);
			return resolve(i);
		}
		return value;
	};
	const resolve = (i) => {
		const raw = input[i];
		if (raw === null || typeof raw !== 'object') {
			seen.set(i, raw);
			return raw;
		}
		const out = Array.isArray(raw) ? [] : {};
		seen.set(i, out);
		for (const k of Object.keys(raw)) out[k] = revive(raw[k]);
		return out;
	};
	return resolve(0);
}

module.exports = { unflatten };
