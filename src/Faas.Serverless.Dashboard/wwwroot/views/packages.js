import { api, listAll } from '../api.js';
import { alertBox, fill, h, section, shortId, table, time } from '../dom.js';

const functionCount = (modules) => modules.reduce((sum, m) => sum + m.functions.length, 0);

export async function packagesView(main, ctx) {
  const { projectId } = ctx.params;
  const packages = await listAll(`/projects/${projectId}/packages`, { signal: ctx.signal });
  fill(main,
    section('Packages', table([
      ['Name', (p) => h('a', { href: `#/p/${projectId}/packages/${p.id}` }, p.name)],
      ['Latest revision', (p) => p.version],
      ['Modules', (p) => p.modules.map((m) => m.name).join(', ')],
      ['Functions', (p) => functionCount(p.modules)],
      ['Updated', (p) => time(p.updatedAt)],
    ], packages, { empty: 'No packages yet: push one below, or with samples/push.sh.' })),
    pushForm(projectId));
}

/** Push: the package JSON (faas.json) and the zip of its code, sent as the API's multipart form. */
function pushForm(projectId) {
  const message = h('div', { id: 'push-message' });
  const form = h('form', { class: 'card', id: 'push-form' },
    h('h2', {}, 'Push a package'),
    h('p', { class: 'muted' }, 'A new revision of the package the schema names. Zip the contents of your source folder, not the folder.'),
    h('label', { for: 'push-schema' }, 'Schema (faas.json)'), h('input', { id: 'push-schema', name: 'schema', type: 'file', accept: '.json,application/json', required: true }),
    h('label', { for: 'push-codebase' }, 'Codebase (.zip)'), h('input', { id: 'push-codebase', name: 'codebase', type: 'file', accept: '.zip,application/zip', required: true }),
    h('button', { type: 'submit' }, 'Push'),
    message);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = new FormData();
    body.append('schema', new Blob([await form.schema.files[0].text()], { type: 'application/json' }), 'faas.json');
    body.append('codebase', form.codebase.files[0], form.codebase.files[0].name);
    try {
      const pushed = await api(`/projects/${projectId}/packages`, { method: 'POST', form: body });
      location.hash = `#/p/${projectId}/packages/${pushed.id}`;
    } catch (error) {
      fill(message, alertBox(error));
    }
  });
  return form;
}

export async function packageView(main, ctx) {
  const { projectId, packageId } = ctx.params;
  const [pkg, revisions] = await Promise.all([
    api(`/projects/${projectId}/packages/${packageId}`, { signal: ctx.signal }),
    listAll(`/projects/${projectId}/packages/${packageId}/revisions`, { signal: ctx.signal }),
  ]);
  fill(main,
    h('h1', {}, pkg.name, h('span', { class: 'muted' }, ` revision ${pkg.version}`)),
    section('Modules', pkg.modules.map((m) => h('div', { class: 'module' },
      h('h3', {}, m.name, h('span', { class: 'muted' }, ` ${m.entryPoint} · ${m.className}`)),
      table([
        ['Function', (f) => h('code', {}, f.name)],
        ['Display name', (f) => f.displayName],
        ['Inputs', (f) => f.input.map((i) => `${i.name}: ${i.type}`).join(', ') || '—'],
        ['Description', (f) => f.description ?? ''],
      ], m.functions)))),
    section('Revisions', table([
      ['Revision', (r) => r.revision],
      ['Codebase', (r) => h('code', { title: r.codebase.sha256 }, `${r.codebase.sha256.slice(0, 12)}… · ${r.codebase.sizeBytes} bytes`)],
      ['Modules', (r) => r.modules.map((m) => m.name).join(', ')],
      ['Created', (r) => time(r.createdAt)],
      ['By', (r) => h('code', { title: r.creator }, shortId(r.creator))],
    ], [...revisions].reverse(), { rowAttributes: () => ({ class: 'revision-row' }) })),
    deployForm(projectId, pkg, revisions));
}

/** Deploy: a new service of this package, the smallest body the API takes plus the chosen module and revision. */
function deployForm(projectId, pkg, revisions) {
  const message = h('div', { id: 'deploy-message' });
  const form = h('form', { class: 'card', id: 'deploy-form' },
    h('h2', {}, 'Deploy as a service'),
    h('label', { for: 'deploy-name' }, 'Service name'), h('input', { id: 'deploy-name', name: 'serviceName', required: true, value: pkg.name }),
    h('label', { for: 'deploy-module' }, 'Module'),
    h('select', { id: 'deploy-module', name: 'module' }, pkg.modules.map((m) => h('option', { value: m.name }, m.name))),
    h('label', { for: 'deploy-revision' }, 'Revision'),
    h('select', { id: 'deploy-revision', name: 'revision' }, h('option', { value: 'latest' }, 'latest'),
      [...revisions].reverse().map((r) => h('option', { value: String(r.revision) }, String(r.revision)))),
    h('label', { for: 'deploy-init' }, 'Init params (JSON)'),
    h('textarea', { id: 'deploy-init', name: 'initParams', rows: 3 }, '{}'),
    h('button', { type: 'submit' }, 'Deploy'),
    message);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const service = await api(`/projects/${projectId}/services`, {
        method: 'POST',
        json: { name: form.serviceName.value.trim(), packageId: pkg.id, moduleName: form.module.value, packageRevision: form.revision.value, initParams: JSON.parse(form.initParams.value || '{}') },
      });
      location.hash = `#/p/${projectId}/services/${service.id}`;
    } catch (error) {
      fill(message, alertBox(error));
    }
  });
  return form;
}
