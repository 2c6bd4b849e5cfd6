'use strict';
/**
 * npm start's live mode: CARTONA_ENV (staging | production | an http(s) URL) and CARTONA_TOKEN
 * point the "Cartona account" credential at a real Cartona, through the dry-run gateway
 * (cartonaGateway.js) so that pushes start dry. CARTONA_PUSH=on sends them from the start.
 * The token goes into the n8n credential only; nothing here prints it.
 */
const { startCartonaGateway, upstreamOf } = require('./cartonaGateway');

/** Undefined without CARTONA_ENV; otherwise the gateway and the credential data for n8n. */
async function startLiveCartona(env, log) {
	if (!env.CARTONA_ENV) return undefined;
	const token = env.CARTONA_TOKEN || '';
	if (!token) throw new Error('CARTONA_ENV is set but CARTONA_TOKEN is empty: export your Cartona token (it is never printed)');
	const upstream = upstreamOf(env.CARTONA_ENV);
	const push = /^(on|1|true|yes)$/i.test(env.CARTONA_PUSH || '');
	const gateway = await startCartonaGateway({ upstream, push, port: Number(env.CARTONA_GATEWAY_PORT || 0), log });
	const label = ['staging', 'production'].includes(env.CARTONA_ENV) ? `Cartona ${env.CARTONA_ENV}` : `Cartona at ${upstream}`;
	return {
		gateway,
		label,
		credentialData: { environment: 'custom', url: gateway.url, token, internalSupplierCode: env.CARTONA_SUPPLIER_CODE || '' },
		summary() {
			const control = `curl -X POST -d '{"on":true}' ${gateway.url}__gateway/push`;
			return [
				`  Cartona         ${label} (${upstream}) through the gateway ${gateway.url}; token from CARTONA_TOKEN (not shown)`,
				gateway.pushOn
					? '  Pushes          ON: stock, prices, order status and acknowledgements are sent to Cartona'
					: `  Pushes          DRY: reads are real, writes are only shown as "[dry run] would send ..."; switch on: ${control}`,
			];
		},
	};
}

module.exports = { startLiveCartona };
