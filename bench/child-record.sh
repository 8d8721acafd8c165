#!/usr/bin/env bash
# Children pages benchmark (issue 19 item 4). Starts the application (profiles demo,cohort) on a fresh H2 database, lets
# it simulate CHILDREN synthetic children referred over ENROLMENT_YEARS up to today (the cohort demo), then measures
# the data behind Cockpit's Children pages as the trial manager:
#   - GET /api/children (the list of every child), and
#   - GET /api/children/{subjectId} for the child with the longest history (the first referred of those who had their
#     cord blood infusion: up to ENROLMENT_YEARS of simulated protocol),
# ROUNDS times each after one warm-up request, and optionally (DRAW=1, default) the child page drawn in headless
# Chromium (tools/node_modules playwright-core, bench/child-record-draw.mjs): from navigation to every diagram drawn.
# With FILL_TO=n, the list is measured again after enrolling children through the enrolment start form (REST, as the
# trial coordinator: each in screening with its work-up open) until the list holds n children: a quick way to a list
# of 200 when simulating 200 full histories takes too long on a loaded machine.
# Writes bench/results/child-record-<date>.md. Targets: child data < 1 s, list < 2 s, child page drawn < 2 s.
#
#   bash bench/child-record.sh                                   # 200 children over 6 years (about 15 minutes)
#   CHILDREN=40 ENROLMENT_YEARS=5 SKIP_BUILD=1 bash bench/child-record.sh
#   WORK=/tmp/ucbi-child-record.abc123 SKIP_BUILD=1 bash bench/child-record.sh   # measure an earlier run's database again
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHILDREN="${CHILDREN:-200}"
ENROLMENT_YEARS="${ENROLMENT_YEARS:-6}"
ROUNDS="${ROUNDS:-5}"
PORT="${PORT:-8119}"
DRAW="${DRAW:-1}"
FILL_TO="${FILL_TO:-0}"
JAVA_OPTS="${JAVA_OPTS:--Xmx2g}"
WORK="${WORK:-$(mktemp -d /tmp/ucbi-child-record.XXXXXX)}"
mkdir -p "$WORK"
OUT="${ROOT}/bench/results/child-record-$(date -u +%Y-%m-%d).md"
BASE="http://localhost:${PORT}"
APP_PID=""

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
cleanup() { if [[ -n "$APP_PID" ]]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi; }
trap cleanup EXIT

if [[ -z "${SKIP_BUILD:-}" ]]; then
  log "building the application jar"
  (cd "$ROOT" && mvn -B -ntp -q -DskipTests package)
fi
JAR="$(ls "$ROOT"/target/ucb-islet-protocol-*.jar | grep -v original | head -n 1)"

rm -f "$WORK/app.log" # a database measured again: wait for this start's own log lines
log "starting the application on port $PORT: $CHILDREN children over $ENROLMENT_YEARS years (database in $WORK)"
(cd "$WORK" && exec java $JAVA_OPTS -jar "$JAR" --server.port="$PORT" --spring.profiles.active=demo,cohort \
  "--spring.datasource.url=jdbc:h2:file:$WORK/h2/ucb-islet;DB_CLOSE_ON_EXIT=FALSE" \
  --ucbi.simulation.children="$CHILDREN" --ucbi.simulation.enrolment-years="$ENROLMENT_YEARS" \
  --ucbi.simulation.report-directory="$WORK/report" --logging.level.org.ucbislet=INFO > "$WORK/app.log" 2>&1) &
APP_PID=$!
started=$(date +%s)
# a database that already holds the cohort (WORK of an earlier run) is measured as it is
until grep -q "Cohort report:\|nothing simulated" "$WORK/app.log"; do
  if ! kill -0 "$APP_PID" 2>/dev/null; then log "the application stopped: see $WORK/app.log"; exit 1; fi
  if (( $(date +%s) - started > 7200 )); then log "no cohort after 2 hours"; exit 1; fi
  sleep 10
done
simulated="$(( $(date +%s) - started )) s"
if grep -q "nothing simulated" "$WORK/app.log"; then simulated="an earlier run"; fi
log "cohort simulated in ${simulated}"

# the child with the longest history: referred first
curl -sf -u trial-manager:demo "$BASE/api/children" > "$WORK/children.json"
read -r SUBJECT REFERRED COUNT < <(python3 - "$WORK/children.json" <<'PY'
import json, sys
children = json.load(open(sys.argv[1]))["children"]
# the longest history: from referral to the end or today, preferring children who reached the cord blood infusion
transplanted = [c for c in children if c["cordBloodInfusionDate"]] or children
first = min(transplanted, key=lambda c: c["started"])
print(first["subjectId"], first["started"][:10], len(children))
PY
)
log "list: $COUNT children; longest history: $SUBJECT, referred $REFERRED"

measure() { # url -> lines "seconds bytes"
  local url="$1"
  curl -s -o /dev/null -u trial-manager:demo "$url" # warm-up
  for _ in $(seq 1 "$ROUNDS"); do
    curl -s -o /dev/null -u trial-manager:demo -w '%{time_total} %{size_download}\n' "$url"
  done
}
stats() { python3 -c '
import sys, statistics
rows = [tuple(map(float, l.split())) for l in sys.stdin if l.strip()]
t = [r[0] for r in rows]
print("%.3f %.3f %.3f %d" % (statistics.median(t), min(t), max(t), rows[0][1]))'; }
read -r LIST_MEDIAN LIST_MIN LIST_MAX LIST_BYTES < <(measure "$BASE/api/children" | stats)
read -r CHILD_MEDIAN CHILD_MIN CHILD_MAX CHILD_BYTES < <(measure "$BASE/api/children/$SUBJECT" | stats)
curl -sf -u trial-manager:demo "$BASE/api/children/$SUBJECT" > "$WORK/child.json"
read -r PROCESSES TIMELINE DECISIONS CHANGES SPAN < <(python3 - "$WORK/child.json" <<'PY'
import json, sys, datetime
r = json.load(open(sys.argv[1]))["record"]
start = min(p["started"] for p in r["processes"])
end = r["summary"]["ended"] or r["asOf"]
years = (datetime.datetime.fromisoformat(end[:19]) - datetime.datetime.fromisoformat(start[:19])).days / 365.25
print(len(r["processes"]), len(r["timeline"]), len(r["decisions"]), len(r["variableChanges"]), "%.1f" % years)
PY
)
log "list: median ${LIST_MEDIAN} s; child $SUBJECT ($SPAN years, $PROCESSES process instances, $TIMELINE activities): median ${CHILD_MEDIAN} s"

FILLED_ROW=""
if (( FILL_TO > COUNT )); then
  log "enrolling $(( FILL_TO - COUNT )) more children through the enrolment start form"
  for n in $(seq 1 $(( FILL_TO - COUNT ))); do
    subject=$(printf 'UCBI-%04d' $(( 9000 + n )))
    curl -sf -o /dev/null -u trial-coordinator:demo -H 'Content-Type: application/json' \
      -d "{\"businessKey\":\"$subject\",\"variables\":{\"subjectId\":{\"value\":\"$subject\"},\"dateOfBirth\":{\"value\":\"2016-02-11\"},\"sex\":{\"value\":\"female\"},\"weightKg\":{\"value\":24.0,\"type\":\"Double\"},\"heightCm\":{\"value\":122.0,\"type\":\"Double\"},\"geneName\":{\"value\":\"FOXP3\"},\"variantHgvs\":{\"value\":\"NM_014009.4:c.1150G>A\"},\"referralDate\":{\"value\":\"$(date -u +%Y-%m-%d)\"}}}" \
      "$BASE/engine-rest/process-definition/key/ucbIsletProtocol/submit-form"
  done
  FILLED=$(curl -sf -u trial-manager:demo "$BASE/api/children" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')
  read -r FILL_MEDIAN FILL_MIN FILL_MAX FILL_BYTES < <(measure "$BASE/api/children" | stats)
  log "list of $FILLED children: median ${FILL_MEDIAN} s"
  FILLED_ROW="| \`GET /api/children\` ($FILLED children: the $COUNT simulated plus $(( FILLED - COUNT )) enrolled, in screening) | $FILL_MEDIAN | $FILL_MIN | $FILL_MAX | $FILL_BYTES bytes | < 2 s |"
fi

DRAWN="not measured"
if [[ "$DRAW" == 1 ]]; then
  if [[ ! -d "$ROOT/tools/node_modules/playwright-core" ]]; then
    npm ci --prefix "$ROOT/tools" --no-audit --no-fund --loglevel=error
  fi
  DRAWN="$(node "$ROOT/bench/child-record-draw.mjs" "$BASE" "$SUBJECT" "$ROUNDS")"
  log "child page drawn in Chromium: $DRAWN"
fi

LOAD="$(uptime | sed 's/.*load average: //')"
STARTUP="$(grep -o 'Started Application in [0-9.]*' "$WORK/app.log" | tail -n 1 | awk '{print $4}')"
mkdir -p "$(dirname "$OUT")"
cat > "$OUT" <<MD
# Children pages benchmark, $(date -u +%Y-%m-%d)

Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; $(java -version 2>&1 | head -n 1); H2 file database.
Load while measuring: $LOAD (load average, 1/5/15 min); the application started in $STARTUP s (about 10 s on an idle
machine of this kind).
Cohort: $COUNT simulated children referred over $ENROLMENT_YEARS years up to today (simulated in $simulated).
Each request as the trial manager over HTTP Basic, $ROUNDS rounds after one warm-up (curl time_total, seconds).

| what | median | min | max | size | target |
|---|---|---|---|---|---|
| \`GET /api/children\` ($COUNT children) | $LIST_MEDIAN | $LIST_MIN | $LIST_MAX | $LIST_BYTES bytes | < 2 s |
| \`GET /api/children/$SUBJECT\` ($SPAN years; $PROCESSES process instances, $TIMELINE activities, $DECISIONS decisions, $CHANGES variable changes) | $CHILD_MEDIAN | $CHILD_MIN | $CHILD_MAX | $CHILD_BYTES bytes | < 1 s |
$FILLED_ROW
| child page drawn in headless Chromium (navigation to every diagram drawn) | $DRAWN | | | | < 2 s |
MD
log "wrote $OUT"
