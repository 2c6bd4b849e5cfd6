import type { CartonaPath } from '../schema';

/**
 * The one encoder of dynamic path parts: fills `{name}` placeholders of a schema path with
 * `encodeURIComponent`-encoded values, so an id such as `a/b?c` can never change the route.
 */
export function encodePathSegment(value: string): string {
	return encodeURIComponent(value);
}

/**
 * A request path that came out of `buildPath`. `cartonaApiRequest` accepts only this type, so
 * the compiler refuses any path that bypassed the encoder.
 */
export type EncodedPath = string & { readonly __encodedPath: true };

export function buildPath(template: CartonaPath, params: Record<string, string> = {}): EncodedPath {
	return template.replace(/\{([a-z_]+)\}/g, (_match, name: string) => {
		const value = params[name];
		if (value === undefined) {
			throw new RangeError(`Path parameter "${name}" missing for ${template}`);
		}
		return encodePathSegment(value);
	}) as EncodedPath;
}
