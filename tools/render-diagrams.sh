#!/usr/bin/env bash
# Renders BPMN models to docs/diagrams/<basename>.svg and .png with bpmn-js in
# headless Debian chromium (/usr/bin/chromium, or $CHROMIUM_PATH) via playwright-core.
#
# Usage: tools/render-diagrams.sh [--out DIR] [FILE.bpmn|DIR ...]
#        (default input <repo>/bpmn/*.bpmn, default output <repo>/docs/diagrams)
# Exit:  0 all rendered (warnings printed), 1 a file failed (e.g. no diagram
#        interchange, bpmn-js import error), 2 usage.
# Needs: apt-get install chromium   (no browser is ever downloaded by npm)
set -euo pipefail

TOOLS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1

if [ ! -f "$TOOLS_DIR/node_modules/bpmn-js/dist/bpmn-viewer.production.min.js" ] \
   || [ ! -f "$TOOLS_DIR/node_modules/playwright-core/package.json" ]; then
  echo "render-diagrams: installing node dependencies (npm ci --prefix tools)"
  npm ci --prefix "$TOOLS_DIR" --no-audit --no-fund
fi

exec node "$TOOLS_DIR/render-diagrams.mjs" "$@"
