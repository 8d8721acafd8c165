// Cockpit "Children" pages (UCB + islet trial, issue 19), a Cockpit plugin through the Camunda 7 CE plugin API.
//
// Loaded by Cockpit as a custom script (config.js: customScripts); its default export is a list of plugins:
// - a "Children" entry in Cockpit's header (plugin point cockpit.navigation);
// - #/children: every child with status, open tasks and their groups, day since the cord blood infusion,
//   deviations and (serious) adverse events; search by subject ID; sortable (plugin point cockpit.route);
// - #/children/UCBI-0001: one child's whole record, running or finished: each process's diagram with the path taken
//   drawn from the history, the timeline with who did what and what the form recorded, decisions, variable changes
//   with user and correction reason, messages, deviations and adverse events with their clocks; for auditors the
//   export downloads and the live chain verification.
// The data come from the application's API (GET /api/children, GET /api/children/{subjectId}, org.ucbislet.audit.
// ChildrenController) with the signed-in Cockpit user; diagrams are drawn with bpmn-js (vendor/, bpmn.io licence).

const BASE = document.querySelector('base');
const APP_ROOT = BASE.getAttribute('app-root');                       // e.g. /camunda
const ENGINE_API = BASE.getAttribute('engine-api') + 'engine/default'; // Cockpit's engine REST (session)
const API = APP_ROOT.substring(0, APP_ROOT.lastIndexOf('/')) + '/api'; // the application's API, same context
const SCRIPTS = `${APP_ROOT}/app/cockpit/scripts`;
/** Rows of a table built at once; the rest come with the table's "Show all" button. */
const FIRST_ROWS = 200;
const AUTO_DRAWN = ['ucbIsletProtocol', 'screening', 'cordBloodTransplant', 'isletTransplant', 'followUp'];
const STATUS_ORDER = ['screening', 'stage 1', 'stage 2', 'follow-up', 'in progress', 'ended'];

// ------------------------------------------------------------------------------------------- helpers

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (value === undefined || value === null || value === false) {
      return;
    }
    if (name.startsWith('on')) {
      node.addEventListener(name.substring(2), value);
    } else {
      node.setAttribute(name, value === true ? '' : value);
    }
  });
  children.flat().forEach(child => {
    if (child !== undefined && child !== null && child !== false) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  });
  return node;
}

function time(value) {
  if (!value) {
    return '';
  }
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? String(value) : d.toISOString().replace('T', ' ').substring(0, 16);
}

function day(value) {
  return value ? String(value).substring(0, 10) : '';
}

async function getJson(url) {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) {
    let detail = '';
    try {
      detail = (await response.json()).detail || '';
    } catch (e) {
      detail = '';
    }
    const error = new Error(`${response.status} ${detail || response.statusText}`);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

function problem(container, error) {
  const text = error.status === 403
    ? 'The children\'s records are open to trial managers, auditors and administrators only.'
    : error.status === 404 ? 'No child with this subject ID.' : `The record could not be loaded: ${error.message}`;
  container.replaceChildren(el('div', { class: 'alert alert-danger ucbi-problem', role: 'alert' }, text));
}

function loadStyle(href) {
  if (!document.querySelector(`link[href="${href}"]`)) {
    document.head.append(el('link', { rel: 'stylesheet', type: 'text/css', href }));
  }
}

loadStyle(`${APP_ROOT}/app/cockpit/styles/diagram-js.css`);
loadStyle(`${APP_ROOT}/app/cockpit/styles/children.css`);

// bpmn-js as a classic script; Cockpit's AMD loader is hidden meanwhile so that the bundle sets window.BpmnJS
let viewerLoaded;
function bpmnJs() {
  if (window.BpmnJS) {
    return Promise.resolve(window.BpmnJS);
  }
  if (!viewerLoaded) {
    viewerLoaded = new Promise((resolve, reject) => {
      const define = window.define;
      window.define = undefined;
      const script = el('script', { src: `${SCRIPTS}/vendor/bpmn-navigated-viewer.production.min.js` });
      script.addEventListener('load', () => {
        window.define = define;
        resolve(window.BpmnJS);
      });
      script.addEventListener('error', () => {
        window.define = define;
        reject(new Error('bpmn-js did not load'));
      });
      document.head.append(script);
    });
  }
  return viewerLoaded;
}

const xmlCache = new Map();
function definitionXml(definitionId) {
  if (!xmlCache.has(definitionId)) {
    xmlCache.set(definitionId, getJson(`${ENGINE_API}/process-definition/${encodeURIComponent(definitionId)}/xml`)
      .then(answer => answer.bpmn20Xml));
  }
  return xmlCache.get(definitionId);
}

function sortable(table, rows, columns, renderRow, initial) {
  let key = initial;
  let ascending = true;
  const body = el('tbody');
  const head = el('tr');
  columns.forEach(column => {
    const th = el('th', { class: 'ucbi-sortable', 'data-sort': column.key, role: 'button', tabindex: '0' }, column.label);
    th.addEventListener('click', () => {
      ascending = key === column.key ? !ascending : true;
      key = column.key;
      draw();
    });
    head.append(th);
  });
  table.replaceChildren(el('thead', {}, head), body);
  function draw(list) {
    rows = list || rows;
    const column = columns.find(c => c.key === key);
    const sorted = [...rows].sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      const order = x === y ? 0 : x === null || x === undefined ? 1 : y === null || y === undefined ? -1 : x < y ? -1 : 1;
      return ascending ? order : -order;
    });
    head.querySelectorAll('th').forEach(th => {
      th.classList.toggle('ucbi-sorted', th.dataset.sort === key);
      th.setAttribute('aria-sort', th.dataset.sort === key ? (ascending ? 'ascending' : 'descending') : 'none');
    });
    // a five-year child has about a thousand activities and thousands of variable changes: the first rows in the
    // chosen order are built at once, the rest on request (sorting and filtering always cover every row)
    const shown = showAll ? sorted : sorted.slice(0, FIRST_ROWS);
    const rest = sorted.length - shown.length;
    body.replaceChildren(...shown.map(renderRow));
    if (rest > 0) {
      body.append(el('tr', { class: 'ucbi-more' }, el('td', { colspan: String(columns.length) },
        `Showing the first ${shown.length} of ${sorted.length} (sorted by ${column.label.toLowerCase()}). `,
        el('button', { type: 'button', class: 'btn btn-default btn-xs ucbi-show-all', onclick: () => {
          showAll = true;
          draw();
        } }, `Show all ${sorted.length}`))));
    }
  }
  let showAll = false;
  draw();
  return draw;
}

// ------------------------------------------------------------------------------------------- Children list

function renderList(container) {
  container.classList.add('ucbi-children-page');
  const search = el('input', {
    type: 'search', class: 'form-control ucbi-children-search', placeholder: 'Subject ID, e.g. UCBI-0001',
    'aria-label': 'Search by subject ID'
  });
  const count = el('span', { class: 'ucbi-children-count' });
  const table = el('table', { class: 'table table-striped table-condensed ucbi-children-table', id: 'ucbi-children-table' });
  container.replaceChildren(
    el('h1', {}, 'Children'),
    el('p', { class: 'text-muted' }, 'Every child in the trial, running or ended. Open a child for the whole path it took.'),
    el('div', { class: 'ucbi-toolbar' }, search, count),
    el('div', { class: 'ucbi-loading' }, 'Loading…'));
  getJson(`${API}/children`).then(answer => {
    const columns = [
      { key: 'subjectId', label: 'Subject ID', value: c => c.subjectId },
      { key: 'status', label: 'Status', value: c => STATUS_ORDER.indexOf(c.status) * 1000 + (c.endedHow ? c.endedHow.charCodeAt(0) : 0) },
      { key: 'openTasks', label: 'Open tasks (groups)', value: c => c.openTasks.length },
      { key: 'day', label: 'Day since cord blood infusion', value: c => c.daySinceCordBloodInfusion },
      { key: 'deviations', label: 'Protocol deviations', value: c => c.deviations },
      { key: 'sae', label: 'Serious AEs (all AEs)', value: c => c.seriousAdverseEvents * 10000 + c.adverseEvents },
      { key: 'started', label: 'Referred', value: c => c.started },
      { key: 'ended', label: 'Ended', value: c => c.ended }
    ];
    const row = c => el('tr', { 'data-subject-id': c.subjectId, 'data-status': c.status },
      el('td', {}, el('a', { href: `#/children/${encodeURIComponent(c.subjectId)}`, class: 'ucbi-child-link' }, c.subjectId)),
      el('td', { class: `ucbi-status ucbi-status-${c.status.replace(/\s+/g, '-')}` }, c.statusText),
      el('td', {}, c.openTasks.length === 0 ? '' : el('ul', { class: 'list-unstyled ucbi-open-tasks' },
        c.openTasks.map(t => el('li', {}, t.name, el('span', { class: 'text-muted' },
          ` (${t.candidateGroups.join(', ') || t.assignee || 'no group'})`))))),
      el('td', { class: 'text-right' }, c.daySinceCordBloodInfusion === null ? '' : `+${c.daySinceCordBloodInfusion}`),
      el('td', { class: 'text-right' }, String(c.deviations)),
      el('td', { class: 'text-right' }, `${c.seriousAdverseEvents} (${c.adverseEvents})`),
      el('td', {}, day(c.started)),
      el('td', {}, day(c.ended)));
    const draw = sortable(table, answer.children, columns, row, 'subjectId');
    const filter = () => {
      const text = search.value.trim().toUpperCase();
      const list = answer.children.filter(c => !text || c.subjectId.toUpperCase().includes(text));
      count.textContent = `${list.length} of ${answer.children.length} children`;
      draw(list);
    };
    search.addEventListener('input', filter);
    filter();
    container.querySelector('.ucbi-loading').replaceWith(table);
  }).catch(error => problem(container, error));
}

// ------------------------------------------------------------------------------------------- one child

function facts(summary) {
  const dl = el('dl', { class: 'dl-horizontal ucbi-facts' });
  const add = (term, value) => {
    if (value !== '' && value !== null && value !== undefined) {
      dl.append(el('dt', {}, term), el('dd', {}, value));
    }
  };
  add('Status', el('span', { class: 'ucbi-child-status', 'data-status': summary.status }, summary.statusText));
  add('Referred', time(summary.started));
  add('Ended', time(summary.ended));
  add('Cord blood infusion', summary.cordBloodInfusionDate
    ? `${summary.cordBloodInfusionDate} (day +${summary.daySinceCordBloodInfusion}${summary.ended ? ' at the end' : ' today'})` : '');
  add('Protocol deviations', String(summary.deviations));
  add('Adverse events', `${summary.adverseEvents}, of which serious ${summary.seriousAdverseEvents}`);
  add('Open tasks', summary.openTasks.length === 0 ? 'none' : el('ul', { class: 'list-unstyled' },
    summary.openTasks.map(t => el('li', {}, `${t.name} (${t.candidateGroups.join(', ') || t.assignee || 'no group'})`))));
  return dl;
}

function auditorTools(subjectId) {
  const result = el('div', { class: 'ucbi-verify-result', 'aria-live': 'polite' });
  const verify = el('button', { type: 'button', class: 'btn btn-default ucbi-verify' }, 'Verify the audit chain now');
  verify.addEventListener('click', () => {
    verify.disabled = true;
    result.className = 'ucbi-verify-result text-muted';
    result.textContent = 'Verifying…';
    getJson(`${API}/audit/verify`).then(answer => {
      result.className = `ucbi-verify-result alert ${answer.valid ? 'alert-success' : 'alert-danger'}`;
      const signatureProblems = answer.signatureProblems || [];
      result.textContent = answer.valid
        ? `Chain valid: ${answer.records} records, ${answer.signatures} electronic signatures bound to their values, `
          + `head ${String(answer.head || '').substring(0, 16)}…, checked ${time(new Date())}.`
        : [answer.chainValid === false ? `Chain BROKEN at record #${answer.firstBrokenRecord}: ${answer.problem}` : null,
          ...signatureProblems.map(problem => `Signature problem: ${problem}`)].filter(Boolean).join(' ');
      result.dataset.valid = String(answer.valid);
    }).catch(error => {
      result.className = 'ucbi-verify-result alert alert-danger';
      result.textContent = `Verification failed: ${error.message}`;
    }).finally(() => {
      verify.disabled = false;
    });
  });
  const link = (format, label) => el('a', {
    class: `btn btn-default ucbi-export-${format}`, download: true,
    href: `${API}/audit/export?subjectId=${encodeURIComponent(subjectId)}&format=${format}`
  }, label);
  return el('section', { class: 'ucbi-auditor' },
    el('h3', {}, 'Auditor'),
    el('div', { class: 'btn-group' }, link('zip', 'Export ZIP'), link('odm', 'CDISC ODM'), link('fhir', 'FHIR R4')),
    ' ', verify, result);
}

async function drawDiagram(holder, process) {
  const BpmnJS = await bpmnJs();
  const xml = await definitionXml(process.processDefinitionId);
  const viewer = new BpmnJS({ container: holder, height: 420 });
  await viewer.importXML(xml);
  const canvas = viewer.get('canvas');
  const overlays = viewer.get('overlays');
  const registry = viewer.get('elementRegistry');
  const visited = new Map(process.visited.map(v => [v.activityId, v]));
  visited.forEach((v, id) => {
    if (!registry.get(id)) {
      return;
    }
    canvas.addMarker(id, 'ucbi-visited');
    if (v.running > 0) {
      canvas.addMarker(id, 'ucbi-running');
    }
    if (id === process.endActivityId && process.ended) {
      canvas.addMarker(id, 'ucbi-ended-here');
    }
    overlays.add(id, 'ucbi-count', {
      position: { bottom: 10, right: 10 },
      html: `<span class="ucbi-count${v.running > 0 ? ' ucbi-count-running' : ''}" title="${v.count} time(s)">${v.count}</span>`
    });
  });
  // the engine keeps no history of sequence flows: a flow counts as taken when its source and target were visited
  registry.filter(e => e.type === 'bpmn:SequenceFlow').forEach(flow => {
    if (flow.source && flow.target && visited.has(flow.source.id) && visited.has(flow.target.id)) {
      canvas.addMarker(flow.id, 'ucbi-taken');
    }
  });
  canvas.zoom('fit-viewport');
  holder.dataset.drawn = 'true';
  return viewer;
}

function processSection(process) {
  const holder = el('div', { class: 'ucbi-diagram', 'data-process-key': process.processDefinitionKey,
    'data-process-instance-id': process.id });
  const state = process.ended ? `ended ${time(process.ended)}${process.endActivityId ? ` at ${process.endActivityId}` : ''}`
    : 'running';
  const draw = () => {
    holder.replaceChildren();
    holder.classList.add('ucbi-diagram-drawing');
    drawDiagram(holder, process).catch(error => {
      holder.replaceChildren(el('div', { class: 'alert alert-warning' }, `Diagram not drawn: ${error.message}`));
    }).finally(() => holder.classList.remove('ucbi-diagram-drawing'));
  };
  const elements = el('details', { class: 'ucbi-visited-list' },
    el('summary', {}, `${process.visited.length} elements visited`),
    el('table', { class: 'table table-condensed' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Element'), el('th', {}, 'Type'), el('th', {}, 'Times'),
        el('th', {}, 'Running now'))),
      el('tbody', {}, process.visited.map(v => el('tr', { 'data-activity-id': v.activityId },
        el('td', {}, v.name || v.activityId), el('td', {}, v.type), el('td', { class: 'text-right' }, String(v.count)),
        el('td', {}, v.running > 0 ? 'here now' : ''))))));
  const section = el('section', { class: 'ucbi-process', 'data-process-key': process.processDefinitionKey },
    el('h4', {}, `${process.processDefinitionName || process.processDefinitionKey} `,
      el('small', {}, `${process.processDefinitionKey} v${process.version} · started ${time(process.started)} · ${state}`),
      ' ',
      el('a', { href: `#/process-instance/${process.id}/runtime`, class: 'small', hidden: process.ended ? true : undefined },
        'open in Cockpit')),
    holder, elements);
  if (AUTO_DRAWN.includes(process.processDefinitionKey)) {
    draw();
  } else {
    holder.append(el('button', { type: 'button', class: 'btn btn-default btn-sm ucbi-draw', onclick: draw }, 'Draw diagram'));
  }
  return section;
}

function valueList(values) {
  return el('ul', { class: 'list-unstyled ucbi-values' }, values.map(v => el('li', {},
    el('code', {}, v.name), ' = ', v.value === null ? el('em', {}, 'null') : v.value)));
}

function filtered(title, rows, columns, renderRow, cls, open) {
  const input = el('input', { type: 'search', class: 'form-control input-sm ucbi-filter', placeholder: 'Filter',
    'aria-label': `Filter ${title}` });
  const table = el('table', { class: `table table-condensed table-striped ${cls}` });
  const section = el('details', { class: `ucbi-section ${cls}-section`, open: open ? true : undefined },
    el('summary', {}, el('h3', {}, `${title} (${rows.length})`)), input, table);
  // a closed section builds its rows when first opened (a five-year child has thousands of variable changes)
  let draw = null;
  const build = () => {
    if (!draw) {
      draw = sortable(table, rows, columns, renderRow, columns[0].key);
    }
  };
  if (open) {
    build();
  } else {
    section.addEventListener('toggle', () => section.open && build());
  }
  input.addEventListener('input', () => {
    build();
    const text = input.value.trim().toLowerCase();
    draw(rows.filter(r => !text || JSON.stringify(r).toLowerCase().includes(text)));
  });
  return section;
}

function renderChild(container, subjectId) {
  container.classList.add('ucbi-child-page');
  container.replaceChildren(el('p', {}, el('a', { href: '#/children' }, '← Children')),
    el('h1', {}, subjectId), el('div', { class: 'ucbi-loading' }, 'Loading…'));
  getJson(`${API}/children/${encodeURIComponent(subjectId)}`).then(answer => {
    const r = answer.record;
    const key = id => (r.processes.find(p => p.id === id) || {}).processDefinitionKey || '';
    const parts = [el('p', {}, el('a', { href: '#/children' }, '← Children')),
      el('h1', {}, subjectId, ' ', el('small', {}, r.summary ? r.summary.statusText : ''))];
    if (r.summary) {
      parts.push(facts(r.summary));
    }
    if (answer.viewer.auditor) {
      parts.push(auditorTools(subjectId));
    }
    parts.push(el('details', { class: 'ucbi-section ucbi-path', open: true },
      el('summary', {}, el('h3', {}, `Path through the protocol (${r.processes.length} process instances)`)),
      el('p', { class: 'text-muted small' }, 'Green: visited (the badge counts how often); orange: where the child is now; ',
        'red: where the process ended. Flows are drawn as taken when both their ends were visited.'),
      r.processes.map(processSection)));
    parts.push(filtered('Timeline', r.timeline, [
      { key: 'started', label: 'Start', value: t => t.started },
      { key: 'ended', label: 'End', value: t => t.ended },
      { key: 'process', label: 'Process', value: t => t.processDefinitionKey },
      { key: 'name', label: 'Activity', value: t => t.name || t.activityId },
      { key: 'assignee', label: 'Completed by', value: t => t.assignee },
      { key: 'recorded', label: 'Recorded', value: t => t.recorded.length }
    ], t => el('tr', { 'data-activity-id': t.activityId, class: t.canceled ? 'text-muted' : undefined },
      el('td', {}, time(t.started)), el('td', {}, t.ended ? time(t.ended) : el('strong', {}, 'open')),
      el('td', {}, t.processDefinitionKey), el('td', {}, t.name || t.activityId, el('br'),
        el('small', { class: 'text-muted' }, `${t.type}${t.canceled ? ', cancelled' : ''}`)),
      el('td', {}, t.assignee || ''), el('td', {}, valueList(t.recorded))), 'ucbi-timeline', true));
    parts.push(filtered('Decisions', r.decisions, [
      { key: 'evaluated', label: 'Time', value: d => d.evaluated },
      { key: 'decision', label: 'Decision', value: d => d.decisionDefinitionKey },
      { key: 'process', label: 'Process', value: d => d.processDefinitionKey },
      { key: 'inputs', label: 'Inputs', value: d => d.inputs.length },
      { key: 'outputs', label: 'Outputs', value: d => d.outputs.length }
    ], d => el('tr', { 'data-decision-key': d.decisionDefinitionKey },
      el('td', {}, time(d.evaluated)), el('td', {}, d.decisionDefinitionName || d.decisionDefinitionKey, el('br'),
        el('small', { class: 'text-muted' }, d.decisionDefinitionKey)),
      el('td', {}, `${d.processDefinitionKey} · ${d.activityId || ''}`),
      el('td', { class: 'ucbi-decision-inputs' }, valueList(d.inputs)),
      el('td', { class: 'ucbi-decision-outputs' }, valueList(d.outputs))), 'ucbi-decisions', true));
    parts.push(filtered('Variable changes', r.variableChanges, [
      { key: 'time', label: 'Time', value: c => c.time },
      { key: 'process', label: 'Process', value: c => c.processDefinitionKey },
      { key: 'name', label: 'Variable', value: c => c.name },
      { key: 'old', label: 'Old value', value: c => c.oldValue },
      { key: 'new', label: 'New value', value: c => c.newValue },
      { key: 'user', label: 'User', value: c => c.user },
      { key: 'reason', label: 'Correction reason', value: c => c.correctionReason }
    ], c => el('tr', { 'data-variable': c.name, class: c.correctionReason ? 'warning' : undefined },
      el('td', {}, time(c.time)), el('td', {}, c.processDefinitionKey), el('td', {}, el('code', {}, c.name)),
      el('td', { class: 'ucbi-value' }, c.oldValue === null ? '' : c.oldValue),
      el('td', { class: 'ucbi-value' }, c.newValue === null ? el('em', {}, 'null') : c.newValue),
      el('td', {}, c.user || ''), el('td', {}, c.correctionReason || '')), 'ucbi-variables', false));
    parts.push(filtered('Messages received', r.messages, [
      { key: 'time', label: 'Time', value: m => m.time },
      { key: 'process', label: 'Process', value: m => m.processDefinitionKey },
      { key: 'name', label: 'Event', value: m => m.name || m.activityId }
    ], m => el('tr', {}, el('td', {}, time(m.time)), el('td', {}, m.processDefinitionKey),
      el('td', {}, m.name || m.activityId, ' ', el('small', { class: 'text-muted' }, m.type))), 'ucbi-messages', true));
    parts.push(filtered('Protocol deviations', r.deviations, [
      { key: 'date', label: 'Date', value: d => d.DVSTDTC },
      { key: 'cat', label: 'Category', value: d => d.DVCAT },
      { key: 'term', label: 'Deviation', value: d => d.DVTERM },
      { key: 'visit', label: 'Visit', value: d => d.VISIT },
      { key: 'clock', label: 'Window / due', value: d => d.windowEnd || d.dueAt }
    ], d => el('tr', {}, el('td', {}, d.DVSTDTC || ''), el('td', {}, d.DVCAT || ''), el('td', {}, d.DVTERM || ''),
      el('td', {}, d.VISIT || ''), el('td', {}, d.windowStart ? `${d.windowStart} – ${d.windowEnd}` : time(d.dueAt))),
    'ucbi-deviations', true));
    parts.push(filtered('Adverse events', r.adverseEvents, [
      { key: 'started', label: 'Reported', value: a => a.started },
      { key: 'term', label: 'Event', value: a => a.values.aeTerm },
      { key: 'grade', label: 'CTCAE grade', value: a => a.values.ctcaeGrade },
      { key: 'serious', label: 'Serious', value: a => a.values.serious },
      { key: 'clocks', label: 'Reporting clocks', value: a => a.values.initialReportDueAt },
      { key: 'state', label: 'State', value: a => a.state }
    ], a => el('tr', { 'data-process-instance-id': a.processInstanceId },
      el('td', {}, time(a.started)), el('td', {}, a.values.aeTermOther || a.values.aeTerm || ''),
      el('td', {}, a.values.ctcaeGrade === undefined ? '' : String(a.values.ctcaeGrade)),
      el('td', {}, a.values.serious ? 'yes' : 'no'),
      el('td', {}, el('ul', { class: 'list-unstyled' },
        a.values.initialReportDueAt ? el('li', {}, `Initial report due ${time(a.values.initialReportDueAt)}`,
          a.values.saeInitialReportDate ? `, made ${day(a.values.saeInitialReportDate)}` : '',
          a.values.initialReportLate ? el('strong', { class: 'text-danger' }, ' (late)') : '') : null,
        a.values.expeditedReportDueAt ? el('li', {}, `Expedited (${a.values.expeditedReportDays} days) due ${time(a.values.expeditedReportDueAt)}`,
          a.values.expeditedReportDate ? `, made ${day(a.values.expeditedReportDate)}` : '',
          a.values.expeditedReportLate ? el('strong', { class: 'text-danger' }, ' (late)') : '') : null,
        a.values.aeOutcome ? el('li', {}, `Outcome: ${a.values.aeOutcome} ${day(a.values.aeOutcomeDate)}`) : null)),
      el('td', {}, `${a.state}${a.endActivityId ? ` (${a.endActivityId})` : ''}`)), 'ucbi-adverse-events', true));
    parts.push(el('p', { class: 'text-muted small' }, `As of ${time(r.asOf)}; times in UTC. Process keys: `,
      [...new Set(r.processes.map(p => key(p.id)))].join(', ')));
    container.replaceChildren(...parts);
  }).catch(error => problem(container, error));
}

function subjectFromLocation() {
  const match = /#\/children\/([^/?]+)/.exec(window.location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

export default [
  {
    id: 'ucbi-children-navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 60,
    properties: { pagePath: '#/children', label: 'Children', checkActive: path => path.indexOf('#/children') > -1 },
    render: node => {
      node.append(el('a', { href: '#/children', class: 'ucbi-children-nav' }, 'Children'));
    }
  },
  {
    id: 'ucbi-children-list',
    pluginPoint: 'cockpit.route',
    properties: { path: '/children', label: 'Children' },
    render: node => renderList(node)
  },
  {
    id: 'ucbi-child-record',
    pluginPoint: 'cockpit.route',
    properties: { path: '/children/:subjectId', label: 'Child' },
    render: node => renderChild(node, subjectFromLocation())
  }
];
