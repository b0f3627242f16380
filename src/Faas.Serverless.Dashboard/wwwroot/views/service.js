import { api, listAll } from '../api.js';
import { latencyChart, perMinuteChart } from '../charts.js';
import { alertBox, badge, errorBox, fill, h, section, seconds, table, time } from '../dom.js';
import { latencies, percentile, perMinute } from '../stats.js';

const CHART_MINUTES = 30;

/** One service: its status and replicas with their init errors, a run form, charts and its latest executions. */
export async function serviceView(main, ctx) {
  const { projectId, serviceId } = ctx.params;
  const base = `/projects/${projectId}/services/${serviceId}`;
  const service = await api(base, { signal: ctx.signal });
  const pkg = await api(`/projects/${projectId}/packages/${service.packageId}`, { query: { revision: service.packageRevision }, signal: ctx.signal }).catch(() => null);
  const functions = pkg?.modules.find((m) => m.name === service.moduleName)?.functions ?? [];

  const statusHolder = h('div', { id: 'service-status' });
  const chartsHolder = h('div', { id: 'service-charts', class: 'charts' });
  const recentHolder = h('div', { id: 'service-executions' });
  fill(main,
    h('h1', {}, service.name, h('span', { class: 'muted' }, ` version ${service.version} · ${service.packageName} r${service.packageRevision} · ${service.moduleName}`)),
    section('Status', statusHolder),
    runForm(projectId, serviceId, functions),
    section(`Last ${CHART_MINUTES} minutes`, chartsHolder),
    section('Latest executions', recentHolder,
      h('p', {}, h('a', { href: `#/p/${projectId}/executions?serviceId=${serviceId}` }, 'All executions of this service →'))));

  // Re-rendered only on change, so that a traceback the user opened stays open.
  let shownStatus = null;
  const refreshStatus = async () => {
    const status = await api(`${base}/status`, { signal: ctx.signal });
    const text = JSON.stringify(status);
    if (text === shownStatus) return;
    shownStatus = text;
    fill(statusHolder, statusPanel(status));
  };
  const refreshExecutions = async () => {
    const to = Date.now();
    const from = to - CHART_MINUTES * 60_000;
    const executions = await listAll(`${base}/executions`, { query: { from: new Date(from).toISOString() }, max: 2000, signal: ctx.signal });
    fill(chartsHolder, charts(executions, from, to));
    fill(recentHolder, table([
      ['Execution', (e) => h('a', { href: `#/p/${projectId}/executions/${e.id}`, class: 'execution-link' }, h('code', {}, e.id))],
      ['Function', (e) => e.functionName],
      ['Status', (e) => badge(e.status)],
      ['Created', (e) => time(e.createdAt)],
    ], executions.slice(0, 10), { empty: `No executions in the last ${CHART_MINUTES} minutes.` }));
  };
  await Promise.all([refreshStatus(), refreshExecutions()]);
  ctx.every(3000, refreshStatus);
  ctx.every(5000, refreshExecutions);
}

function statusPanel(status) {
  return [
    h('p', { class: 'status-line' }, badge(status.status), ` ${status.readyReplicas} of ${status.desiredReplicas} replicas ready · version ${status.serviceVersion}`),
    status.note ? h('p', { class: 'note' }, status.note) : null,
    status.error ? h('div', { class: 'init-error' }, h('p', {}, `Replica ${status.errorReplicaId ?? '?'} failed:`), errorBox(status.error)) : null,
    table([
      ['Replica', (r) => h('code', {}, r.replicaId)],
      ['State', (r) => badge(r.state)],
      ['Version', (r) => r.serviceVersion],
      ['Pid', (r) => r.pid ?? '—'],
      ['Runtime', (r) => r.runtime ?? '—'],
      ['Message', (r) => [r.message ?? '', errorBox(r.error)]],
      ['Updated', (r) => time(r.updatedAt)],
    ], status.replicas, { empty: 'No replicas yet.', rowAttributes: (r) => ({ class: 'replica-row', dataset: { state: r.state } }) }),
  ];
}

const SAMPLE_VALUES = { String: '', Integer: 0, Number: 0, Float: 0, Boolean: false, Json: null };

function template(fn) {
  const input = {};
  for (const entry of fn?.input ?? []) {
    input[entry.name] = entry.type.endsWith('[]') ? [] : entry.type in SAMPLE_VALUES ? SAMPLE_VALUES[entry.type] : 'id';
  }
  return JSON.stringify(input, null, 2);
}

function runForm(projectId, serviceId, functions) {
  const message = h('div', { id: 'run-message' });
  const select = h('select', { id: 'run-function', name: 'functionName' }, functions.map((f) => h('option', { value: f.name }, `${f.displayName ?? f.name} (${f.name})`)));
  const input = h('textarea', { id: 'run-input', name: 'input', rows: 4, spellcheck: 'false' }, template(functions[0]));
  select.addEventListener('change', () => { input.value = template(functions.find((f) => f.name === select.value)); });
  const form = h('form', { class: 'card', id: 'run-form' },
    h('h2', {}, 'Run'),
    h('label', { for: 'run-function' }, 'Function'), select,
    h('label', { for: 'run-input' }, 'Input (JSON object, by input name)'), input,
    h('button', { type: 'submit' }, 'Run'),
    message);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const execution = await api(`/projects/${projectId}/services/${serviceId}/execute`, {
        method: 'POST', json: { functionName: select.value, input: JSON.parse(input.value || '{}') },
      });
      location.hash = `#/p/${projectId}/executions/${execution.id}`;
    } catch (error) {
      fill(message, alertBox(error));
    }
  });
  return form;
}

function charts(executions, from, to) {
  const points = latencies(executions);
  const values = points.map((p) => p.seconds);
  const p50 = percentile(values, 50);
  const p95 = percentile(values, 95);
  return [
    h('figure', { id: 'chart-per-minute' }, perMinuteChart(perMinute(executions, from, to)),
      h('figcaption', {}, `Executions per minute: ${executions.length} in ${CHART_MINUTES} min `,
        h('span', { class: 'legend legend-success' }, 'success'), h('span', { class: 'legend legend-failed' }, 'failed'), h('span', { class: 'legend legend-running' }, 'not finished'))),
    h('figure', { id: 'chart-latency' }, latencyChart(points, from, to, { p50, p95 }),
      h('figcaption', {}, `Latency from creation to final status: ${points.length} finished, p50 ${seconds(p50)}, p95 ${seconds(p95)}`)),
  ];
}
