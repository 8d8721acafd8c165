// Cockpit "Amendments" page (UCB + islet trial, issue 22), a Cockpit plugin through the Camunda 7 CE plugin API.
//
// Loaded by Cockpit as a custom script (config.js: customScripts); its default export is a list of plugins:
// - an "Amendments" entry in Cockpit's header (plugin point cockpit.navigation);
// - #/amendments: the protocol amendments deployed with the models (GET /api/amendments), each with its processes and
//   rules; "Dry run" asks the server what would happen to every running child, or to the children typed in
//   (POST /api/amendments/{id}/dry-run: migrates / lands where / cannot move and why, Camunda's own report; nothing
//   changes); "Apply" migrates the children that can move (or those typed in) with the reason and the trial manager's
//   electronic signature, user ID and password typed at every apply (POST /api/amendments/{id}/apply), then shows
//   what happened to each child.
// Trial managers only (the server answers 403 to everyone else). Server code: org.ucbislet.amendment; docs/amendments.md.

const BASE = document.querySelector('base');
const APP_ROOT = BASE.getAttribute('app-root');
const API = APP_ROOT.substring(0, APP_ROOT.lastIndexOf('/')) + '/api/amendments';

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

async function call(method, url, body) {
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(answer.detail || response.statusText);
    error.status = response.status;
    error.field = answer.field;
    throw error;
  }
  return answer;
}

function alert(kind, text) {
  return el('div', { class: `alert alert-${kind} ucbi-amendment-message`, role: 'alert' }, text);
}

function problemText(error) {
  if (error.status === 403 && !error.field) {
    return 'Amendments are applied by trial managers only.';
  }
  return `${error.status || ''} ${error.message}`;
}

const OUTCOME_CLASS = {
  migrates: 'success', migrated: 'success', 'migrates-partly': 'warning', 'migrated-partly': 'warning',
  'cannot-move': 'danger', failed: 'danger', 'up-to-date': 'default', 'not-attempted': 'default'
};

function subjectList(text) {
  const ids = text.split(/[\s,;]+/).map(s => s.trim()).filter(Boolean);
  return ids.length ? ids : null;
}

function reportTable(report) {
  const rows = [];
  report.children.forEach(child => {
    const instances = child.instances.length ? child.instances : [null];
    instances.forEach((i, n) => rows.push(el('tr', { 'data-subject-id': child.subjectId },
      n === 0 ? el('td', { rowspan: instances.length }, el('strong', {}, child.subjectId)) : null,
      n === 0 ? el('td', { rowspan: instances.length },
        el('span', { class: `label label-${OUTCOME_CLASS[child.outcome] || 'default'} ucbi-outcome` }, child.outcome),
        child.explanation ? el('div', { class: 'small' }, child.explanation) : null,
        child.reconsentTaskId ? el('div', { class: 'small' }, 'Re-consent task created for the trial coordinators') : null)
        : null,
      el('td', {}, i ? `${i.processDefinitionKey} v${i.fromVersion} → v${i.toVersion}` : ''),
      el('td', {}, i ? i.outcome : ''),
      el('td', {}, i ? el('ul', { class: 'list-unstyled' }, i.landsAt.map(m =>
        el('li', {}, m.to ? `${m.from} → ${m.to}` : `${m.from} (no place in the new model)`))) : ''),
      el('td', { class: 'small' }, i ? [
        i.timersBefore.length ? el('div', {}, `Timers: ${i.timersBefore.join('; ')}`) : null,
        i.timersAfter.length && i.timersAfter.join() !== i.timersBefore.join()
          ? el('div', {}, `After: ${i.timersAfter.join('; ')}`) : null,
        i.messageWaitsBefore.length ? el('div', {}, `Waits: ${i.messageWaitsBefore.join('; ')}`) : null,
        i.problems.length ? el('div', { class: 'text-danger' }, i.problems.join('; ')) : null] : ''))));
  });
  return el('table', { class: 'table table-condensed ucbi-amendment-report' },
    el('thead', {}, el('tr', {}, ['Child', 'Outcome', 'Process (version)', 'Instance', 'Lands at',
      'Timers, waits, problems'].map(h => el('th', {}, h)))),
    el('tbody', {}, rows));
}

function summary(report) {
  const counts = Object.entries(report.outcomes).map(([k, v]) => `${v} ${k}`).join(', ') || 'no child';
  return el('p', { class: 'ucbi-amendment-summary' }, `${report.dryRun ? 'Dry run' : 'Applied'} at `
    + `${String(report.at).replace('T', ' ').substring(0, 16)} UTC by ${report.user}: ${counts} (${report.millis} ms).`);
}

function renderAmendment(amendment, container) {
  const output = el('div', { class: 'ucbi-amendment-output' });
  const subjects = el('input', { type: 'text', class: 'form-control', name: 'subjectIds',
    placeholder: 'All running children, or subject IDs separated by commas' });
  let lastDryRun = null;

  const reason = el('textarea', { class: 'form-control', name: 'reason', rows: 2, required: true,
    placeholder: 'Why (ethics approval, reference) - recorded with every move' });
  const user = el('input', { type: 'text', class: 'form-control', name: 'signatureUserId', autocomplete: 'off' });
  const password = el('input', { type: 'password', class: 'form-control', name: 'signaturePassword',
    autocomplete: 'new-password' });
  const applyButton = el('button', { type: 'submit', class: 'btn btn-danger', disabled: true }, 'Sign and apply');

  const dryRunButton = el('button', { type: 'button', class: 'btn btn-primary', onclick: () => {
    output.replaceChildren(el('p', {}, 'Dry run in progress...'));
    call('POST', `${API}/${encodeURIComponent(amendment.id)}/dry-run`, { subjectIds: subjectList(subjects.value) })
      .then(report => {
        lastDryRun = report;
        applyButton.disabled = !report.children.some(c => c.outcome === 'migrates' || c.outcome === 'migrates-partly');
        output.replaceChildren(summary(report), reportTable(report));
      }).catch(error => output.replaceChildren(alert('danger', problemText(error))));
  } }, 'Dry run');

  const form = el('form', { class: 'ucbi-amendment-apply', onsubmit: event => {
    event.preventDefault();
    const movable = lastDryRun.children.filter(c => c.outcome === 'migrates' || c.outcome === 'migrates-partly')
      .map(c => c.subjectId);
    const body = { subjectIds: movable, reason: reason.value, signatureUserId: user.value,
      signaturePassword: password.value };
    password.value = '';
    output.prepend(el('p', {}, `Applying to ${movable.length} children...`));
    call('POST', `${API}/${encodeURIComponent(amendment.id)}/apply`, body)
      .then(report => {
        applyButton.disabled = true;
        output.replaceChildren(summary(report), reportTable(report));
      }).catch(error => output.prepend(alert('danger', problemText(error))));
  } },
  el('h4', {}, 'Apply to the children the dry run found movable'),
  el('p', { class: 'small' }, 'Each child moves whole in a transaction of its own, or stays unchanged on its old '
    + 'versions and is reported. Your signature: "I sign this manual correction (amendment ... applied to <child>) '
    + 'for the reason given".'),
  el('div', { class: 'form-group' }, el('label', {}, 'Reason', reason)),
  el('div', { class: 'form-group' }, el('label', {}, 'User ID', user)),
  el('div', { class: 'form-group' }, el('label', {}, 'Password', password)),
  applyButton);

  const plans = Object.entries(amendment.processes).map(([key, plan]) => el('li', {}, el('code', {}, key),
    `: ${plan.mappings.length} renamed, ${plan.retired.length} retired; cannot move → ${plan.whenCannotMove.rule}`));
  container.replaceChildren(
    el('h3', {}, `${amendment.title} `, el('small', {}, `${amendment.id} (${amendment.date})`)),
    el('p', {}, amendment.description),
    amendment.reconsent ? el('p', {}, el('strong', {}, 'Re-consent: '),
      `a task for the trial coordinators, due within ${amendment.reconsent.dueWithin}: ${amendment.reconsent.statement}`)
      : null,
    el('ul', { class: 'small' }, plans),
    el('div', { class: 'form-inline' }, subjects, ' ', dryRunButton),
    output, form);
}

function renderList(node) {
  const container = el('div', { class: 'ucbi-amendments', style: 'padding: 15px' },
    el('h2', {}, 'Protocol amendments'), el('p', {}, 'Loading...'));
  node.replaceChildren(container);
  call('GET', API).then(answer => {
    const detail = el('div', { class: 'ucbi-amendment' });
    const items = answer.amendments.map(a => el('li', {},
      a.valid ? el('a', { href: 'javascript:void(0)', onclick: () => renderAmendment(a.amendment, detail) },
        `${a.id}: ${a.amendment.title}`)
        : el('span', { class: 'text-danger' }, `${a.id}: not valid (${a.problems.join('; ')})`)));
    container.replaceChildren(el('h2', {}, 'Protocol amendments'),
      items.length ? el('ul', { class: 'ucbi-amendment-list' }, items) : el('p', {}, 'No amendment is deployed.'),
      detail);
    const first = answer.amendments.find(a => a.valid);
    if (first) {
      renderAmendment(first.amendment, detail);
    }
  }).catch(error => container.replaceChildren(el('h2', {}, 'Protocol amendments'), alert('danger', problemText(error))));
}

export default [
  {
    id: 'ucbi-amendments-navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 55,
    properties: { pagePath: '#/amendments', label: 'Amendments', checkActive: path => path.indexOf('#/amendments') > -1 },
    render: node => {
      node.append(el('a', { href: '#/amendments', class: 'ucbi-amendments-nav' }, 'Amendments'));
    }
  },
  {
    id: 'ucbi-amendments-page',
    pluginPoint: 'cockpit.route',
    properties: { path: '/amendments', label: 'Amendments' },
    render: node => renderList(node)
  }
];
