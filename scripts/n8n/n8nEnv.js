'use strict';
/**
 * Where the real n8n lives and the environment every n8n process of ours gets (the list measured on
 * 2.41.1, see test/harness/README.md).
 */
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const N8N_VERSION = process.env.N8N_VERSION || '2.41.1';
const CACHE = process.env.CARTONA_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-cartona');
/** Fixed so a user folder can be reused across starts (credentials stay decryptable). Test-only. */
const ENCRYPTION_KEY = 'n8n-nodes-cartona-local-test-key';

/**
 * n8n's V8 heap cap, as docs/scaling.md recommends deploying it. Without a cap V8 sizes the heap
 * from the machine's memory and grows it lazily: on 24 GB, 50,000 products grew n8n by 430 MB in
 * the first run and kept it, while the same runs capped at 1024 (or 512) MB grew it by 10 to 33 MB
 * and took no longer (bench/growth_bench.js, BENCH_N8N_NODE_OPTIONS). env.NODE_OPTIONS overrides it.
 */
const N8N_NODE_OPTIONS = '--max-old-space-size=1024';

/** The environment every n8n process of ours gets (the notes' list, measured on 2.41.1). */
function n8nEnv({ userFolder, port, brokerPort, env = {} }) {
	const base = {
		...process.env,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'info',
		N8N_LOG_OUTPUT: 'console',
		DB_SQLITE_POOL_SIZE: '2',
		NODE_ENV: 'production',
		// Nothing here may reach the internet (only the npm registry is reachable on these machines).
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry', // it polls api.n8n.io and logs a stack trace each time
		// 2.41 publishes (activates) through an outbox polled every 15 s by default; poll fast so a
		// published webhook is live within a second. The publication service itself stays on (default).
		N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS: '250',
	};
	base.NODE_OPTIONS = N8N_NODE_OPTIONS; // and jest's --experimental-vm-modules must not leak into n8n
	return { ...base, ...env };
}

module.exports = { ROOT, N8N_VERSION, CACHE, N8N_NODE_OPTIONS, n8nEnv };
