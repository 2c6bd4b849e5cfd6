'use strict';
/** The owner's session on n8n's internal REST API: requests with a cookie jar, and signing in. */

const OWNER = { email: 'owner@cartona.test', firstName: 'Cartona', lastName: 'Tester', password: 'Cartona-Test-1' };

/** Minimal HTTP client with a cookie jar for n8n's internal REST API. */
function restClient(baseUrl) {
	let cookie = '';
	async function request(method, urlPath, body, headers = {}) {
		const res = await fetch(new URL(urlPath, baseUrl), {
			method,
			headers: {
				...(body !== undefined ? { 'content-type': 'application/json' } : {}),
				...(cookie ? { cookie } : {}),
				'browser-id': 'cartona-harness',
				...headers,
			},
			body: body !== undefined ? JSON.stringify(body) : undefined,
		});
		const setCookie = res.headers.getSetCookie ? res.headers.getSetCookie() : [];
		for (const c of setCookie) {
			const m = /^n8n-auth=([^;]*)/.exec(c);
			if (m) cookie = `n8n-auth=${m[1]}`;
		}
		const text = await res.text();
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		if (!res.ok) {
			const err = new Error(`n8n ${method} ${urlPath} -> ${res.status}: ${text.slice(0, 500)}`);
			err.status = res.status;
			err.body = json ?? text;
			throw err;
		}
		return json && typeof json === 'object' && 'data' in json ? json.data : json;
	}
	return { request, getCookie: () => cookie };
}

/** Creates the OWNER account on a fresh instance, or logs in as OWNER; the session stays in rest. */
async function signInOwner(rest) {
	const settings = await rest.request('GET', 'rest/settings');
	if (settings && settings.userManagement && settings.userManagement.showSetupOnFirstLoad) {
		await rest.request('POST', 'rest/owner/setup', OWNER);
	} else {
		await rest.request('POST', 'rest/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
	}
}

module.exports = { OWNER, restClient, signInOwner };
