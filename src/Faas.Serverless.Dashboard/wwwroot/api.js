// The JSON API at /api/v1, called with the API key the user pasted. The key lives in sessionStorage: it is gone
// when the tab closes and is never sent anywhere but this origin (the page's Content-Security-Policy).
const KEY = 'faas.apiKey';

export const session = {
  get key() { return sessionStorage.getItem(KEY); },
  set key(value) { sessionStorage.setItem(KEY, value); },
  clear() { sessionStorage.removeItem(KEY); },
};

/** An error answer of the API, carrying its problem details. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(describe(status, problem));
    this.status = status;
    this.problem = problem;
  }
}

function describe(status, problem) {
  if (!problem) return `The API answered ${status}.`;
  const fields = Object.entries(problem.errors ?? {}).map(([field, messages]) => `${field}: ${messages.join(' ')}`);
  return [problem.title, problem.detail, ...fields].filter(Boolean).join(' — ');
}

/** Where to go when the key is refused; the app sets it to its login page. */
export const hooks = { unauthorized: () => {} };

function url(path, query) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(name, value);
  }
  const text = params.toString();
  return `/api/v1${path}${text ? `?${text}` : ''}`;
}

async function send(path, { method = 'GET', query, json, form, signal } = {}) {
  const headers = { Authorization: `Bearer ${session.key ?? ''}`, Accept: 'application/json' };
  let body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (form) {
    body = form;
  }
  const response = await fetch(url(path, query), { method, headers, body, signal });
  if (response.status === 401) hooks.unauthorized();
  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    throw new ApiError(response.status, problem);
  }
  return response;
}

/** Sends a request and reads its JSON answer (null for 204). */
export async function api(path, options) {
  const response = await send(path, options);
  return response.status === 204 ? null : response.json();
}

/** Reads a listing page by page, up to max items. */
export async function listAll(path, { query, max = 1000, signal } = {}) {
  const items = [];
  let continuationToken;
  do {
    const page = await api(path, { query: { ...query, pageSize: Math.min(500, max - items.length), continuationToken }, signal });
    items.push(...page.items);
    continuationToken = page.continuationToken;
  } while (continuationToken && items.length < max);
  return items;
}

/**
 * Follows an execution's log: GET …/logs?follow=true answers JSON lines until the execution is final. fetch is
 * used rather than EventSource because only fetch can send the Authorization header.
 */
export async function followLogs(projectId, executionId, onLine, signal) {
  const response = await send(`/projects/${projectId}/executions/${executionId}/logs`, { query: { follow: 'true' }, signal });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    pending += value;
    const lines = pending.split('\n');
    pending = lines.pop();
    for (const line of lines) {
      if (line.trim()) onLine(JSON.parse(line));
    }
  }
}
