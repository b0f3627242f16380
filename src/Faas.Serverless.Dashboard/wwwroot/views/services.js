import { api, listAll } from '../api.js';
import { badge, fill, h, section, table } from '../dom.js';

/** Services with their status and replicas, refreshed every 3 s. */
export async function servicesView(main, ctx) {
  const { projectId } = ctx.params;
  const holder = h('div');
  fill(main, section('Services', holder));
  const refresh = async () => {
    const services = await listAll(`/projects/${projectId}/services`, { signal: ctx.signal });
    const statuses = await Promise.all(services.map((s) =>
      api(`/projects/${projectId}/services/${s.id}/status`, { signal: ctx.signal }).catch(() => null)));
    fill(holder, table([
      ['Name', (r) => h('a', { href: `#/p/${projectId}/services/${r.service.id}` }, r.service.name)],
      ['Status', (r) => badge(r.status?.status ?? (r.service.active ? 'Unknown' : 'Inactive'))],
      ['Replicas', (r) => (r.status ? `${r.status.readyReplicas} / ${r.status.desiredReplicas} ready` : '—')],
      ['Package', (r) => `${r.service.packageName} r${r.service.packageRevision} · ${r.service.moduleName}`],
      ['Version', (r) => r.service.version],
      ['Problem', (r) => (r.status?.error ? h('span', { class: 'error-text' }, `${r.status.error.type}: ${r.status.error.message}`) : r.status?.note ?? '')],
    ], services.map((service, i) => ({ service, status: statuses[i] })), {
      empty: 'No services yet: open a package and deploy it.',
      rowAttributes: (r) => ({ class: 'service-row', dataset: { name: r.service.name } }),
    }));
  };
  await refresh();
  ctx.every(3000, refresh);
}
