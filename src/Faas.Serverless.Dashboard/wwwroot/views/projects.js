import { listAll } from '../api.js';
import { fill, h, section, shortId, table, time } from '../dom.js';

export async function projectsView(main, ctx) {
  const projects = await listAll('/projects', { signal: ctx.signal });
  fill(main, section('Projects',
    table([
      ['Name', (p) => h('a', { href: `#/p/${p.id}/services`, class: 'project-link' }, p.name)],
      ['Id', (p) => h('code', { title: p.id }, shortId(p.id))],
      ['Organization', (p) => h('code', { title: p.organizationId }, shortId(p.organizationId))],
      ['Created', (p) => time(p.createdAt)],
    ], projects, { empty: 'You are not a member of any project yet.' })));
}
