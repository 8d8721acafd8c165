#!/usr/bin/env node
// Renders BPMN models to docs/diagrams/<basename>.svg and .png with bpmn-js
// (bpmn-viewer.production.min.js) in headless Debian chromium, driven by
// playwright-core. No browser is ever downloaded and no network is used:
// every request of the page is answered from tools/node_modules.
//
// Usage: node tools/render-diagrams.mjs [--out DIR] [FILE.bpmn|DIR ...]
//   default input : <repo>/bpmn/*.bpmn
//   default output: <repo>/docs/diagrams
//   env CHROMIUM_PATH overrides /usr/bin/chromium
//
// Exit codes: 0 all rendered (bpmn-js import warnings and elements without DI
// are printed as WARN), 1 at least one file failed (no diagram interchange,
// import error, empty diagram, ...), 2 usage.

import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { CHROMIUM, CHROMIUM_ARGS, show, collectFiles, serveOffline } from './lib.mjs';

const toolsDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(toolsDir, '..');
const require = createRequire(import.meta.url);

const SCALE = 1.5;        // deviceScaleFactor of the PNG
const PNG_MARGIN = 20;    // white margin (CSS px) around the exported SVG in the PNG
const ORIGIN = 'http://bpmn-render.invalid';  // fake origin, answered by page.route

function usage(msg) {
  if (msg) console.error(`render-diagrams: ${msg}`);
  console.error('Usage: node tools/render-diagrams.mjs [--out DIR] [FILE.bpmn|DIR ...]');
  process.exit(2);
}

async function collectInputs(args) {
  const files = await collectFiles(args, path.join(repoRoot, 'bpmn'), '.bpmn', usage, (arg) => `not a .bpmn file (only BPMN is rendered): ${arg}`);
  const seen = new Map();
  for (const f of files) {
    const base = path.basename(f, '.bpmn');
    if (seen.has(base)) usage(`two inputs share the basename "${base}": ${seen.get(base)} and ${f}`);
    seen.set(base, f);
  }
  return files;
}

// Runs inside the page: import the XML and export the SVG.
async function importAndExport(xml) {
  const result = { warnings: [], error: null, svg: null, missingDi: [], diagrams: 0, shapes: 0 };
  const firstLine = (m) => String(m || '').split('\n')[0];
  const container = document.getElementById('canvas');
  container.innerHTML = '';
  // eslint-disable-next-line no-undef
  const viewer = new BpmnJS({ container });
  try {
    const { warnings } = await viewer.importXML(xml);
    result.warnings = (warnings || []).map(w => firstLine(w.message));
  } catch (err) {
    result.error = String(err.message || err).split('\n').map(s => s.trim()).filter(Boolean).join(' | ');
    result.warnings = (err.warnings || []).map(w => firstLine(w.message));
    return result;
  }
  const definitions = viewer.getDefinitions();
  result.diagrams = (definitions.diagrams || []).length;
  const registry = viewer.get('elementRegistry');
  result.shapes = registry.filter(e => e.parent && e.type !== 'label').length;

  // Semantic elements that have no DI are silently left out of the picture.
  const missing = [];
  const check = (el) => {
    if (!el || !el.id || el.$type === 'bpmn:DataObject') return;
    if (!registry.get(el.id)) missing.push(`${el.$type.replace('bpmn:', '')} ${el.id}`);
  };
  const walk = (container) => {
    for (const fe of container.flowElements || []) {
      check(fe);
      if (fe.flowElements) walk(fe);
    }
    for (const a of container.artifacts || []) {
      if (a.$type === 'bpmn:Association') check(a);
    }
  };
  for (const root of definitions.rootElements || []) {
    if (root.$type === 'bpmn:Process') walk(root);
    if (root.$type === 'bpmn:Collaboration') {
      (root.participants || []).forEach(check);
      (root.messageFlows || []).forEach(check);
    }
  }
  result.missingDi = missing;

  const { svg } = await viewer.saveSVG();
  result.svg = svg;
  viewer.destroy();
  return result;
}

async function main() {
  const argv = process.argv.slice(2);
  let outDir = path.join(repoRoot, 'docs', 'diagrams');
  const args = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') usage();
    else if (a === '--out') { if (!argv[i + 1]) usage('--out needs a directory'); outDir = path.resolve(argv[++i]); }
    else if (a.startsWith('--out=')) outDir = path.resolve(a.slice(6));
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else args.push(a);
  }

  const files = await collectInputs(args);
  if (!files.length) {
    console.log('render-diagrams: no .bpmn files to render');
    return 0;
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`render-diagrams: chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
    return 1;
  }

  let chromium;
  try {
    ({ chromium } = require('playwright-core'));
  } catch (e) {
    console.error('render-diagrams: playwright-core is not installed; run: npm ci --prefix tools');
    return 1;
  }
  const bpmnJsDist = path.join(path.dirname(require.resolve('bpmn-js/package.json')), 'dist');

  const indexHtml = `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="/dist/assets/diagram-js.css">
<link rel="stylesheet" href="/dist/assets/bpmn-js.css">
<link rel="stylesheet" href="/dist/assets/bpmn-font/css/bpmn.css">
<style>html,body{margin:0;background:#fff}#canvas{width:100vw;height:100vh}</style>
<script src="/dist/bpmn-viewer.production.min.js"></script>
</head><body><div id="canvas"></div></body></html>`;

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  let failed = 0;
  try {
    const context = await browser.newContext({
      viewport: { width: 1600, height: 1000 },
      deviceScaleFactor: SCALE,
      serviceWorkers: 'block'
    });
    const blocked = await serveOffline(context, ORIGIN, indexHtml, bpmnJsDist);

    for (const file of files) {
      const rel = show(file);
      const base = path.basename(file, '.bpmn');
      const started = Date.now();
      const page = await context.newPage();
      const pageErrors = [];
      page.on('pageerror', e => pageErrors.push(e.message));
      try {
        const xml = await readFile(file, 'utf8');
        await page.goto(`${ORIGIN}/index.html`, { waitUntil: 'load' });
        if (!(await page.evaluate(() => typeof window.BpmnJS === 'function'))) {
          throw new Error(`bpmn-js viewer did not load in the page (blocked: ${blocked.join(', ') || 'none'})`);
        }
        const r = await page.evaluate(importAndExport, xml);
        for (const w of r.warnings) console.warn(`WARN  ${rel}: ${w}`);
        if (r.error) {
          const hint = /no diagram to display/i.test(r.error)
            ? ' (the file has no BPMN diagram interchange <bpmndi:BPMNDiagram>; lay it out in Camunda Modeler)'
            : '';
          throw new Error(`bpmn-js import failed: ${r.error}${hint}`);
        }
        if (!r.shapes) {
          throw new Error('the diagram is empty (BPMNDiagram has no shapes for the model)');
        }
        if (r.diagrams > 1) {
          console.warn(`WARN  ${rel}: ${r.diagrams} BPMNDiagram elements; rendered the first one (collapsed sub-process planes are not shown)`);
        }
        for (const m of r.missingDi) {
          console.warn(`WARN  ${rel}: ${m} has no diagram interchange and is not in the picture`);
        }
        if (pageErrors.length) throw new Error(`page error: ${pageErrors.join('; ')}`);
        if (blocked.length) console.warn(`WARN  ${rel}: blocked page request(s): ${blocked.splice(0).join(', ')}`);

        await mkdir(outDir, { recursive: true });
        const svgFile = path.join(outDir, `${base}.svg`);
        await writeFile(svgFile, stableIds(r.svg), 'utf8');

        // PNG = raster of exactly the exported SVG (no viewer CSS), on white.
        const inlineSvg = r.svg.replace(/^[\s\S]*?(<svg[\s>])/, '$1');
        await page.setContent(`<!DOCTYPE html><html><head><meta charset="utf-8">
<style>html,body{margin:0;background:#fff}#wrap{display:inline-block;padding:${PNG_MARGIN}px;background:#fff;line-height:0}</style>
</head><body><div id="wrap">${inlineSvg}</div></body></html>`);
        const pngFile = path.join(outDir, `${base}.png`);
        await page.locator('#wrap').screenshot({ path: pngFile, omitBackground: false, animations: 'disabled' });
        console.log(`OK    ${rel} -> ${show(svgFile)}, ${show(pngFile)} (${Date.now() - started} ms)`);
      } catch (e) {
        failed++;
        console.error(`ERROR ${rel}: ${e.message.split('\n')[0]}`);
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }
  if (failed) {
    console.error(`render-diagrams: ${failed} of ${files.length} file(s) failed`);
    return 1;
  }
  console.log(`render-diagrams: ${files.length} file(s) rendered to ${show(outDir)}`);
  return 0;
}

main().then(code => process.exit(code), (e) => {
  console.error(`render-diagrams: ${e && e.stack || e}`);
  process.exit(1);
});

// bpmn-js gives arrow markers random IDs; number them in order so the same model gives the same
// SVG byte for byte (CI compares the committed diagrams with a fresh rendering).
function stableIds(svg) {
  const ids = new Map();
  return svg.replace(/marker-[a-z0-9]{10,}/g, (id) => {
    if (!ids.has(id)) ids.set(id, `marker-${ids.size + 1}`);
    return ids.get(id);
  });
}
