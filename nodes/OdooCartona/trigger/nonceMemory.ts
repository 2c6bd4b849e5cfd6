import type { IDataObject } from 'n8n-workflow';

import { REPLAY_WINDOW_SECONDS } from './verifySignature';

type Seen = Record<string, number>;

/**
 * Nonces seen by this n8n process, per trigger (`<workflow id>:<node name>`). Measured on n8n
 * 2.41: a production webhook's static-data change is saved, but the execution that follows saves
 * its own older copy over it, so static data alone forgets every nonce after the first one.
 * Another webhook processor does not see these: in queue mode a replay is bounded to one run per
 * processor, and made harmless by Odoo's outbox claim (test/e2e/queue/odooQueue.test.ts).
 */
const seenInProcess = new Map<string, Seen>();

function prune(seen: unknown, nowSeconds: number): Seen {
	const kept: Seen = {};
	if (!seen || typeof seen !== 'object') return kept;
	for (const [key, at] of Object.entries(seen as Seen)) {
		if (typeof at === 'number' && nowSeconds - at <= 2 * REPLAY_WINDOW_SECONDS) kept[key] = at;
	}
	return kept;
}

/**
 * Remembers the nonce of an accepted ping in this process and in the workflow's static data
 * (`nonces`: nonce -> time seen), forgetting those older than twice the replay window. Returns
 * false when either already holds the nonce (a replay).
 */
export function rememberNonce(staticData: IDataObject, scope: string, nonce: string, nowSeconds: number): boolean {
	const inProcess = prune(seenInProcess.get(scope), nowSeconds);
	const stored = prune(staticData.nonces, nowSeconds);
	const replayed = inProcess[nonce] !== undefined || stored[nonce] !== undefined;
	if (!replayed) {
		inProcess[nonce] = nowSeconds;
		stored[nonce] = nowSeconds;
	}
	seenInProcess.set(scope, inProcess);
	staticData.nonces = stored;
	return !replayed;
}
