/** Benchmarks run through jest only to reuse the TypeScript test harness; they assert nothing about time. */
module.exports = {
	rootDir: '..',
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', isolatedModules: true }] },
	testEnvironment: 'node',
	testMatch: ['<rootDir>/bench/**/*.bench.ts'],
	testTimeout: 900000,
};
