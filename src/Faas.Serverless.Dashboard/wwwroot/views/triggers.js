import { api, listAll } from '../api.js';
import { badge, fill, h, section, table, time } from '../dom.js';

const LAST_FIRINGS = 5;

/**
 * Triggers with their next fire times (cron) and last firings: the executions carrying the trigger's id, newest
 * first (GET …/executions?triggerId=…), as the API records no separate firing log.
 */
export async function triggersView(main, ctx) {
  const { projectId } = ctx.params;
  const holder = h('div', { id: 'triggers' });
  fill(main, section('Triggers', holder));
  const refresh = async () => {
    const [triggers, services] = await Promise.all([
      listAll(`/projects/${projectId}/triggers`, { signal: ctx.signal }),
      listAll(`/projects/${projectId}/services`, { signal: ctx.signal }),
    ]);
    const names = new Map(services.map((s) => [s.id, s.name]));
    const firings = await Promise.all(triggers.map((t) =>
      api(`/projects/${projectId}/executions`, { query: { triggerId: t.id, pageSize: LAST_FIRINGS }, signal: ctx.signal }).then((page) => page.items).catch(() => [])));
    fill(holder, table([
      ['Name', (r) => h('strong', {}, r.trigger.name)],
      ['Type', (r) => r.trigger.type],
      ['Active', (r) => badge(r.trigger.active ? 'Active' : 'Inactive')],
      ['Runs', (r) => target(projectId, r.trigger.spec.operation, names)],
      ['When', (r) => when(r.trigger)],
      ['Next fire times', (r) => nextTimes(r.trigger)],
      ['Last firings', (r) => lastFirings(projectId, r.trigger, r.firings)],
      ['Skipped', (r) => skipped(r.trigger)],
    ], triggers.map((trigger, i) => ({ trigger, firings: firings[i] })), {
      empty: 'No triggers yet: create one with POST /api/v1/projects/{projectId}/triggers (docs/triggers.md).',
      rowAttributes: (r) => ({ class: 'trigger-row', dataset: { name: r.trigger.name } }),
    }));
  };
  await refresh();
  ctx.every(5000, refresh);
}

function target(projectId, operation, names) {
  if (!operation?.serviceId) return '—';
  return [h('a', { href: `#/p/${projectId}/services/${operation.serviceId}` }, names.get(operation.serviceId) ?? operation.serviceId), `.${operation.functionName ?? ''}`];
}

function when(trigger) {
  const spec = trigger.spec;
  if (trigger.type === 'Cron') return h('code', {}, `${spec.cron}${spec.timeZone ? ` (${spec.timeZone})` : ''}`);
  return [h('code', {}, `${spec.resource ?? 'any'}: ${(spec.actions ?? ['any']).join(', ')}`), hasFilter(spec.filter) ? h('div', { class: 'muted' }, JSON.stringify(spec.filter)) : null];
}

const hasFilter = (filter) => filter !== null && filter !== undefined && Object.keys(filter).length > 0;

function nextTimes(trigger) {
  if (trigger.nextFireTimes === null || trigger.nextFireTimes === undefined) return h('span', { class: 'muted' }, 'on events');
  if (trigger.nextFireTimes.length === 0) return h('span', { class: 'muted' }, 'none');
  return h('ul', { class: 'fire-times' }, trigger.nextFireTimes.slice(0, 3).map((t) => h('li', {}, time(t))));
}

function lastFirings(projectId, trigger, executions) {
  return [
    trigger.lastFiredTick ? h('div', {}, 'last tick ', time(trigger.lastFiredTick)) : null,
    executions.length === 0 ? h('span', { class: 'muted' }, 'none yet')
      : h('div', { class: 'firings' }, h('span', { class: 'muted' }, 'latest ', time(executions[0].createdAt)), executions.map((e) => h('a', { href: `#/p/${projectId}/executions/${e.id}`, title: e.createdAt }, badge(e.status))),
        h('a', { href: `#/p/${projectId}/executions?triggerId=${trigger.id}`, class: 'more' }, 'all')),
  ];
}

function skipped(trigger) {
  const parts = [['ticks', trigger.skippedTicks], ['events', trigger.skippedEvents], ['loop events', trigger.droppedLoopEvents]]
    .filter(([, count]) => count > 0).map(([name, count]) => `${count} ${name}`);
  return parts.length ? parts.join(', ') : '0';
}
