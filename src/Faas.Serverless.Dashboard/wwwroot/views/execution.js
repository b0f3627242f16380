import { api, followLogs } from '../api.js';
import { alertBox, badge, errorBox, fill, h, isFinal, json, section, seconds, time } from '../dom.js';

/** One execution: status timeline, progress, input and output or error, and its log followed live. */
export async function executionView(main, ctx) {
  const { projectId, executionId } = ctx.params;
  const path = `/projects/${projectId}/executions/${executionId}`;
  const header = h('div', { id: 'execution-header' });
  const progress = h('div', { id: 'execution-progress', class: 'progress-block' });
  const timeline = h('ol', { id: 'timeline', class: 'timeline' });
  const result = h('div', { id: 'execution-result' });
  const logs = h('pre', { id: 'logs', class: 'logs', 'aria-live': 'polite' });
  const logState = h('span', { id: 'logs-state', class: 'muted' });
  const message = h('div');
  fill(main, header, message, progress,
    h('div', { class: 'columns' }, section('Status timeline', timeline), section('Result', result)),
    section('Logs', logState, logs));

  let execution = await api(path, { signal: ctx.signal });
  const act = async (action) => {
    try {
      execution = await api(`${path}/${action}`, { method: 'POST', signal: ctx.signal });
      fill(message);
      render();
      if (action === 'rerun') startLogs();
    } catch (error) {
      fill(message, alertBox(error));
    }
  };
  const render = () => {
    fill(header, headerPanel(projectId, execution, act));
    fill(progress, progressPanel(execution));
    fill(timeline, execution.statusLog.map((entry) => timelineEntry(entry, execution.createdAt)));
    fill(result, resultPanel(execution));
  };

  let following = null;
  const startLogs = () => {
    following?.abort();
    following = new AbortController();
    const signal = AbortSignal.any([ctx.signal, following.signal]);
    fill(logs);
    fill(logState, 'following…');
    followLogs(projectId, executionId, (line) => logs.append(logLine(line)), signal)
      .then(() => fill(logState, logs.childElementCount ? 'complete' : 'complete: this execution logged nothing'))
      .catch((error) => { if (!signal.aborted) fill(logState, `stopped: ${error.message}`); });
  };

  render();
  startLogs();
  ctx.every(1000, async () => {
    if (isFinal(execution.status) && execution.statusLog.length > 0) return;
    const latest = await api(path, { signal: ctx.signal });
    if (JSON.stringify(latest) === JSON.stringify(execution)) return;
    execution = latest;
    render();
  });
}

function headerPanel(projectId, e, act) {
  const final = isFinal(e.status);
  return h('div', { class: 'card' },
    h('h1', {}, `${e.functionName} `, h('span', { id: 'execution-status' }, badge(e.status))),
    h('dl', { class: 'facts' },
      fact('Execution', h('code', {}, e.id)),
      fact('Service', h('a', { href: `#/p/${projectId}/services/${e.serviceId}` }, `${e.serviceName} v${e.serviceVersion}`)),
      fact('Package', `${e.packageName} r${e.packageRevision}`),
      fact('Attempts', `${e.attempts} of ${e.maxAttempts}`),
      fact('Created', time(e.createdAt)),
      fact('Updated', time(e.updatedAt)),
      fact('Running time', seconds(e.duration)),
      e.triggerId ? fact('Trigger', h('a', { href: `#/p/${projectId}/executions?triggerId=${e.triggerId}` }, e.triggerId)) : null),
    h('div', { class: 'actions' },
      final ? h('button', { type: 'button', id: 'rerun', onclick: () => act('rerun') }, 'Rerun')
        : h('button', { type: 'button', id: 'terminate', class: 'danger', disabled: e.toTerminate, onclick: () => act('terminate') }, e.toTerminate ? 'Terminating…' : 'Terminate')));
}

function fact(name, value) {
  return [h('dt', {}, name), h('dd', {}, value)];
}

function progressPanel(e) {
  const reported = [...e.statusLog].reverse().find((entry) => entry.percentComplete !== null);
  const percent = e.status === 'success' ? 100 : reported?.percentComplete ?? 0;
  const note = [...e.statusLog].reverse().find((entry) => entry.message)?.message;
  return [
    h('progress', { id: 'progress-bar', max: 100, value: percent, 'aria-label': 'Progress' }),
    h('span', { id: 'progress-text' }, `${percent}%`, note ? ` · ${note}` : ''),
  ];
}

function timelineEntry(entry, createdAt) {
  const offset = (Date.parse(entry.timestamp) - Date.parse(createdAt)) / 1000;
  return h('li', { class: 'timeline-entry', dataset: { status: entry.status } },
    badge(entry.status), ' ', time(entry.timestamp), h('span', { class: 'muted' }, ` +${seconds(offset)}`),
    entry.percentComplete !== null ? h('span', { class: 'percent' }, ` ${entry.percentComplete}%`) : null,
    entry.message ? h('div', { class: 'entry-message' }, entry.message) : null,
    errorBox(entry.error));
}

function resultPanel(e) {
  return [
    h('h3', {}, 'Input'), json(e.input),
    e.error ? [h('h3', {}, 'Error'), errorBox(e.error)] : null,
    isFinal(e.status) && !e.error ? [h('h3', {}, 'Output'), h('div', { id: 'execution-output' }, json(e.output))] : null,
  ];
}

function logLine(line) {
  return h('div', { class: `log-line log-${line.stream}` },
    h('span', { class: 'log-time' }, new Date(line.timestamp).toLocaleTimeString()), ' ',
    h('span', { class: 'log-stream' }, `[${line.attempt}:${line.stream}${line.level ? ` ${line.level}` : ''}]`), ' ',
    line.message);
}
