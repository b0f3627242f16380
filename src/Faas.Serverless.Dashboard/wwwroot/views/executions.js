import { api, listAll } from '../api.js';
import { STATUSES, badge, fill, h, section, seconds, shortId, table, time } from '../dom.js';

const FILTERS = ['status', 'serviceId', 'functionName', 'triggerId', 'from'];
const PAGE = 50;

/** Executions newest first, filtered by the hash's query (status, serviceId, functionName, triggerId, from), live every 2 s. */
export async function executionsView(main, ctx) {
  const { projectId } = ctx.params;
  const filter = Object.fromEntries(FILTERS.map((name) => [name, ctx.query.get(name) ?? '']));
  const [services, triggers] = await Promise.all([
    listAll(`/projects/${projectId}/services`, { signal: ctx.signal }),
    listAll(`/projects/${projectId}/triggers`, { signal: ctx.signal }),
  ]);
  const triggerNames = new Map(triggers.map((t) => [t.id, t.name]));
  const holder = h('div', { id: 'executions' });
  let shown = PAGE;
  const more = h('button', { type: 'button', class: 'secondary', id: 'load-more', hidden: true }, 'Load more');
  fill(main, filterForm(projectId, filter, services, triggerNames), section('Executions', holder, more));

  const refresh = async () => {
    const query = { ...filter, from: filter.from ? new Date(filter.from).toISOString() : '' };
    const page = await api(`/projects/${projectId}/executions`, { query: { ...query, pageSize: shown }, signal: ctx.signal });
    more.hidden = !page.continuationToken;
    fill(holder, table([
      ['Execution', (e) => h('a', { href: `#/p/${projectId}/executions/${e.id}`, class: 'execution-link' }, h('code', {}, e.id))],
      ['Service', (e) => h('a', { href: `#/p/${projectId}/services/${e.serviceId}` }, e.serviceName)],
      ['Function', (e) => e.functionName],
      ['Status', (e) => badge(e.status)],
      ['Attempts', (e) => e.attempts],
      ['Created', (e) => time(e.createdAt)],
      ['Took', (e) => seconds((Date.parse(e.updatedAt) - Date.parse(e.createdAt)) / 1000)],
      ['Trigger', (e) => (e.triggerId ? h('a', { href: `#/p/${projectId}/executions?triggerId=${e.triggerId}`, title: e.triggerId }, triggerNames.get(e.triggerId) ?? shortId(e.triggerId)) : '')],
    ], page.items, { empty: 'No executions match.', rowAttributes: (e) => ({ class: 'execution-row', dataset: { id: e.id, status: e.status } }) }));
  };
  more.addEventListener('click', () => { shown = Math.min(500, shown + PAGE); refresh(); });
  await refresh();
  ctx.every(2000, refresh);
}

function filterForm(projectId, filter, services, triggerNames) {
  const form = h('form', { class: 'card filters', id: 'execution-filters' },
    field('Status', h('select', { name: 'status', id: 'filter-status' }, h('option', { value: '' }, 'any'),
      STATUSES.map((s) => h('option', { value: s, selected: s === filter.status }, s)))),
    field('Service', h('select', { name: 'serviceId', id: 'filter-service' }, h('option', { value: '' }, 'any'),
      services.map((s) => h('option', { value: s.id, selected: s.id === filter.serviceId }, s.name)))),
    field('Function', h('input', { name: 'functionName', id: 'filter-function', value: filter.functionName, placeholder: 'any' })),
    field('Created after', h('input', { name: 'from', id: 'filter-from', type: 'datetime-local', value: filter.from })),
    filter.triggerId ? field('Trigger', h('span', { id: 'filter-trigger', class: 'chip' }, triggerNames.get(filter.triggerId) ?? filter.triggerId,
      h('input', { type: 'hidden', name: 'triggerId', value: filter.triggerId }),
      h('a', { href: '#', title: 'Any trigger', onclick: (event) => { event.preventDefault(); form.elements.namedItem('triggerId').remove(); form.requestSubmit(); } }, ' ✕'))) : null,
    h('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (value) query.set(name, value);
    location.hash = `#/p/${projectId}/executions${query.size ? `?${query}` : ''}`;
  });
  return form;
}

function field(label, control) {
  return h('label', { class: 'field' }, h('span', {}, label), control);
}
