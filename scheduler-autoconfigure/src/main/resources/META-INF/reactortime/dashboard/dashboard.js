// reactortime dashboard: reads the Actuator endpoints with fetch and renders them, no framework.
// The server fills in #reactortime-config: where Actuator is, how often to refresh, and each endpoint's access.
'use strict';
(() => {
  const config = JSON.parse(document.getElementById('reactortime-config').textContent);
  const access = config.endpoints;
  const CHART_SPAN_MS = 5 * 60 * 1000; // points older than this are dropped
  const CHART_MIN_SPAN_MS = 60 * 1000; // until then the chart spans at least a minute
  const lagPoints = []; // {t, p50, p99}: kept here, the endpoint only knows the last 10 s
  let firstRender = true;
  let refreshing = false;

  const $ = (id) => document.getElementById(id);

  // --- Talking to Actuator ---------------------------------------------------------------------------------------

  /** Thrown for an answer other than 2xx; the message is what the operator reads. */
  class EndpointError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  async function call(method, path, body) {
    // X-Requested-With: Spring Security answers 401 without a Basic challenge, so no browser login box pops up.
    const headers = { 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(config.actuator + path, { method, headers, credentials: 'same-origin',
        body: (body !== undefined) ? JSON.stringify(body) : undefined });
    } catch (e) {
      throw new EndpointError(0, 'Cannot reach the application (' + e.message + ').');
    }
    if (response.ok) return (response.status === 204) ? null : response.json();
    throw new EndpointError(response.status, await explain(response, method, path));
  }

  async function explain(response, method, path) {
    const what = method + ' ' + config.actuator + path;
    switch (response.status) {
      case 401: return '401 Unauthorized: sign in to see this page\'s data. The dashboard reads the Actuator '
        + 'endpoints with your own credentials, and ' + what + ' asked for them.';
      case 403: return '403 Forbidden: your account may not ' + (method === 'GET' ? 'read' : 'change')
        + ' this (' + what + ').';
      case 404: return '404 Not Found: ' + (await message(response) || what + ' is not exposed.');
      case 405: return '405: ' + what + ' is not allowed (the endpoint is read-only).';
      default: return response.status + ': ' + (await message(response) || what + ' failed.');
    }
  }

  async function message(response) {
    try { return (await response.json()).message || ''; } catch (e) { return ''; }
  }

  // --- Formatting ------------------------------------------------------------------------------------------------

  function duration(ms) {
    const sign = ms < 0 ? '-' : '';
    let s = Math.floor(Math.abs(ms) / 1000);
    if (s < 60) return sign + s + ' s';
    const d = Math.floor(s / 86400), h = Math.floor(s / 3600) % 24, m = Math.floor(s / 60) % 60;
    s %= 60;
    if (d > 0) return sign + d + ' d ' + h + ' h';
    if (h > 0) return sign + h + ' h ' + m + ' min';
    return sign + m + ' min ' + s + ' s';
  }

  const time = (iso) => new Date(iso).toLocaleTimeString();
  const ms = (value) => (value < 10 ? value.toFixed(2) : value.toFixed(0)) + ' ms';

  function schedule(loop) {
    if (loop.schedule) return loop.schedule;
    if (!loop.interval) return '—';
    const parts = loop.interval.match(/^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/);
    if (!parts) return loop.interval;
    const [h, m, s] = parts.slice(1).map((v) => Number(v || 0));
    return 'every ' + duration(((h * 60 + m) * 60 + s) * 1000);
  }

  // --- Rendering: rows are kept by key and updated in place, so nothing flickers and focus stays put ----------------

  /**
   * Makes tbody hold one row per item, in order. cells(item) gives text or {text, className, due} per cell; the
   * last cell holds the buttons that actions(item, row) builds once per row and updates on every refresh.
   */
  function syncRows(tbody, items, key, cells, actions, emptyText) {
    const old = new Map([...tbody.rows].filter((r) => r.dataset.key !== undefined).map((r) => [r.dataset.key, r]));
    const columns = tbody.parentElement.tHead.rows[0].cells.length;
    if (items.length === 0) {
      tbody.replaceChildren(row([{ text: emptyText, className: 'empty', span: columns }]));
      return;
    }
    const rows = items.map((item) => {
      const k = String(key(item));
      let tr = old.get(k);
      if (!tr) {
        tr = document.createElement('tr');
        tr.dataset.key = k;
      }
      const specs = cells(item);
      while (tr.cells.length < specs.length + 1) tr.insertCell();
      specs.forEach((spec, i) => fill(tr.cells[i], spec));
      actions(item, tr.cells[specs.length]);
      return tr;
    });
    // Only rows that moved are touched: an unchanged row keeps its focus and never repaints.
    rows.forEach((tr, i) => { if (tbody.children[i] !== tr) tbody.insertBefore(tr, tbody.children[i] || null); });
    while (tbody.children.length > rows.length) tbody.lastElementChild.remove();
  }

  function row(specs) {
    const tr = document.createElement('tr');
    specs.forEach((spec) => { const td = tr.insertCell(); fill(td, spec); if (spec.span) td.colSpan = spec.span; });
    return tr;
  }

  function fill(td, spec) {
    const s = (typeof spec === 'object' && spec !== null) ? spec : { text: String(spec) };
    const className = s.className || '';
    if (td.className !== className) td.className = className;
    if (s.due !== undefined) td.dataset.due = s.due; else delete td.dataset.due;
    const text = (s.due !== undefined) ? countdown(s.due) : s.text;
    if (td.textContent !== text) td.textContent = text;
    if (s.title !== undefined && td.title !== s.title) td.title = s.title;
  }

  const countdown = (due) => duration(Number(due) - Date.now());

  /** One button per action, made once; state(action) → {label, hidden, disabled, reason} on every refresh. */
  function buttons(cell, names, state, onClick) {
    cell.onAction = onClick;
    for (const name of names) {
      let button = cell.querySelector('button[data-action="' + name + '"]');
      if (!button) {
        button = document.createElement('button');
        button.type = 'button';
        button.dataset.action = name;
        // The handler is looked up at each click: it closes over the item of the latest refresh.
        button.addEventListener('click', () => cell.onAction(button.dataset.action, button));
        cell.append(button);
      }
      const s = state(name);
      if (button.textContent !== s.label) button.textContent = s.label;
      button.hidden = !!s.hidden;
      button.disabled = !!s.disabled;
      button.title = s.reason || '';
      button.setAttribute('aria-label', s.label + ' ' + (cell.parentElement.dataset.key || ''));
    }
  }

  function readOnlyReason(endpoint) {
    return (access[endpoint] === 'unrestricted') ? null
      : 'read-only: management.endpoint.' + endpoint + '.access is ' + access[endpoint]
        + ' (set it to unrestricted to allow this)';
  }

  function showNote(id, text) {
    const note = $(id);
    note.hidden = !text;
    if (note.textContent !== (text || '')) note.textContent = text || '';
  }

  // --- Loops -----------------------------------------------------------------------------------------------------

  const LOOP_ACTIONS = ['pause', 'run-now', 'reset', 'stop'];

  function renderLoops(data) {
    const readOnly = readOnlyReason('loopingcalls');
    showNote('loops-note', readOnly);
    syncRows($('loops').tBodies[0], data.loops, (l) => l.name, (loop) => {
      const state = !loop.running ? 'stopped' : loop.paused ? 'paused' : 'running';
      const outcome = loop.lastOutcome;
      const last = !loop.lastStart ? { text: 'never' } : {
        text: time(loop.lastStart) + ' · ' + (outcome ? outcome.status : 'running')
          + (loop.lastDurationMs != null ? ' · ' + ms(loop.lastDurationMs) : ''),
        className: outcome ? 'outcome-' + outcome.status : '',
        title: (outcome && outcome.exception) ? outcome.exception + ': ' + (outcome.message || '') : ''
      };
      return [loop.name, schedule(loop), { text: state, className: 'state-' + state }, last,
        loop.nextDueAt ? { due: Date.parse(loop.nextDueAt) } : '—', loop.skipped, loop.lockedOut, loop.lock || '—'];
    }, (loop, cell) => buttons(cell, LOOP_ACTIONS, (action) => {
      const stopped = !loop.running;
      const label = { pause: loop.paused ? 'Resume' : 'Pause', 'run-now': 'Run now', reset: 'Reset',
        stop: stopped ? 'Start' : 'Stop' }[action];
      const invalid = stopped && action !== 'stop';
      return { label, disabled: !!readOnly || invalid,
        reason: readOnly || (invalid ? 'the loop is stopped' : '') };
    }, (action, button) => {
      const verb = button.textContent.toLowerCase();
      const post = (a) => () => call('POST', '/loopingcalls/' + encodeURIComponent(loop.name), { action: a });
      const act = verb === 'stop' ? () => call('DELETE', '/loopingcalls/' + encodeURIComponent(loop.name))
        : post(verb === 'run now' ? 'run-now' : verb);
      confirmThen(button.textContent + ' loop "' + loop.name + '"?', act);
    }), 'No loops.');
  }

  // --- Delayed and durable calls ---------------------------------------------------------------------------------

  function renderCalls(data, fetchedAt) {
    const readOnly = readOnlyReason('delayedcalls');
    showNote('calls-note', readOnly);
    $('calls-total').textContent = '(' + data.calls.length + ' of ' + data.total + ' shown)';
    syncRows($('calls').tBodies[0], data.calls, (c) => c.id, (c) => [c.id, c.name, c.kind, c.source,
      { due: fetchedAt + c.dueInMs }, c.lock || '—'], (c, cell) => buttons(cell, ['cancel'], () => {
      const tick = c.kind === 'looping';
      return { label: 'Cancel', disabled: !!readOnly || tick,
        reason: readOnly || (tick ? 'the next tick of a loop: stop the loop instead' : '') };
    }, (action, button) => confirmThen('Cancel call ' + c.id + ' "' + c.name + '"?',
      () => call('DELETE', '/delayedcalls/' + c.id), () => button.closest('tr').remove())), 'No pending calls.');
  }

  function renderDurable(data, fetchedAt) {
    const readOnly = readOnlyReason('durablecalls');
    showNote('durable-note', readOnly);
    $('durable-total').textContent = '(' + data.calls.length + ' of ' + data.total + ' shown)';
    syncRows($('durable').tBodies[0], data.calls, (c) => c.task + '/' + c.id, (c) => [c.task, c.id,
      c.dueInMs != null ? { due: fetchedAt + c.dueInMs } : '—',
      c.failed ? { text: 'failed', className: 'outcome-error' } : c.picked ? 'running on ' + (c.pickedBy || '?')
        : 'pending', c.consecutiveFailures], (c, cell) => buttons(cell, ['cancel'], () => ({
      label: 'Cancel', disabled: !!readOnly || c.picked, reason: readOnly || (c.picked ? 'it is running' : '')
    }), (action, button) => confirmThen('Cancel durable call ' + c.task + '/' + c.id + '?',
      () => call('DELETE', '/durablecalls/' + encodeURIComponent(c.task) + '/' + encodeURIComponent(c.id)),
      () => button.closest('tr').remove())), 'No durable calls.');
  }

  async function confirmThen(question, act, done) {
    if (!window.confirm(question)) return;
    try {
      await act();
      if (done) done();
      showAlert(null);
    } catch (e) {
      showAlert(e.message);
    }
    refresh();
  }

  // --- Lag chart (inline SVG) ------------------------------------------------------------------------------------

  function renderLag(lag) {
    const now = Date.now();
    if (lag.count > 0) lagPoints.push({ t: now, p50: lag.p50Ms, p99: lag.p99Ms });
    while (lagPoints.length && lagPoints[0].t < now - CHART_SPAN_MS) lagPoints.shift();
    $('lag-summary').textContent = lag.count > 0
      ? 'Last 10 s: ' + lag.count + ' calls, p50 ' + ms(lag.p50Ms) + ', p99 ' + ms(lag.p99Ms) + ', max ' + ms(lag.maxMs)
      : 'No call started in the last 10 s.';
    $('blocked').textContent = 'Watchdog: ' + lag.blocked + (lag.blocked === 1 ? ' call' : ' calls')
      + ' blocked the reactor thread since the start.';
    $('blocked').className = lag.blocked > 0 ? 'outcome-error' : '';
    drawChart(now);
  }

  function drawChart(now) {
    const svg = $('lag-chart');
    const W = 600, H = 150, left = 48, bottom = 20, top = 8;
    const top99 = Math.max(1, ...lagPoints.map((p) => p.p99));
    const scale = niceCeiling(top99);
    const span = Math.max(CHART_MIN_SPAN_MS, lagPoints.length ? now - lagPoints[0].t : 0);
    const x = (t) => left + (W - left - 4) * (1 - (now - t) / span);
    const y = (v) => top + (H - top - bottom) * (1 - v / scale);
    const line = (key) => lagPoints.map((p) => x(p.t).toFixed(1) + ',' + y(p[key]).toFixed(1)).join(' ');
    svg.querySelector('.p50').setAttribute('points', line('p50'));
    svg.querySelector('.p99').setAttribute('points', line('p99'));
    svg.dataset.points = lagPoints.length;
    const grid = svg.querySelector('.grid');
    const marks = [0, scale / 2, scale].map((v) => '<line x1="' + left + '" x2="' + W + '" y1="' + y(v) + '" y2="'
      + y(v) + '"></line><text x="' + (left - 4) + '" y="' + (y(v) + 4) + '" text-anchor="end">' + (v === 0 ? '0 ms' : ms(v)) + '</text>');
    marks.push('<text x="' + left + '" y="' + (H - 4) + '">' + duration(span) + ' ago</text><text x="' + W + '" y="' + (H - 4)
      + '" text-anchor="end">now</text>');
    const html = marks.join('');
    if (grid.dataset.html !== html) { grid.innerHTML = html; grid.dataset.html = html; }
  }

  function niceCeiling(v) {
    const step = Math.pow(10, Math.floor(Math.log10(v)));
    return [1, 2, 5, 10].map((m) => m * step).find((c) => c >= v);
  }

  // --- Refresh loop ----------------------------------------------------------------------------------------------

  function showAlert(text) {
    const alert = $('alert');
    alert.hidden = !text;
    if (alert.textContent !== (text || '')) alert.textContent = text || '';
  }

  function unavailable(section, endpoint) {
    const text = endpoint + ' is not available: expose it with management.endpoints.web.exposure.include and '
      + 'keep management.endpoint.' + endpoint + '.access above none.';
    const tbody = $(section).tBodies[0];
    tbody.replaceChildren(row([{ text, className: 'empty', span: $(section).tHead.rows[0].cells.length }]));
  }

  async function refresh() {
    if (refreshing) return;
    refreshing = true;
    const fetchedAt = Date.now();
    const reads = [];
    const read = (endpoint, path, render) => {
      if (access[endpoint] === 'unavailable') return;
      reads.push(call('GET', path).then((data) => render(data, fetchedAt)));
    };
    read('loopingcalls', '/loopingcalls', renderLoops);
    read('delayedcalls', '/delayedcalls?limit=100', renderCalls);
    read('durablecalls', '/durablecalls?limit=100', renderDurable);
    read('calllag', '/calllag', renderLag);
    const results = await Promise.allSettled(reads);
    const failed = results.find((r) => r.status === 'rejected');
    showAlert(failed ? failed.reason.message : null);
    $('status').textContent = (failed ? 'Failed at ' : 'Updated ') + new Date().toLocaleTimeString()
      + ' · every ' + config.refreshMs / 1000 + ' s';
    if (firstRender) {
      firstRender = false;
      // Read by the browser test: from navigation start to the first data on screen.
      document.documentElement.dataset.firstRenderMs = String(Math.round(performance.now()));
    }
    refreshing = false;
  }

  function start() {
    if (access.loopingcalls === 'unavailable') unavailable('loops', 'loopingcalls');
    if (access.delayedcalls === 'unavailable') unavailable('calls', 'delayedcalls');
    $('durable-section').hidden = access.durablecalls === 'unavailable';
    if (access.calllag === 'unavailable') $('lag-summary').textContent = 'calllag is not available: expose it '
      + 'with management.endpoints.web.exposure.include to see the lag chart and the watchdog.';
    refresh();
    setInterval(refresh, config.refreshMs);
    // Countdowns move every second between refreshes, without a request.
    setInterval(() => document.querySelectorAll('td[data-due]').forEach((td) => {
      const text = countdown(td.dataset.due);
      if (td.textContent !== text) td.textContent = text;
    }), 1000);
  }

  start();
})();
