#!/usr/bin/env bash
# Checks that every Camunda Form renders in the form-js of Camunda 7.24 Tasklist
# (@bpmn-io/form-js 1.8.x, schemaVersion 16) in headless Debian chromium
# (/usr/bin/chromium, or $CHROMIUM_PATH) via playwright-core: import without
# errors, id = file name, schemaVersion <= 16, unique keys, and form-js requires
# on the empty form exactly the fields whose schema says validate.required.
#
# Usage: tools/check-forms.sh [--screenshots DIR] [FILE.form|DIR ...]
#        (default input <repo>/forms/*.form)
# Exit:  0 all forms OK, 1 a form failed, 2 usage.
# Needs: apt-get install chromium   (no browser is ever downloaded by npm)
set -euo pipefail

TOOLS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1

if [ ! -f "$TOOLS_DIR/node_modules/@bpmn-io/form-js/dist/form-viewer.umd.js" ] \
   || [ ! -f "$TOOLS_DIR/node_modules/playwright-core/package.json" ]; then
  echo "check-forms: installing node dependencies (npm ci --prefix tools)"
  npm ci --prefix "$TOOLS_DIR" --no-audit --no-fund
fi

exec node "$TOOLS_DIR/check-forms.mjs" "$@"
