import type { IDataObject } from 'n8n-workflow';

import { REPLAY_WINDOW_SECONDS } from './verifySignature';

/**
 * Remembers the nonces of accepted pings in the workflow's static data (`nonces`: nonce -> time
 * seen), forgetting those older than twice the replay window. Returns false when the nonce was
 * already seen (a replay).
 */
export function rememberNonce(staticData: IDataObject, nonce: string, nowSeconds: number): boolean {
	const seen = (staticData.nonces && typeof staticData.nonces === 'object' ? staticData.nonces : {}) as Record<string, number>;
	const kept: Record<string, number> = {};
	for (const [key, at] of Object.entries(seen)) {
		if (typeof at === 'number' && nowSeconds - at <= 2 * REPLAY_WINDOW_SECONDS) kept[key] = at;
	}
	if (kept[nonce] !== undefined) {
		staticData.nonces = kept;
		return false;
	}
	kept[nonce] = nowSeconds;
	staticData.nonces = kept;
	return true;
}
