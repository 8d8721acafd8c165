// Cockpit for read-only roles (UCB + islet trial, issue 14 item 8).
//
// The trial manager and the auditor read every child's record in Cockpit but may change nothing
// (design.md section 4). Cockpit 7.24 offers every user its edit and delete buttons and answers a
// forbidden change with a paragraph-long authorization error. This script asks the engine once
// whether the logged-in user may update process instances (the right every correction needs). If
// not, it marks the page read-only: ../styles/user-styles.css hides the edit, delete, add, cancel,
// modify and suspend controls, and one short sentence says who may change the record.
//
// Loaded by Cockpit as a custom script (config.js: customScripts).

const CHECK = 'api/engine/engine/default/authorization/check?permissionName=UPDATE&resourceName=ProcessInstance&resourceType=8';
const NOTE = 'Read-only: you can see every record; only an administrator may correct one (with a reason, recorded in the audit trail).';

// the webapps' root ("/camunda"): Cockpit lives at <root>/app/cockpit/<engine>/
function appRoot() {
  const at = window.location.pathname.indexOf('/app/cockpit/');
  return at >= 0 ? window.location.pathname.substring(0, at) : '/camunda';
}

function markReadOnly() {
  document.documentElement.classList.add('ucbi-read-only');
  if (!document.querySelector('.ucbi-read-only-note')) {
    const note = document.createElement('div');
    note.className = 'ucbi-read-only-note';
    note.setAttribute('role', 'note');
    note.textContent = NOTE;
    document.body.prepend(note);
  }
}

function check() {
  fetch(`${appRoot()}/${CHECK}`, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(response => (response.ok ? response.json() : null))
    .then(answer => {
      if (answer && answer.authorized === false) {
        markReadOnly();
      } else if (answer && answer.authorized === true) {
        document.documentElement.classList.remove('ucbi-read-only');
        document.querySelectorAll('.ucbi-read-only-note').forEach(n => n.remove());
      }
    })
    .catch(() => null);
}

// at start and on every page of the single-page app: after login Cockpit moves to #/dashboard
check();
window.addEventListener('hashchange', check);
