import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ErrorItemShape } from './items/errorItem';

/**
 * No secret leaves a node in an error (issue 13): workflow templates print `error` and
 * `description` with plain field references and carry no redaction regexes, so the node redacts
 * its errors before they are output or thrown. Used by the Cartona and the OdooCartona router
 * (both nodes' errors reach the same alerts).
 */

const REDACTED = '[redacted]';

/** "Bearer <token>" / "Basic <token>". */
const AUTH_SCHEME = /\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+/gi;
/**
 * key=value and key: value pairs of credential-like keys (the value is removed, the key kept).
 * A bare "token" counts only with "=" or quoted, so "Cartona rejected the token: ..." stays.
 */
const SECRET_PAIR =
	/(authorizationtoken|authorization|x-cartona-signature|api[_-]?key|\w+_token|password|passwd|secret|retailer_otp|\botp|"token"|\btoken(?=\s*=))(["']?\s*[:=]\s*["']?)(?!\[redacted\])(?:(?:bearer|basic)\s+)?[^\s"',;}]+/gi;
/** Any long run of letters mixed with digits (tokens, API keys, signatures). */
const TOKEN_LIKE = /(?=[A-Za-z0-9_-]*[0-9])(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{20,}/g;

/** `text` with anything that looks like a credential, OTP or signature replaced by [redacted]. */
export function redactSecrets(text: string): string {
	return text
		.replace(AUTH_SCHEME, `$1 ${REDACTED}`)
		.replace(SECRET_PAIR, `$1$2${REDACTED}`)
		.replace(TOKEN_LIKE, REDACTED);
}

/** Redacts a node error's message and description in place; anything else passes unchanged. */
export function redactNodeError<E>(error: E): E {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.message = redactSecrets(error.message);
		if (typeof error.description === 'string') error.description = redactSecrets(error.description);
	}
	return error;
}

/** `shape` over the redacted error: an error item's `error` and `description` carry no secret. */
export function redacting(shape: ErrorItemShape): ErrorItemShape {
	return (error, extra) => shape(redactNodeError(error), extra);
}
