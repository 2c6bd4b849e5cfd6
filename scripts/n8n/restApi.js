'use strict';
/**
 * What a started n8n offers through its internal REST API as the signed-in owner: credentials,
 * workflows, publication (activation), webhooks and executions.
 */
const { unflatten } = require('./unflatten');
const { waitFor } = require('./waitFor');

/** The REST operations on the n8n at baseUrl, through rest (a signed-in restClient). */
function n8nRestApi(rest, baseUrl) {
	const api = {
		/**
		 * Creates credentials ({ name, type, data }) through the REST API; returns [{ id, name, type }].
		 * Idempotent by name and type: when exactly one credential of that name and type exists, its
		 * data is replaced instead (templates find credentials by name, and n8n resolves a name only
		 * when it is unique, so a second `npm start` on the same folder must not add a duplicate).
		 */
		async importCredentials(list) {
			const existing = (await rest.request('GET', 'rest/credentials')) || [];
			const out = [];
			for (const c of list) {
				const same = existing.filter((e) => e.name === c.name && e.type === c.type);
				const saved =
					same.length === 1
						? await rest.request('PATCH', `rest/credentials/${encodeURIComponent(same[0].id)}`, { name: c.name, type: c.type, data: c.data })
						: await rest.request('POST', 'rest/credentials', { name: c.name, type: c.type, data: c.data });
				out.push({ id: saved.id, name: saved.name, type: saved.type });
			}
			return out;
		},
		/**
		 * Creates a workflow from exported JSON through the REST API. Its `id` is kept when given; a
		 * workflow with that id already there is updated in place (a new draft version: call
		 * activate() again to publish it). Credentials referenced by name (`"id": ""`) are resolved
		 * to this instance's ones of that name and type, which must exist first.
		 * Returns { id, versionId, name }.
		 */
		async importWorkflow(json) {
			const body = {
				name: json.name || 'Imported workflow',
				nodes: json.nodes,
				connections: json.connections || {},
				settings: json.settings || {},
				pinData: json.pinData,
				staticData: json.staticData,
			};
			let current;
			if (json.id) {
				try {
					current = await rest.request('GET', `rest/workflows/${encodeURIComponent(json.id)}`);
				} catch (e) {
					if (e.status !== 404) throw e;
				}
			}
			const saved = current
				? await rest.request('PATCH', `rest/workflows/${encodeURIComponent(json.id)}`, { ...body, versionId: current.versionId })
				: await rest.request('POST', 'rest/workflows', json.id ? { ...body, id: json.id } : body);
			return { id: saved.id, versionId: saved.versionId, name: saved.name };
		},
		async getWorkflow(id) {
			return rest.request('GET', `rest/workflows/${encodeURIComponent(id)}`);
		},
		/** Changes a workflow (e.g. settings.errorWorkflow); the body is merged over the stored one. */
		async updateWorkflow(id, patch) {
			const current = await rest.request('GET', `rest/workflows/${encodeURIComponent(id)}`);
			return rest.request('PATCH', `rest/workflows/${encodeURIComponent(id)}`, { versionId: current.versionId, ...patch });
		},
		/**
		 * Publishes (activates) the workflow's current version and waits until its triggers and
		 * webhooks are live (2.41 publishes through an outbox: GET .../publication-status).
		 */
		async activate(id, { timeoutMs = 30000 } = {}) {
			const wfPath = `rest/workflows/${encodeURIComponent(id)}`;
			const wf = await rest.request('GET', wfPath);
			const activated = await rest.request('POST', `${wfPath}/activate`, { versionId: wf.versionId });
			let status;
			try {
				status = await rest.request('GET', `${wfPath}/publication-status`);
			} catch (e) {
				if (e.status === 404) return activated; // N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false: already live
				throw e;
			}
			status = await waitFor(
				async () => {
					const s = await rest.request('GET', `${wfPath}/publication-status`);
					return s.status !== 'in_progress' && s.liveVersionId === wf.versionId ? s : s.status === 'failed' ? s : false;
				},
				{ timeoutMs, intervalMs: 100, what: `workflow ${id} to be published` },
			);
			if (status.status !== 'published') {
				const errors = status.triggers.filter((t) => t.errorMessage).map((t) => `${t.nodeId}: ${t.errorMessage}`);
				throw new Error(`workflow ${id} publication ${status.status}: ${errors.join('; ')}`);
			}
			return activated;
		},
		async deactivate(id) {
			return rest.request('POST', `rest/workflows/${encodeURIComponent(id)}/deactivate`, {});
		},
		/** Calls a production webhook (`webhook/<path>`); test webhooks: { test: true }. */
		async webhook(webhookPath, { method = 'POST', body, headers = {}, test = false } = {}) {
			const url = new URL(`${test ? 'webhook-test' : 'webhook'}/${webhookPath.replace(/^\//, '')}`, baseUrl);
			const start = Date.now();
			const res = await fetch(url, {
				method,
				headers: { ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}), ...headers },
				body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
			});
			const text = await res.text();
			let parsed = text;
			try {
				parsed = JSON.parse(text);
			} catch {
				/* not JSON */
			}
			return { status: res.status, headers: Object.fromEntries(res.headers), body: parsed, ms: Date.now() - start };
		},
		/** Lists executions (newest first): { workflowId?, status? ('success'|'error'|...), limit? }. */
		async executions({ workflowId, status, limit = 50 } = {}) {
			const filter = {};
			if (workflowId) filter.workflowId = workflowId;
			if (status) filter.status = [status];
			const q = new URLSearchParams({ filter: JSON.stringify(filter), limit: String(limit) });
			const r = await rest.request('GET', `rest/executions?${q}`);
			return (r && r.results) || [];
		},
		/** One execution with its run data, parsed (n8n stores it flattened). */
		async execution(id) {
			const r = await rest.request('GET', `rest/executions/${encodeURIComponent(id)}`);
			if (r && typeof r.data === 'string') r.data = unflatten(r.data);
			return r;
		},
		/** Waits for a finished execution of a workflow; returns it with run data. */
		async waitForExecution({ workflowId, status, timeoutMs = 30000, after } = {}) {
			const found = await waitFor(
				async () => {
					const list = await api.executions({ workflowId, limit: 20 });
					return list.find(
						(e) =>
							e.status !== 'running' &&
							e.status !== 'new' &&
							e.status !== 'waiting' &&
							(!status || e.status === status) &&
							(!after || !Array.from(after).includes(e.id)),
					);
				},
				{ timeoutMs, intervalMs: 200, what: `an execution of workflow ${workflowId}${status ? ` with status ${status}` : ''}` },
			);
			return api.execution(found.id);
		},
	};
	return api;
}

module.exports = { n8nRestApi };
