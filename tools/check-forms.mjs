#!/usr/bin/env node
// Checks that every Camunda Form (forms/*.form) renders in the form-js that Camunda 7.24 Tasklist
// uses: @bpmn-io/form-js 1.8.x (schemaVersion 16), its UMD viewer bundle (global FormViewer) in
// headless Debian chromium, driven by playwright-core. No browser is ever downloaded and no network
// is used: every request of the page is answered from tools/node_modules.
//
// Per form:
//   - the file is JSON, its top-level "id" equals the file name, "schemaVersion" <= 16;
//   - field keys are unique within the form (group/dynamic list "path" prefixes included);
//   - new FormViewer.Form({ container }).importSchema(schema, {}) succeeds without warnings,
//     page errors or console errors;
//   - every keyed field that no "conditional" can hide is rendered;
//   - form.validate() on the empty form reports errors only for fields whose schema says
//     validate.required, and for every field the server requires unconditionally
//     (validate.required, not hidden by a condition, not readonly/disabled, no defaultValue),
//     so what Tasklist demands matches what the server (FormSchema) enforces.
//
// Usage: node tools/check-forms.mjs [--screenshots DIR] [FILE.form|DIR ...]
//   default input: <repo>/forms/*.form
//   --screenshots DIR: save DIR/<basename>.png of each rendered form (before validation)
//   env CHROMIUM_PATH overrides /usr/bin/chromium
//
// Exit codes: 0 all forms OK, 1 at least one form failed, 2 usage.

import { readFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { CHROMIUM, CHROMIUM_ARGS, show, collectFiles, serveOffline } from './lib.mjs';

const toolsDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(toolsDir, '..');
const require = createRequire(import.meta.url);

const SCHEMA_VERSION = 16;  // form-js 1.8.x, the form-js of Camunda 7.24 Tasklist
const ORIGIN = 'http://form-check.invalid';  // fake origin, answered by page.route

function usage(msg) {
  if (msg) console.error(`check-forms: ${msg}`);
  console.error('Usage: node tools/check-forms.mjs [--screenshots DIR] [FILE.form|DIR ...]');
  process.exit(2);
}

async function collectInputs(args) {
  const files = await collectFiles(args, path.join(repoRoot, 'forms'), '.form', usage, (arg) => `not a .form file: ${arg}`);
  return files;
}

// Walks the components of a schema: one entry per component with its effective key path and
// whether a "conditional" (on it or on a surrounding group) can hide it.
function fieldsOf(schema) {
  const out = [];
  const walk = (components, prefix, conditional) => {
    if (!Array.isArray(components)) return;
    for (const c of components) {
      if (!c || typeof c !== 'object') continue;
      const cond = conditional || !!(c.conditional && c.conditional.hide);
      const ownPath = typeof c.path === 'string' && c.path ? [ ...prefix, c.path ] : prefix;
      if (typeof c.key === 'string' && c.key) {
        out.push({
          id: c.id,
          key: [ ...prefix, c.key ].join('.'),
          type: c.type,
          required: !!(c.validate && c.validate.required),
          conditional: cond,
          inputAllowed: !c.readonly && !c.disabled,
          hasDefault: c.defaultValue !== undefined && c.defaultValue !== null && c.defaultValue !== ''
        });
      }
      if (c.components) walk(c.components, ownPath, cond);
    }
  };
  walk(schema.components, [], false);
  return out;
}

// Runs inside the page: render the form with empty data, validate it.
async function renderAndValidate({ schema, expectedVersion }) {
  const result = { viewerVersion: null, warnings: [], error: null, rendered: null, errors: null };
  const oneLine = (m) => String(m && m.message || m || '').split('\n').map(s => s.trim()).filter(Boolean).join(' | ');
  // eslint-disable-next-line no-undef
  const FV = window.FormViewer;
  result.viewerVersion = FV && FV.schemaVersion;
  if (!FV || typeof FV.Form !== 'function') {
    result.error = 'form-js viewer (window.FormViewer.Form) did not load in the page';
    return result;
  }
  if (FV.schemaVersion !== expectedVersion) {
    result.error = `form-js viewer reports schemaVersion ${FV.schemaVersion}, expected ${expectedVersion}`;
    return result;
  }
  if (window.__form) {
    window.__form.destroy();
    window.__form = null;
  }
  const container = document.getElementById('form');
  container.innerHTML = '';
  const form = new FV.Form({ container });
  window.__form = form;
  try {
    const { warnings } = await form.importSchema(schema, {});
    result.warnings = (warnings || []).map(oneLine);
  } catch (err) {
    result.error = oneLine(err);
    result.warnings = (err && err.warnings || []).map(oneLine);
    return result;
  }
  // let preact flush its render
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  try {
    const instances = form.get('formFieldInstanceRegistry').getAll();
    result.rendered = [ ...new Set(instances.map(i => i.id)) ];
  } catch {
    result.rendered = null;
  }
  result.fieldElements = container.querySelectorAll('.fjs-form-field').length;
  return result;
}

function validateInPage() {
  const errors = window.__form.validate();
  return Object.fromEntries(Object.entries(errors || {}).map(([ id, e ]) => [ id, [].concat(e).flat().map(String) ]));
}

async function main() {
  const argv = process.argv.slice(2);
  let shotDir = null;
  const args = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') usage();
    else if (a === '--screenshots') { if (!argv[i + 1]) usage('--screenshots needs a directory'); shotDir = path.resolve(argv[++i]); }
    else if (a.startsWith('--screenshots=')) shotDir = path.resolve(a.slice('--screenshots='.length));
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else args.push(a);
  }

  const files = await collectInputs(args);
  if (!files.length) {
    console.log('check-forms: no .form files to check');
    return 0;
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`check-forms: chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
    return 1;
  }
  let chromium;
  try {
    ({ chromium } = require('playwright-core'));
  } catch {
    console.error('check-forms: playwright-core is not installed; run: npm ci --prefix tools');
    return 1;
  }
  let formJsDist, formJsVersion;
  try {
    const pkg = require.resolve('@bpmn-io/form-js/package.json');
    formJsDist = path.join(path.dirname(pkg), 'dist');
    formJsVersion = require(pkg).version;
  } catch {
    console.error('check-forms: @bpmn-io/form-js is not installed; run: npm ci --prefix tools');
    return 1;
  }
  if (!existsSync(path.join(formJsDist, 'form-viewer.umd.js'))) {
    console.error(`check-forms: @bpmn-io/form-js ${formJsVersion} has no dist/form-viewer.umd.js`);
    return 1;
  }

  const indexHtml = `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="/dist/assets/form-js.css">
<style>html,body{margin:0;background:#fff}#form{width:900px;padding:16px}</style>
<script src="/dist/form-viewer.umd.js"></script>
</head><body><div id="form"></div></body></html>`;

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  let failed = 0;
  try {
    const context = await browser.newContext({
      // form-js stacks the columns of a row below a 66rem (1056 px) viewport; Tasklist on a desktop
      // is wider, so render at 1280 px into a 900 px wide form pane.
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
      serviceWorkers: 'block'
    });
    const blocked = await serveOffline(context, ORIGIN, indexHtml, formJsDist);

    // One page for all forms (the 2.5 MB viewer bundle is parsed once); each form gets a new
    // FormViewer.Form, the previous one is destroyed. A page that broke is replaced.
    let page = null;
    const pageErrors = [];
    const openPage = async () => {
      if (page) await page.close().catch(() => {});
      page = await context.newPage();
      page.on('pageerror', e => pageErrors.push(`page error: ${e.message.split('\n')[0]}`));
      page.on('console', m => { if (m.type() === 'error') pageErrors.push(`console error: ${m.text().split('\n')[0]}`); });
      await page.goto(`${ORIGIN}/index.html`, { waitUntil: 'load' });
    };

    for (const file of files) {
      const rel = show(file);
      const base = path.basename(file, '.form');
      const started = Date.now();
      const problems = [];
      let schema;
      try {
        schema = JSON.parse(await readFile(file, 'utf8'));
        if (!schema || typeof schema !== 'object' || Array.isArray(schema)) throw new Error('not a JSON object');
      } catch (e) {
        failed++;
        console.error(`ERROR ${rel}: not a readable form-js JSON schema: ${e.message.split('\n')[0]}`);
        continue;
      }

      // static checks
      if (schema.id !== base) problems.push(`top-level id is ${JSON.stringify(schema.id)}, expected "${base}" (the file name)`);
      if (!Number.isInteger(schema.schemaVersion)) {
        problems.push(`schemaVersion is ${JSON.stringify(schema.schemaVersion)}, expected a whole number <= ${SCHEMA_VERSION}`);
      } else if (schema.schemaVersion > SCHEMA_VERSION) {
        problems.push(`schemaVersion ${schema.schemaVersion} is newer than ${SCHEMA_VERSION} (form-js 1.8.x of Camunda 7.24 Tasklist)`);
      }
      const fields = fieldsOf(schema);
      const byKey = new Map();
      for (const f of fields) {
        if (!byKey.has(f.key)) byKey.set(f.key, []);
        byKey.get(f.key).push(f.id || '?');
      }
      for (const [ key, ids ] of byKey) {
        if (ids.length > 1) problems.push(`key "${key}" is used by ${ids.length} fields (${ids.join(', ')})`);
      }

      // rendering in form-js
      let summary = '';
      try {
        if (!page) await openPage();
        pageErrors.splice(0);
        const r = await page.evaluate(renderAndValidate, { schema, expectedVersion: SCHEMA_VERSION });
        for (const w of r.warnings) problems.push(`form-js import warning: ${w}`);
        if (r.error) {
          problems.push(`form-js import failed: ${r.error}` +
            (blocked.length ? ` (blocked: ${blocked.join(', ')})` : ''));
        } else {
          if (!r.rendered) {
            problems.push('cannot read the rendered fields (formFieldInstanceRegistry) of this form-js');
          } else {
            const rendered = new Set(r.rendered);
            const missing = fields.filter(f => !f.conditional && f.id && !rendered.has(f.id));
            if (missing.length) problems.push(`not rendered: ${missing.map(f => f.key).join(', ')}`);
          }
          if (!r.fieldElements && fields.length) problems.push('form-js rendered no form fields');
          // form-js 1.8 shows labels on one line and hides the overflow: a clinician would not see the end of the question
          const clipped = await page.evaluate(() => [...document.querySelectorAll('#form label, #form .fjs-form-field-label')]
            .filter(e => e.textContent.trim() && e.scrollWidth > e.clientWidth + 1)
            .map(e => e.textContent.trim()));
          if (clipped.length) problems.push(`label(s) cut off at the form width (shorten, move detail to a description): ${clipped.join(' | ')}`);
          if (shotDir) {
            await mkdir(shotDir, { recursive: true });
            await page.locator('#form').screenshot({ path: path.join(shotDir, `${base}.png`), animations: 'disabled' });
          }
          const errors = await page.evaluate(validateInPage);
          const fieldById = new Map(fields.map(f => [ f.id, f ]));
          const notRequired = [];
          for (const [ id, msgs ] of Object.entries(errors)) {
            const f = fieldById.get(id);
            if (!f || !f.required) notRequired.push(`${f ? f.key : id} (${msgs.join(' ')})`);
          }
          if (notRequired.length) {
            problems.push(`form-js reports errors on the empty form for field(s) without validate.required: ${notRequired.join(', ')}`);
          }
          const serverRequired = fields.filter(f => f.required && !f.conditional && f.inputAllowed && !f.hasDefault);
          const notEnforced = serverRequired.filter(f => !(f.id in errors));
          if (notEnforced.length) {
            problems.push(`validate.required but form-js accepts the empty form: ${notEnforced.map(f => f.key).join(', ')}`);
          }
          summary = `${fields.length} fields, ${Object.keys(errors).length} required on the empty form`;
        }
        problems.push(...pageErrors.splice(0));
        if (blocked.length) problems.push(`blocked page request(s): ${blocked.splice(0).join(', ')}`);
      } catch (e) {
        problems.push(e.message.split('\n')[0], ...pageErrors.splice(0));
        await page?.close().catch(() => {});
        page = null;
      }
      if (problems.length) {
        failed++;
        console.error(`ERROR ${rel}: ${problems.join('; ')}`);
      } else {
        console.log(`OK    ${rel} (${summary}; ${Date.now() - started} ms)`);
      }
    }
  } finally {
    await browser.close();
  }
  const where = shotDir ? `, screenshots in ${show(shotDir)}` : '';
  if (failed) {
    console.error(`check-forms: ${failed} of ${files.length} form(s) failed in form-js ${formJsVersion}${where}`);
    return 1;
  }
  console.log(`check-forms: ${files.length} form(s) render in form-js ${formJsVersion} (schemaVersion ${SCHEMA_VERSION})${where}`);
  return 0;
}

main().then(code => process.exit(code), (e) => {
  console.error(`check-forms: ${e && e.stack || e}`);
  process.exit(1);
});
