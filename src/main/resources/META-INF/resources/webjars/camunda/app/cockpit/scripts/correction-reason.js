// Manual corrections need a reason (UCB + islet trial, audit requirement).
//
// Cockpit lets an operator add, change or delete a child's process variables and cancel a process
// instance. The server refuses such a request without header X-Correction-Reason (HTTP 400 naming
// correctionReason, nothing changed) and records the reason in the audit trail with the old and new
// value. This script asks the operator for the reason in a dialog before Cockpit sends the request,
// and adds it. A manual correction is also electronically signed (issue 20): the dialog asks for the user ID and
// password, sent in headers X-Signature-User and X-Signature-Password and checked by the engine like a task
// signature (meaning "correction"). Cancelling the dialog sends the request without a reason, so the server refuses
// it and Cockpit shows the error. (The webapps' Content-Security-Policy sandbox forbids window.prompt, so the
// dialog is part of the page; the request waits for the answer.)
//
// Loaded by Cockpit as a custom script (config.js: customScripts). The list of corrections mirrors
// org.ucbislet.audit.CorrectionReasonFilter.

const HEADER = 'X-Correction-Reason';
const SIGNATURE_USER = 'X-Signature-User';
const SIGNATURE_PASSWORD = 'X-Signature-Password';
const MIN_LENGTH = 10;
const MAX_LENGTH = 2000;
const API_PATH = /\/api\/engine\/engine\/[^/]+(\/[^?#]*)/;
const CORRECTIONS = [
  [/^(PUT|POST|DELETE)$/, /^\/(process-instance|execution|task|case-instance|case-execution)\/[^/]+\/(variables|localVariables)(\/[^/]+(\/data)?)?\/?$/i],
  [/^POST$/, /^\/process-instance\/variables-async\/?$/i],
  [/^POST$/, /^\/process-instance\/[^/]+\/modification(-async)?\/?$/i],
  [/^DELETE$/, /^\/process-instance\/[^/]+\/?$/i],
  [/^POST$/, /^\/process-instance\/delete\/?$/i],
  [/^POST$/, /^\/(migration|modification)\/execute(Async)?\/?$/i],
  [/^POST$/, /^\/process-definition\/[^/]+\/restart(-async)?\/?$/i]
];

function correction(method, url) {
  const verb = String(method || 'GET').toUpperCase();
  let path;
  try {
    path = decodeURI(String(url || ''));
  } catch (e) {
    path = String(url || '');
  }
  const match = API_PATH.exec(path);
  if (!match) {
    return null;
  }
  return CORRECTIONS.some(([methods, paths]) => methods.test(verb) && paths.test(match[1])) ? `${verb} ${match[1]}` : null;
}

function element(tag, attributes, text) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
  if (text) {
    node.textContent = text;
  }
  return node;
}

// One question at a time: a second correction waits for the first answer.
let queue = Promise.resolve();

function askReason(what) {
  const answer = queue.then(() => new Promise(resolve => {
    const backdrop = element('div', {
      class: 'ucbi-correction-backdrop',
      style: 'position:fixed;inset:0;background:rgba(0,0,0,.45);z-index:100000;display:flex;align-items:center;justify-content:center'
    });
    const dialog = element('div', {
      class: 'ucbi-correction-dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'ucbi-correction-title',
      style: 'background:#fff;border-radius:4px;box-shadow:0 5px 15px rgba(0,0,0,.5);width:560px;max-width:90vw;padding:20px;font-size:14px'
    });
    const title = element('h3', { id: 'ucbi-correction-title', style: 'margin-top:0' }, 'Reason for this manual correction');
    const request = element('p', { class: 'ucbi-correction-request', style: 'font-family:monospace;word-break:break-all' }, what);
    const explain = element('p', {}, `The reason is recorded in the audit trail with the user, the time and the old and new value (${MIN_LENGTH} to ${MAX_LENGTH} characters).`);
    const reason = element('textarea', {
      class: 'form-control ucbi-correction-reason', rows: '4', maxlength: String(MAX_LENGTH), 'aria-label': 'Reason for the correction'
    });
    const signHint = element('p', { style: 'margin:10px 0 4px' },
      'Sign the correction with your user ID and password (electronic signature, meaning: correction).');
    const user = element('input', {
      class: 'form-control ucbi-correction-user', type: 'text', autocomplete: 'username', 'aria-label': 'User ID',
      placeholder: 'User ID'
    });
    const password = element('input', {
      class: 'form-control ucbi-correction-password', type: 'password', autocomplete: 'current-password',
      'aria-label': 'Password', placeholder: 'Password', style: 'margin-top:6px'
    });
    const problem = element('p', { class: 'text-danger ucbi-correction-problem', style: 'min-height:1.5em;margin:6px 0' });
    const buttons = element('div', { style: 'text-align:right' });
    const cancel = element('button', { type: 'button', class: 'btn btn-default ucbi-correction-cancel' }, 'Cancel');
    const record = element('button', { type: 'button', class: 'btn btn-primary ucbi-correction-record', style: 'margin-left:8px' }, 'Sign and save');
    buttons.append(cancel, record);
    dialog.append(title, request, explain, reason, signHint, user, password, problem, buttons);
    backdrop.append(dialog);
    document.body.append(backdrop);
    reason.focus();

    const close = value => {
      password.value = '';
      backdrop.remove();
      resolve(value);
    };
    cancel.addEventListener('click', () => close(null));
    record.addEventListener('click', () => {
      const text = reason.value.trim();
      if (text.length < MIN_LENGTH) {
        problem.textContent = `Please give the reason in at least ${MIN_LENGTH} characters.`;
        reason.focus();
        return;
      }
      if (!user.value.trim() || !password.value) {
        problem.textContent = 'Please sign with your user ID and password.';
        (user.value.trim() ? password : user).focus();
        return;
      }
      close({ reason: text, userId: user.value.trim(), password: password.value });
    });
    dialog.addEventListener('keydown', event => {
      if (event.key === 'Escape') {
        close(null);
      }
    });
  }));
  queue = answer.catch(() => null);
  return answer;
}

const open = XMLHttpRequest.prototype.open;
const send = XMLHttpRequest.prototype.send;

XMLHttpRequest.prototype.open = function (method, url, ...rest) {
  this.ucbiCorrection = correction(method, url);
  return open.call(this, method, url, ...rest);
};

// The request is sent once the operator has answered; headers may still be set until then.
XMLHttpRequest.prototype.send = function (body) {
  if (!this.ucbiCorrection) {
    return send.call(this, body);
  }
  const request = this;
  askReason(this.ucbiCorrection).then(answer => {
    if (answer !== null) {
      request.setRequestHeader(HEADER, encodeURIComponent(answer.reason));
      request.setRequestHeader(SIGNATURE_USER, encodeURIComponent(answer.userId));
      request.setRequestHeader(SIGNATURE_PASSWORD, encodeURIComponent(answer.password));
    }
    send.call(request, body);
  });
  return undefined;
};

if (window.fetch) {
  const fetch = window.fetch;
  window.fetch = function (input, init = {}) {
    const url = typeof input === 'string' ? input : input.url;
    const what = correction(init.method || (typeof input === 'string' ? 'GET' : input.method), url);
    if (!what) {
      return fetch.call(this, input, init);
    }
    return askReason(what).then(answer => {
      if (answer === null) {
        return fetch.call(window, input, init);
      }
      const headers = new Headers(init.headers || (typeof input === 'string' ? undefined : input.headers));
      headers.set(HEADER, encodeURIComponent(answer.reason));
      headers.set(SIGNATURE_USER, encodeURIComponent(answer.userId));
      headers.set(SIGNATURE_PASSWORD, encodeURIComponent(answer.password));
      return fetch.call(window, input, { ...init, headers });
    });
  };
}
