// Small DOM helpers. Text always goes in as text nodes, never as HTML, so nothing the API returns can run.

/** h('a', {href: '#/x', class: 'y'}, 'text', child): an element with attributes, listeners (on*) and children. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces an element's children. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

export const FINAL_STATUSES = ['success', 'failed', 'terminated', 'aborted', 'system-failure'];
export const STATUSES = ['created', 'in-progress', ...FINAL_STATUSES];
export const isFinal = (status) => FINAL_STATUSES.includes(status);

export function badge(status) {
  return h('span', { class: `badge status-${String(status ?? 'unknown').toLowerCase()}`, dataset: { status: status ?? '' } }, status ?? 'unknown');
}

export function time(iso) {
  if (!iso) return h('span', { class: 'muted' }, '—');
  const date = new Date(iso);
  return h('time', { datetime: iso, title: date.toISOString() }, date.toLocaleString());
}

export function seconds(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (value < 1) return `${Math.round(value * 1000)} ms`;
  if (value < 120) return `${value.toFixed(value < 10 ? 2 : 1)} s`;
  return `${Math.floor(value / 60)} min ${Math.round(value % 60)} s`;
}

// Ids are time-ordered (UUID v7): ids made close together share their first characters, so the tail tells them apart.
export const shortId = (id) => (id ? `…${id.slice(-8)}` : '—');

/** A table: columns are [heading, cell(row)] pairs. */
export function table(columns, rows, { empty = 'Nothing here yet.', rowAttributes } = {}) {
  if (rows.length === 0) return h('p', { class: 'muted empty' }, empty);
  return h('table', {},
    h('thead', {}, h('tr', {}, columns.map(([heading]) => h('th', {}, heading)))),
    h('tbody', {}, rows.map((row) => h('tr', rowAttributes?.(row) ?? {}, columns.map(([, cell]) => h('td', {}, cell(row)))))));
}

export function json(value) {
  return h('pre', { class: 'json' }, value === undefined ? '—' : JSON.stringify(value, null, 2));
}

export function errorBox(error) {
  if (!error) return null;
  return h('div', { class: 'error-box', role: 'alert' },
    h('strong', {}, error.type ?? 'Error'), ': ', error.message ?? String(error),
    error.traceback ? h('details', {}, h('summary', {}, 'Traceback'), h('pre', {}, error.traceback)) : null);
}

export function alertBox(error) {
  return h('div', { class: 'alert', role: 'alert' }, error?.message ?? String(error));
}

export function section(title, ...children) {
  return h('section', { class: 'card' }, h('h2', {}, title), ...children);
}
