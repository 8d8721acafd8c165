// Shared by the model tools: the system Chromium (never a downloaded one) and the input file lists.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'
];

/** A path for messages: relative to the working directory when inside it. */
export function show(p) {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

/**
 * The files with the given extension named by the arguments (files or folders), or those of the default
 * folder; `usage(message)` is called (and must exit) for a missing path or a file of another kind.
 */
export async function collectFiles(args, defaultDir, extension, usage, notThatKind) {
  const inputs = args.length ? args : [ defaultDir ];
  const files = [];
  for (const arg of inputs) {
    const p = path.resolve(arg);
    let st;
    try {
      st = await stat(p);
    } catch {
      usage(`no such file or directory: ${arg}`);
    }
    if (st.isDirectory()) {
      const names = (await readdir(p)).filter(n => n.endsWith(extension)).sort();
      files.push(...names.map(n => path.join(p, n)));
    } else if (p.endsWith(extension)) {
      files.push(p);
    } else {
      usage(notThatKind(arg));
    }
  }
  return files;
}

/**
 * Answers every request of the browser context offline: `/` with the given page, `/dist/...` from the
 * given folder (a package's dist), anything else is aborted and listed in the returned array.
 */
export async function serveOffline(context, origin, indexHtml, distDir) {
  const { existsSync } = await import('node:fs');
  const blocked = [];
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin === origin) {
      if (url.pathname === '/' || url.pathname === '/index.html') {
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: indexHtml });
      }
      if (url.pathname.startsWith('/dist/')) {
        const file = path.join(distDir, decodeURIComponent(url.pathname.slice('/dist/'.length)));
        if (file.startsWith(distDir + path.sep) && existsSync(file)) {
          return route.fulfill({ status: 200, path: file });
        }
      }
    }
    blocked.push(route.request().url());
    return route.abort();
  });
  return blocked;
}
