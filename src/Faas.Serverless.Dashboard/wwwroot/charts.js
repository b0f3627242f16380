// Two small hand-drawn SVG charts: stacked bars per minute and a latency scatter with its percentiles.
const NS = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const HEIGHT = 200;
const PAD = { left: 44, right: 12, top: 12, bottom: 26 };

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.append(...children);
  return element;
}

function clock(t) {
  const d = new Date(t);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** A round upper bound for the y axis, so its label reads well. */
function niceMax(value) {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * magnitude).find((bound) => bound >= value);
}

function frame(label, yMax, format) {
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const root = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'chart', role: 'img', 'aria-label': label });
  for (const fraction of [0, 0.5, 1]) {
    const y = PAD.top + plotHeight * (1 - fraction);
    root.append(
      svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y, y2: y, class: 'grid' }),
      svg('text', { x: PAD.left - 6, y: y + 4, class: 'axis', 'text-anchor': 'end' }, format(yMax * fraction)));
  }
  return root;
}

function timeLabels(root, from, to, x) {
  const step = Math.max(1, Math.round((to - from) / 60_000 / 6)) * 60_000;
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) {
    root.append(svg('text', { x: x(t), y: HEIGHT - 8, class: 'axis', 'text-anchor': 'middle' }, clock(t)));
  }
}

/** Executions per minute, stacked by outcome. */
export function perMinuteChart(buckets) {
  const total = (b) => b.success + b.failed + b.running;
  const yMax = niceMax(Math.max(0, ...buckets.map(total)));
  const root = frame('Executions per minute', yMax, (v) => (Number.isInteger(v) ? String(v) : ''));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotWidth / Math.max(1, buckets.length);
  buckets.forEach((bucket, i) => {
    let base = 0;
    for (const part of ['success', 'failed', 'running']) {
      if (bucket[part] === 0) continue;
      const height = (bucket[part] / yMax) * plotHeight;
      root.append(svg('rect', {
        x: PAD.left + i * slot + 1, width: Math.max(1, slot - 2), y: PAD.top + plotHeight - base - height, height,
        class: `bar bar-${part}`, 'data-minute': new Date(bucket.t).toISOString(), 'data-count': bucket[part],
      }, svg('title', {}, `${clock(bucket.t)}: ${bucket[part]} ${part}`)));
      base += height;
    }
  });
  const from = buckets[0]?.t ?? Date.now();
  timeLabels(root, from, from + buckets.length * 60_000, (t) => PAD.left + ((t - from) / 60_000) * slot);
  return root;
}

/** Each finished execution's latency over time, with p50 and p95 lines. */
export function latencyChart(points, from, to, { p50, p95 }) {
  const yMax = niceMax(Math.max(0.001, ...points.map((p) => p.seconds)));
  if (points.length === 0) {
    const empty = frame('Latency (seconds)', 1, () => '');
    empty.append(svg('text', { x: WIDTH / 2, y: HEIGHT / 2, class: 'axis', 'text-anchor': 'middle' }, 'no finished executions yet'));
    return empty;
  }
  const root = frame('Latency (seconds)', yMax, (v) => (yMax < 1 ? `${Math.round(v * 1000)}ms` : `${v.toFixed(v < 10 && v % 1 ? 1 : 0)}s`));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (t) => PAD.left + ((t - from) / Math.max(1, to - from)) * plotWidth;
  const y = (s) => PAD.top + plotHeight * (1 - s / yMax);
  for (const [name, value] of [['p50', p50], ['p95', p95]]) {
    if (value === null) continue;
    root.append(svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(value), y2: y(value), class: `percentile ${name}` }),
      svg('text', { x: WIDTH - PAD.right, y: y(value) - 3, class: 'axis', 'text-anchor': 'end' }, name));
  }
  for (const point of points) {
    root.append(svg('circle', { cx: x(point.t), cy: y(point.seconds), r: 3.5, class: `dot dot-${point.status}` },
      svg('title', {}, `${clock(point.t)}: ${point.seconds.toFixed(3)} s (${point.status})`)));
  }
  timeLabels(root, from, to, x);
  return root;
}
