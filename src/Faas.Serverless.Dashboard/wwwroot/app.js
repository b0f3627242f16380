// The dashboard's entry point: a hash router that renders one view at a time into <main>. Each view gets a
// context whose signal aborts, and whose timers stop, when the user navigates away.
import { api, hooks, session } from './api.js';
import { alertBox, fill, h } from './dom.js';
import { loginView } from './views/login.js';
import { projectsView } from './views/projects.js';
import { packagesView, packageView } from './views/packages.js';
import { servicesView } from './views/services.js';
import { serviceView } from './views/service.js';
import { executionsView } from './views/executions.js';
import { executionView } from './views/execution.js';
import { triggersView } from './views/triggers.js';

const routes = [
  ['/login', loginView],
  ['/projects', projectsView],
  ['/p/:projectId/packages', packagesView],
  ['/p/:projectId/packages/:packageId', packageView],
  ['/p/:projectId/services', servicesView],
  ['/p/:projectId/services/:serviceId', serviceView],
  ['/p/:projectId/executions', executionsView],
  ['/p/:projectId/executions/:executionId', executionView],
  ['/p/:projectId/triggers', triggersView],
];

const main = document.getElementById('main');
let current = null;

function match(path) {
  const parts = path.split('/').filter(Boolean);
  for (const [pattern, view] of routes) {
    const names = pattern.split('/').filter(Boolean);
    if (names.length !== parts.length) continue;
    const params = {};
    if (names.every((name, i) => (name.startsWith(':') ? (params[name.slice(1)] = decodeURIComponent(parts[i])) : name === parts[i]))) {
      return { view, params };
    }
  }
  return null;
}

function context(params, query) {
  const controller = new AbortController();
  const timers = [];
  return {
    params,
    query,
    signal: controller.signal,
    /** Runs fn every ms until the view goes; a failed run is shown once, not thrown. */
    every(ms, fn) {
      const tick = async () => {
        if (controller.signal.aborted) return;
        try { await fn(); } catch (error) { if (!controller.signal.aborted) console.warn(error); }
        if (!controller.signal.aborted) timers.push(setTimeout(tick, ms));
      };
      timers.push(setTimeout(tick, ms));
    },
    dispose() {
      controller.abort();
      timers.forEach(clearTimeout);
    },
  };
}

const projectNames = new Map();

async function renderNav(projectId) {
  const nav = document.getElementById('nav');
  if (!projectId) return fill(nav);
  if (!projectNames.has(projectId)) {
    projectNames.set(projectId, (await api(`/projects/${projectId}`).catch(() => ({ name: projectId }))).name);
  }
  const here = location.hash;
  const tab = (name, label) => {
    const href = `#/p/${projectId}/${name}`;
    return h('a', { href, class: here.startsWith(href) ? 'active' : null, 'aria-current': here.startsWith(href) ? 'page' : null }, label);
  };
  return fill(nav, h('span', { class: 'project-name' }, projectNames.get(projectId)),
    tab('packages', 'Packages'), tab('services', 'Services'), tab('executions', 'Executions'), tab('triggers', 'Triggers'));
}

let signedInAs = null;

async function renderWho() {
  const who = document.getElementById('who');
  const logout = document.getElementById('logout');
  logout.hidden = !session.key;
  if (!session.key) return fill(who);
  if (signedInAs?.key !== session.key) {
    const me = await api('/me').catch(() => null);
    signedInAs = { key: session.key, name: me ? (me.isAdmin ? 'admin' : me.user?.name ?? me.id) : '' };
  }
  return fill(who, signedInAs.name);
}

async function render() {
  current?.dispose();
  const [path, queryText] = location.hash.replace(/^#/, '').split('?');
  if (!session.key && path !== '/login') {
    location.hash = '#/login';
    return;
  }
  const found = match(path || '/projects');
  if (!found) {
    location.hash = '#/projects';
    return;
  }
  const ctx = context(found.params, new URLSearchParams(queryText ?? ''));
  current = ctx;
  fill(main, h('p', { class: 'muted' }, 'Loading…'));
  renderNav(found.params.projectId).catch(() => {});
  renderWho().catch(() => {});
  try {
    await found.view(main, ctx);
  } catch (error) {
    if (!ctx.signal.aborted) fill(main, alertBox(error));
  }
}

hooks.unauthorized = () => {
  session.clear();
  if (!location.hash.startsWith('#/login')) location.hash = '#/login';
};
document.getElementById('logout').addEventListener('click', () => {
  session.clear();
  projectNames.clear();
  signedInAs = null;
  location.hash = '#/login';
});
window.addEventListener('hashchange', render);
render();
