#!/usr/bin/env bash
# Cohort benchmark per factor (issue 21 item 1). The same seeded cohort (quick size: CHILDREN=4 by default, one
# enrolment year, H2) is run once with every engine extension on and once with each factor left out, each in its own
# application start on a fresh H2 database and each followed by the generic baseline of the same shape in the same
# JVM (so every row has its own ratio, measured under the same machine load). Factors (config.BenchFactors, refused
# outside the profile cohort-bench): form-validation, guards, audit, task-card; and Camunda's history level (full,
# audit, activity). Writes bench/results/cohort-factors-<date>.md (and the JSON lines beside it).
#
#   bash bench/cohort-factors.sh                       # builds the jar, 4 children per configuration
#   CHILDREN=8 SKIP_BUILD=1 bash bench/cohort-factors.sh
#   CONFIGS="all-on audit" SKIP_BUILD=1 bash bench/cohort-factors.sh
#   JFR=1 ...                                           # also a JFR recording per configuration (stack depth 2048)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHILDREN="${CHILDREN:-4}"
ENROLMENT_YEARS="${ENROLMENT_YEARS:-1}"
CONFIGS="${CONFIGS:-all-on form-validation guards audit task-card history-audit history-activity all-off}"
JAVA_OPTS="${JAVA_OPTS:--Xmx2g}"
JAR="${JAR:-}"
WORK="$(mktemp -d /tmp/ucbi-factors.XXXXXX)"
OUT="${OUT:-${ROOT}/bench/results/cohort-factors-$(date -u +%Y-%m-%d)-${CHILDREN}.md}"
log() { printf '[factors %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
if [[ -z "$JAR" ]]; then
  if [[ -z "${SKIP_BUILD:-}" ]]; then
    log "building the application jar"
    (cd "$ROOT" && mvn -B -ntp -q -DskipTests package)
  fi
  JAR="$(ls "$ROOT"/target/ucb-islet-protocol-*.jar | grep -v original | head -n 1)"
fi
for config in $CONFIGS; do
  args=(--server.port=0 --ucbi.simulation.children="$CHILDREN" --ucbi.simulation.enrolment-years="$ENROLMENT_YEARS"
        --ucbi.simulation.bench-output="$WORK/$config.json" --logging.level.org.ucbislet=WARN
        --spring.profiles.active=demo,cohort-bench "--spring.datasource.url=jdbc:h2:file:$WORK/$config/ucb-islet;DB_CLOSE_ON_EXIT=FALSE")
  case "$config" in
    all-on) ;;
    form-validation|guards|audit|task-card) args+=(--ucbi.bench.factors-off="$config") ;;
    history-audit) args+=(--camunda.bpm.history-level=audit) ;;
    history-activity) args+=(--camunda.bpm.history-level=activity) ;;
    all-off) args+=(--ucbi.bench.factors-off=form-validation,guards,audit,task-card --camunda.bpm.history-level=activity) ;;
    *) log "unknown configuration $config"; exit 2 ;;
  esac
  jfr=()
  if [[ -n "${JFR:-}" ]]; then
    jfr=(-XX:FlightRecorderOptions=stackdepth=2048 "-XX:StartFlightRecording=filename=$WORK/$config.jfr,settings=profile")
  fi
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  log "$config: $CHILDREN children (load $load)"
  (cd "$WORK" && java $JAVA_OPTS "${jfr[@]}" -jar "$JAR" "${args[@]}" > "$WORK/$config.log" 2>&1) || {
    log "$config failed: $WORK/$config.log"; tail -n 30 "$WORK/$config.log" >&2; continue; }
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); r["config"]=sys.argv[2]; r["loadAtStart"]=sys.argv[3]; print(json.dumps(r))' \
    "$WORK/$config.json" "$config" "$load" >> "$WORK/all.jsonl"
  tail -n 1 "$WORK/all.jsonl" >&2
done
python3 "$ROOT/bench/factors-table.py" "$WORK/all.jsonl" "$CHILDREN" "$ENROLMENT_YEARS" > "$OUT"
cp "$WORK/all.jsonl" "${OUT%.md}.jsonl"
cat "$OUT"
log "results: $OUT (work directory $WORK)"
