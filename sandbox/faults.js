'use strict';
/**
 * Faults on demand. A rule matches API requests by method and path (relative to /api/v1/, e.g.
 * "supplier-product/bulk-update"; a trailing "*" matches a prefix; no path matches every path)
 * and injects one fault: 429 | 500 | 503 | slow | drop-before | drop-after.
 * `times` counts down (absent: forever), `skip` lets the first N matching requests through,
 * `probability` (0..1) fires it at random from a seeded generator, so runs repeat.
 */
const fs = require('fs');
const { faultRules, describeZodError } = require('./schemas');
const { createRandom } = require('./seed');

/** Accepts a rule, an array of rules, { faults: [...] } or { rules: [...] }, or a path to a JSON file of those. */
function normaliseScenario(scenario) {
	if (scenario === undefined || scenario === null) return [];
	let value = scenario;
	if (typeof value === 'string') value = JSON.parse(fs.readFileSync(value, 'utf8'));
	if (!Array.isArray(value)) {
		if (Array.isArray(value.faults)) value = value.faults;
		else if (Array.isArray(value.rules)) value = value.rules;
		else value = [value];
	}
	const parsed = faultRules.safeParse(value);
	if (!parsed.success) {
		const { error, details } = describeZodError(parsed.error);
		const err = new Error(`invalid fault rules: ${error}`);
		err.details = details;
		throw err;
	}
	return parsed.data;
}

function trimSlashes(s) {
	return s.replace(/^\/+|\/+$/g, '');
}

class FaultInjector {
	constructor() {
		this.random = createRandom(20260101);
		this.rules = [];
	}

	/** Replaces the active rules; throws (with .details) on invalid rules. */
	set(scenario) {
		this.rules = normaliseScenario(scenario).map((rule) => ({
			...rule,
			remaining: rule.times === undefined ? null : rule.times,
			skipped: 0,
			fired: 0,
		}));
		return this.list();
	}

	clear() {
		this.rules = [];
	}

	list() {
		return this.rules.map((r) => ({ ...r }));
	}

	/** The fault to inject into this request, if any; counts it down. */
	pick(method, path) {
		const target = trimSlashes(path);
		for (const rule of this.rules) {
			if (rule.remaining === 0) continue;
			const m = rule.match || {};
			if (m.method && m.method.toUpperCase() !== method) continue;
			if (m.path !== undefined && m.path !== '' && m.path !== '*') {
				const want = trimSlashes(m.path);
				if (want.endsWith('*') ? !target.startsWith(want.slice(0, -1)) : want !== target) continue;
			}
			if (rule.skipped < (rule.skip || 0)) {
				rule.skipped++;
				continue;
			}
			if (rule.probability !== undefined && this.random() >= rule.probability) continue;
			if (rule.remaining !== null) rule.remaining--;
			rule.fired++;
			return rule;
		}
		return undefined;
	}
}

module.exports = { FaultInjector, normaliseScenario };
