#!/usr/bin/env bash
# Lints BPMN models with bpmnlint (bpmnlint:recommended + camunda-compat for
# Camunda 7.24) using the repo-root config <repo>/.bpmnlintrc.
#
# Usage: tools/lint-models.sh [FILE.bpmn|DIR ...]      (default: <repo>/bpmn/*.bpmn)
# Exit:  0 no errors (warnings/infos are printed), 1 lint errors, 2 usage.
#
# bpmnlint resolves "plugin:camunda-compat/..." with require() from the current
# directory, so from the repo root it only finds the plug-in under
# tools/node_modules through NODE_PATH. By hand, from the repo root:
#   NODE_PATH=tools/node_modules node tools/node_modules/bpmnlint/bin/bpmnlint.js bpmn/*.bpmn
# Without NODE_PATH it fails with
#   "cannot resolve config <camunda-platform-7-24> from <bpmnlint-plugin-camunda-compat>".
#
# Note: the camunda-compat rule history-time-to-live is only "info" (exit 0),
# but the engine refuses to deploy a process without historyTimeToLive
# (ENGINE-12018) unless an engine-wide default is configured.
set -euo pipefail

TOOLS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$TOOLS_DIR")"
CONFIG="$ROOT/.bpmnlintrc"

[ $# -gt 0 ] || set -- "$ROOT/bpmn"

files=()
for arg in "$@"; do
  if [ -d "$arg" ]; then
    shopt -s nullglob
    for f in "$(cd "$arg" && pwd)"/*.bpmn; do files+=("$f"); done
    shopt -u nullglob
  elif [ -f "$arg" ]; then
    case "$arg" in
      *.bpmn) files+=("$(cd "$(dirname "$arg")" && pwd)/$(basename "$arg")") ;;
      *) echo "lint-models: not a .bpmn file: $arg" >&2; exit 2 ;;
    esac
  else
    echo "lint-models: no such file or directory: $arg" >&2; exit 2
  fi
done

if [ ${#files[@]} -eq 0 ]; then
  echo "lint-models: no .bpmn files to lint"
  exit 0
fi

for f in "${files[@]}"; do
  # bpmnlint expands its arguments as globs: such a name would silently match nothing
  case "$f" in
    *[][*?{}!]*) echo "lint-models: file name has glob characters, rename it: $f" >&2; exit 2 ;;
  esac
done

[ -f "$CONFIG" ] || { echo "lint-models: missing $CONFIG" >&2; exit 2; }

if [ ! -f "$TOOLS_DIR/node_modules/bpmnlint/bin/bpmnlint.js" ] \
   || [ ! -f "$TOOLS_DIR/node_modules/bpmnlint-plugin-camunda-compat/index.js" ]; then
  echo "lint-models: installing node dependencies (npm ci --prefix tools)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 \
    npm ci --prefix "$TOOLS_DIR" --no-audit --no-fund
fi

echo "lint-models: linting ${#files[@]} file(s) with $CONFIG"
cd "$ROOT"
set +e
NODE_PATH="$TOOLS_DIR/node_modules${NODE_PATH:+:$NODE_PATH}" \
  node "$TOOLS_DIR/node_modules/bpmnlint/bin/bpmnlint.js" --config "$CONFIG" "${files[@]}"
rc=$?
set -e
if [ $rc -eq 0 ]; then
  echo "lint-models: OK (${#files[@]} file(s), no errors)"
else
  echo "lint-models: FAILED (bpmnlint exit code $rc)" >&2
fi
exit $rc
