// Manual corrections need a reason (UCB + islet trial, audit requirement).
//
// Cockpit lets an operator add, change or delete a child's process variables and cancel a process
// instance. The server refuses such a request without header X-Correction-Reason (HTTP 400 naming
// correctionReason, nothing changed) and records the reason in the audit trail with the old and new
// value. This script asks the operator for the reason before Cockpit sends the request, and adds it.
// Cancelling the question sends the request without a reason, so the server refuses it and Cockpit
// shows the error.
//
// Loaded by Cockpit as a custom script (config.js: customScripts). The list of corrections mirrors
// org.ucbislet.audit.CorrectionReasonFilter.

const HEADER = 'X-Correction-Reason';
const MIN_LENGTH = 10;
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
  const match = API_PATH.exec(decodeURI(String(url || '')));
  if (!match) {
    return null;
  }
  const path = match[1];
  return CORRECTIONS.some(([methods, paths]) => methods.test(verb) && paths.test(path)) ? `${verb} ${path}` : null;
}

function askReason(what) {
  let question = `Manual correction: ${what}\n\nWhy is this change made? The reason is recorded in the audit trail with the old and new value (at least ${MIN_LENGTH} characters).`;
  for (;;) {
    const answer = window.prompt(question, '');
    if (answer === null) {
      return null;
    }
    if (answer.trim().length >= MIN_LENGTH) {
      return answer.trim();
    }
    question = `Please give the reason in at least ${MIN_LENGTH} characters.\n\nManual correction: ${what}`;
  }
}

const open = XMLHttpRequest.prototype.open;
const send = XMLHttpRequest.prototype.send;

XMLHttpRequest.prototype.open = function (method, url, ...rest) {
  this.ucbiCorrection = correction(method, url);
  return open.call(this, method, url, ...rest);
};

XMLHttpRequest.prototype.send = function (body) {
  if (this.ucbiCorrection) {
    const reason = askReason(this.ucbiCorrection);
    if (reason !== null) {
      this.setRequestHeader(HEADER, encodeURIComponent(reason));
    }
  }
  return send.call(this, body);
};

if (window.fetch) {
  const fetch = window.fetch;
  window.fetch = function (input, init = {}) {
    const url = typeof input === 'string' ? input : input.url;
    const what = correction(init.method || (typeof input === 'string' ? 'GET' : input.method), url);
    if (what) {
      const reason = askReason(what);
      if (reason !== null) {
        const headers = new Headers(init.headers || (typeof input === 'string' ? undefined : input.headers));
        headers.set(HEADER, encodeURIComponent(reason));
        return fetch.call(this, input, { ...init, headers });
      }
    }
    return fetch.call(this, input, init);
  };
}
