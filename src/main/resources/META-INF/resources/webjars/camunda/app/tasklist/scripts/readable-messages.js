// No regular expression is ever shown to a clinician (UCB + islet trial, issue 14 item 6).
//
// form-js 1.x in Tasklist 7.24 answers a value that breaks a field's pattern with "Field must match
// pattern ^UCBI-\d{4}$." and has no option for a message of one's own. Every pattern field of the
// trial's forms says its format in words in its description (with an example, e.g. "UCBI- and four
// digits, e.g. UCBI-0001"; TasklistEncodingContractTest checks each one). This script replaces the
// regular-expression message with "Not in the expected format: <the field's description>" wherever
// form-js renders it. The server says the same in its 400 answer (org.ucbislet.forms.FormSchema).
//
// Loaded by Tasklist as a custom script (config.js: customScripts).

const PATTERN_MESSAGE = /^\s*Field must match pattern\b/;

function readable(errorItem) {
  const field = errorItem.closest('.fjs-form-field');
  const description = field && field.querySelector('.fjs-form-field-description');
  const words = description && description.textContent.trim();
  return words ? `Not in the expected format: ${words}` : 'Not in the expected format: see the description of this field.';
}

function rewrite(root) {
  if (!root || !root.querySelectorAll) {
    return;
  }
  root.querySelectorAll('.fjs-form-field-error li, .fjs-form-field-error').forEach(node => {
    if (node.children.length === 0 && PATTERN_MESSAGE.test(node.textContent)) {
      node.textContent = readable(node);
    }
  });
}

new MutationObserver(mutations => {
  for (const mutation of mutations) {
    if (mutation.type === 'characterData') {
      rewrite(mutation.target.parentElement && mutation.target.parentElement.closest('.fjs-form-field'));
    } else {
      mutation.addedNodes.forEach(node => rewrite(node.nodeType === 1 ? node.closest('.fjs-form-field') || node : node.parentElement));
    }
  }
}).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
