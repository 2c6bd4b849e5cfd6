/** Test tiers. unit: no network, nock only. sandbox: the Cartona sandbox on loopback.
 * n8n: the real n8n (installed by scripts/n8n-install.sh). Odoo tiers run from scripts/odoo/. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json', isolatedModules: true }];
const base = { transform: { '^.+\\.ts$': tsJest }, testEnvironment: 'node' };
module.exports = {
	projects: [
		{ ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{ ...base, displayName: 'sandbox', testMatch: ['<rootDir>/test/sandbox/**/*.test.ts'] },
		{ ...base, displayName: 'n8n', testMatch: ['<rootDir>/test/n8n/**/*.test.ts'] },
		// Templates end to end: real n8n server + sandbox (+ real Odoo when ODOO_TEST_ENV is set).
		// E2E_QUEUE=1: the same tier in n8n queue mode (test/e2e/queue/), and only that.
		process.env.E2E_QUEUE === '1'
			? { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/queue/**/*.test.ts'] }
			: { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'], testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/queue/'] },
		// Runs against a real Odoo started by scripts/odoo/ (ODOO_TEST_ENV names its JSON file).
		{ ...base, displayName: 'odoo', testMatch: ['<rootDir>/test/odoo/**/*.test.ts'] },
	],
};
