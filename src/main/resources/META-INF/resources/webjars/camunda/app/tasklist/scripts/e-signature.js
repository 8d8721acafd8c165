// Electronic signatures in Tasklist (UCB + islet trial, issue 20; 21 CFR 11.50/11.200, EU GMP Annex 11 section 14).
//
// A user task or start form whose BPMN carries the property `signature` (its meaning) completes only with the
// signer's user ID and password re-entered and the meaning accepted; the engine checks them (see
// docs/electronic-signatures.md). When the user presses Complete (or Start) on such a form, this script asks in the
// page, before the submission leaves the browser, for the user ID and password and shows what is being signed
// ("I approve the release decision on the islet product from donor OPO-... for UCBI-0003"). Signing adds the three
// fields to the submission as transient variables, which the engine reads and never stores. Cancelling sends the
// submission unsigned: the server refuses it and Tasklist shows the error; the task stays open.
//
// Loaded by Tasklist as a custom script (config.js: customScripts). The webapps' Content-Security-Policy forbids
// window.prompt, so the dialog is part of the page; the request waits for the answer.

const CAMUNDA_NS = 'http://camunda.org/schema/1.0/bpmn';
const SUBMIT = /^(.*\/api\/engine\/engine\/[^/]+)\/(task|process-definition)\/([^/]+)\/submit-form\/?(\?.*)?$/;
const MEANING_LABELS = {
  approval: 'Approval', review: 'Review', responsibility: 'Responsibility', authorship: 'Authorship',
  correction: 'Correction'
};

function element(tag, attributes, text) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
  if (text) {
    node.textContent = text;
  }
  return node;
}

async function getJson(url) {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`${url}: HTTP ${response.status}`);
  }
  return response.json();
}

/** The signature properties of one element of the deployed BPMN, or null. */
function signatureOf(xml, isStart, elementId) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  let node = null;
  if (isStart) {
    const processes = Array.from(doc.getElementsByTagNameNS('*', 'process'));
    node = processes.flatMap(p => Array.from(p.children).filter(c => c.localName === 'startEvent'))
      .find(start => propertiesOf(start).signature) || null;
  } else {
    node = Array.from(doc.getElementsByTagNameNS('*', 'userTask')).find(task => task.getAttribute('id') === elementId) || null;
  }
  if (!node) {
    return null;
  }
  const properties = propertiesOf(node);
  return properties.signature ? { meaning: properties.signature, statement: properties.signatureStatement || '' } : null;
}

function propertiesOf(node) {
  const properties = {};
  Array.from(node.getElementsByTagNameNS(CAMUNDA_NS, 'property')).forEach(p => {
    properties[p.getAttribute('name')] = p.getAttribute('value');
  });
  return properties;
}

function plain(variable) {
  return variable && typeof variable === 'object' && 'value' in variable ? variable.value : variable;
}

/** What the signer needs to see: meaning and statement (placeholders filled from the submission and the task). */
async function lookup(root, kind, id, body) {
  let definitionId = id;
  let elementId = null;
  let known = {};
  if (kind === 'task') {
    const task = await getJson(`${root}/task/${id}`);
    definitionId = task.processDefinitionId;
    elementId = task.taskDefinitionKey;
    try {
      const variables = await getJson(`${root}/task/${id}/variables?deserializeValues=false`);
      Object.entries(variables).forEach(([name, v]) => { known[name] = plain(v); });
      const instance = await getJson(`${root}/process-instance/${task.processInstanceId}`);
      if (known.subjectId === undefined || known.subjectId === null) {
        known.subjectId = instance.businessKey;
      }
    } catch (e) {
      // the statement then shows "?" for what cannot be read; the server still checks the signature
    }
  }
  const xml = (await getJson(`${root}/process-definition/${definitionId}/xml`)).bpmn20Xml;
  const signature = signatureOf(xml, kind !== 'task', elementId);
  if (!signature) {
    return null;
  }
  Object.entries((body && body.variables) || {}).forEach(([name, v]) => { known[name] = plain(v); });
  signature.text = signature.statement.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, (all, name) =>
    known[name] === undefined || known[name] === null ? '?' : String(known[name]));
  return signature;
}

// Both components are typed at every signing (21 CFR 11.200(a)(1)): the user ID is not pre-filled.
function askSignature(signature) {
  return new Promise(resolve => {
    const backdrop = element('div', {
      class: 'ucbi-signature-backdrop',
      style: 'position:fixed;inset:0;background:rgba(0,0,0,.45);z-index:100000;display:flex;align-items:center;justify-content:center'
    });
    const dialog = element('div', {
      class: 'ucbi-signature-dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'ucbi-signature-title',
      style: 'background:#fff;border-radius:4px;box-shadow:0 5px 15px rgba(0,0,0,.5);width:560px;max-width:90vw;padding:20px;font-size:14px'
    });
    const title = element('h3', { id: 'ucbi-signature-title', style: 'margin-top:0' }, 'Electronic signature');
    const meaning = element('p', { class: 'ucbi-signature-meaning' },
      `Meaning: ${MEANING_LABELS[signature.meaning] || signature.meaning}`);
    const statement = element('p', { class: 'ucbi-signature-statement', style: 'font-weight:bold' }, signature.text);
    const explain = element('p', { class: 'text-muted' },
      'Signing with your user ID and password is the legally binding equivalent of your handwritten signature. '
      + 'Your name, the time (UTC), this meaning and the values you submit are recorded together. '
      + 'Wrong passwords count like failed logins.');
    const user = element('input', {
      class: 'form-control ucbi-signature-user', type: 'text', autocomplete: 'username', 'aria-label': 'User ID'
    });
    const password = element('input', {
      class: 'form-control ucbi-signature-password', type: 'password', autocomplete: 'current-password',
      'aria-label': 'Password', style: 'margin-top:8px'
    });
    const userLabel = element('label', {}, 'User ID');
    const passwordLabel = element('label', { style: 'margin-top:8px' }, 'Password');
    const problem = element('p', { class: 'text-danger ucbi-signature-problem', style: 'min-height:1.5em;margin:6px 0' });
    const buttons = element('div', { style: 'text-align:right' });
    const cancel = element('button', { type: 'button', class: 'btn btn-default ucbi-signature-cancel' }, 'Cancel');
    const sign = element('button', { type: 'button', class: 'btn btn-primary ucbi-signature-sign', style: 'margin-left:8px' }, 'Sign');
    buttons.append(cancel, sign);
    dialog.append(title, meaning, statement, explain, userLabel, user, passwordLabel, password, problem, buttons);
    backdrop.append(dialog);
    document.body.append(backdrop);
    user.focus();

    const close = value => {
      password.value = '';
      backdrop.remove();
      resolve(value);
    };
    cancel.addEventListener('click', () => close(null));
    const submit = () => {
      if (!user.value.trim() || !password.value) {
        problem.textContent = 'Please enter your user ID and your password to sign.';
        return;
      }
      close({ userId: user.value.trim(), password: password.value });
    };
    sign.addEventListener('click', submit);
    dialog.addEventListener('keydown', event => {
      if (event.key === 'Escape') {
        close(null);
      } else if (event.key === 'Enter') {
        event.preventDefault();
        submit();
      }
    });
  });
}

function transientText(value) {
  return { value, type: 'String', valueInfo: { transient: true } };
}

async function sign(url, body) {
  const match = SUBMIT.exec(url);
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch (e) {
    return body;
  }
  const signature = await lookup(match[1], match[2], match[3], parsed);
  if (!signature) {
    return body;
  }
  const answer = await askSignature(signature);
  if (!answer) {
    return body; // unsigned: the engine refuses it and nothing is stored
  }
  parsed.variables = parsed.variables || {};
  parsed.variables.signatureUserId = transientText(answer.userId);
  parsed.variables.signaturePassword = transientText(answer.password);
  parsed.variables.signatureMeaning = transientText(signature.meaning);
  return JSON.stringify(parsed);
}

const open = XMLHttpRequest.prototype.open;
const send = XMLHttpRequest.prototype.send;

XMLHttpRequest.prototype.open = function (method, url, ...rest) {
  this.ucbiSubmitForm = String(method).toUpperCase() === 'POST' && SUBMIT.test(String(url)) ? String(url) : null;
  return open.call(this, method, url, ...rest);
};

// The submission is sent once the user has signed (or cancelled); the body may still be replaced until then.
XMLHttpRequest.prototype.send = function (body) {
  if (!this.ucbiSubmitForm || typeof body !== 'string') {
    return send.call(this, body);
  }
  const request = this;
  sign(this.ucbiSubmitForm, body).then(signed => send.call(request, signed), () => send.call(request, body));
  return undefined;
};
