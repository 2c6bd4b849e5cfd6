import { createHmac, timingSafeEqual } from 'crypto';

/** How far a ping's timestamp may be from this clock, and how long a nonce is remembered. */
export const REPLAY_WINDOW_SECONDS = 300;

export interface SignedPing {
	timestamp: string | undefined;
	nonce: string | undefined;
	signature: string | undefined;
	rawBody: Buffer;
}

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: string };

/** `sha256=<hex HMAC-SHA256(secret, timestamp + "." + nonce + "." + raw body)>` */
export function signPing(secret: string, timestamp: string, nonce: string, rawBody: Buffer): string {
	const hmac = createHmac('sha256', secret);
	hmac.update(`${timestamp}.${nonce}.`);
	hmac.update(rawBody);
	return `sha256=${hmac.digest('hex')}`;
}

/**
 * Checks the headers of a signed Odoo ping (docs/odoo-batch-api.md "Odoo -> n8n signed calls"):
 * signature present and equal (constant time), timestamp within the window of `nowSeconds`.
 * The nonce is checked against the remembered ones by the caller.
 */
export function verifySignature(secret: string, ping: SignedPing, nowSeconds: number): SignatureCheck {
	if (!secret) return { ok: false, reason: 'no webhook secret is set in the n8n credential' };
	const { timestamp, nonce, signature } = ping;
	if (!signature) return { ok: false, reason: 'missing X-Cartona-Signature' };
	if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing or malformed X-Cartona-Timestamp' };
	if (!nonce || !/^[A-Za-z0-9-]{8,128}$/.test(nonce)) return { ok: false, reason: 'missing or malformed X-Cartona-Nonce' };
	const expected = Buffer.from(signPing(secret, timestamp, nonce, ping.rawBody));
	const given = Buffer.from(signature.trim().toLowerCase());
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
		return { ok: false, reason: 'wrong signature' };
	}
	const sentAt = Number(timestamp);
	if (Math.abs(nowSeconds - sentAt) > REPLAY_WINDOW_SECONDS) {
		return { ok: false, reason: `timestamp is more than ${REPLAY_WINDOW_SECONDS} s away from this server's clock` };
	}
	return { ok: true, timestamp: sentAt };
}
