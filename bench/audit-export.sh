#!/usr/bin/env bash
# Audit export benchmark (issue 8 item 4). One run: build the jar, start the application with -Xmx256m on a
# fresh PostgreSQL database, generate the screening history of N children over REST, then REPEATS times:
# time GET /api/audit/export (ZIP) and a raw JDBC dump of the same history tables; verify the export offline;
# write bench/results/audit-export-<date>.md. Local only (127.0.0.1). Stops the app and drops the database
# at the end, also on failure.
#
#   bash bench/audit-export.sh                      # 1000 children, 3 client threads, 3 repeats
#   CHILDREN=200 THREADS=4 REPEATS=5 bash bench/audit-export.sh
#   SKIP_BUILD=1 bash bench/audit-export.sh         # reuse target/*.jar
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHILDREN="${CHILDREN:-1000}"
THREADS="${THREADS:-3}"
REPEATS="${REPEATS:-3}"
PORT="${PORT:-8099}"
PGHOST=127.0.0.1
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
export PGHOST PGPORT PGUSER
ADMIN_ID=trialadmin
ADMIN_PASSWORD='Bench-Admin-2026!'
USER_PASSWORD='Qx7-Islet-Run-2026!'
BASE="http://127.0.0.1:${PORT}"
STAMP="$(date -u +%Y%m%d%H%M%S)"
DB="ucbi_bench_${STAMP}"
WORK="$(mktemp -d /tmp/ucbi-bench.XXXXXX)"
OUT="${ROOT}/bench/results/audit-export-$(date -u +%Y-%m-%d).md"
APP_PID=""
DB_CREATED=0
T_START=$(date +%s)

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

cleanup() {
  local rc=$?
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    log "stopping the application (pid $APP_PID)"
    kill "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$APP_PID" 2>/dev/null || true
  fi
  if [[ "$DB_CREATED" == 1 ]]; then
    log "dropping database $DB"
    psql -q -d postgres -c "DROP DATABASE IF EXISTS ${DB} WITH (FORCE)" >/dev/null 2>&1 || log "could not drop $DB"
  fi
  if [[ $rc -ne 0 ]]; then
    log "FAILED (exit $rc); work files kept in $WORK (app.log)"
  else
    rm -rf "$WORK"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- build -------------------------------------------------------------------------------------------------
cd "$ROOT"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  log "building the application jar (mvn -q -B -o package -DskipTests)"
  mvn -q -B -o package -DskipTests
fi
JAR="$(ls "$ROOT"/target/ucb-islet-protocol-*.jar | grep -v original | head -1)"
PG_VERSION="$(unzip -Z1 "$JAR" | sed -n 's#^BOOT-INF/lib/postgresql-\(.*\)\.jar$#\1#p' | head -1)"
DRIVER="$HOME/.m2/repository/org/postgresql/postgresql/${PG_VERSION}/postgresql-${PG_VERSION}.jar"
[[ -f "$DRIVER" ]] || { log "PostgreSQL driver $DRIVER not found"; exit 2; }
mkdir -p "$WORK/classes"
javac -nowarn -d "$WORK/classes" -cp "$DRIVER" "$ROOT"/bench/src/*.java

# --- database and application ------------------------------------------------------------------------------
pg_isready -q || { log "PostgreSQL is not accepting connections on $PGHOST:$PGPORT"; exit 2; }
psql -q -d postgres -c "CREATE DATABASE ${DB}" >/dev/null
DB_CREATED=1
JDBC="jdbc:postgresql://127.0.0.1:${PGPORT}/${DB}"
dbsize() { psql -tA -d postgres -c "SELECT pg_database_size('${DB}')"; }
SIZE_EMPTY=$(dbsize)

log "starting the application on $BASE with -Xmx256m, database $DB"
UCBI_DB_URL="$JDBC" UCBI_DB_USER="$PGUSER" UCBI_DB_PASSWORD="" \
UCBI_ADMIN_ID="$ADMIN_ID" UCBI_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  java -Xmx256m -XX:+ExitOnOutOfMemoryError -jar "$JAR" --spring.profiles.active=postgres \
       --camunda.bpm.database.schema-update=true \
       --server.port="$PORT" --server.address=127.0.0.1 > "$WORK/app.log" 2>&1 &
APP_PID=$!
T_APP=$(date +%s)
for i in $(seq 1 180); do
  if curl -fs -o /dev/null -u "$ADMIN_ID:$ADMIN_PASSWORD" "$BASE/engine-rest/engine"; then break; fi
  kill -0 "$APP_PID" 2>/dev/null || { log "application died at start-up"; tail -40 "$WORK/app.log" >&2; exit 3; }
  [[ $i == 180 ]] && { log "application did not start in 180 s"; exit 3; }
  sleep 1
done
STARTUP_S=$(( $(date +%s) - T_APP ))
SIZE_BEFORE=$(dbsize)

# --- history -------------------------------------------------------------------------------------------------
log "generating the history of $CHILDREN children with $THREADS client threads"
T0=$(date +%s.%N)
java -cp "$WORK/classes" GenerateHistory "$BASE" "$ADMIN_ID" "$ADMIN_PASSWORD" "$USER_PASSWORD" "$CHILDREN" "$THREADS" \
  | tee "$WORK/generate.txt" >&2
GEN_S=$(echo "$(date +%s.%N) - $T0" | bc)
psql -q -d "$DB" -c "CHECKPOINT" >/dev/null 2>&1 || true
SIZE_AFTER=$(dbsize)

# --- timings ------------------------------------------------------------------------------------------------
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$APP_PID/status"; }
: > "$WORK/timings.tsv"
for r in $(seq 1 "$REPEATS"); do
  RSS0=$(rss_kb)
  # sample the RSS while the export streams
  ( peak=0; while kill -0 "$APP_PID" 2>/dev/null; do v=$(awk '/^VmRSS/ {print $2}' "/proc/$APP_PID/status" 2>/dev/null || echo 0)
      (( v > peak )) && peak=$v; echo "$peak" > "$WORK/rss-peak-$r"; sleep 0.1; done ) &
  SAMPLER=$!
  CURL_OUT=$(curl -sS --max-time 600 -u "bench-auditor:$USER_PASSWORD" -o "$WORK/export-$r.zip" \
    -w '%{http_code} %{time_total} %{size_download}' "$BASE/api/audit/export")
  kill "$SAMPLER" 2>/dev/null; wait "$SAMPLER" 2>/dev/null || true
  read -r CODE EXPORT_S EXPORT_BYTES <<< "$CURL_OUT"
  [[ "$CODE" == 200 ]] || { log "export $r: HTTP $CODE"; exit 4; }
  kill -0 "$APP_PID" 2>/dev/null || { log "application died during export $r"; tail -40 "$WORK/app.log" >&2; exit 4; }
  EXPORT_ROWS=$(unzip -p "$WORK/export-$r.zip" manifest.json | python3 -c 'import json,sys; print(sum(f["rows"] for f in json.load(sys.stdin)["files"]))')
  RAW=$(java -cp "$WORK/classes:$DRIVER" RawJdbcDump "$JDBC" "$PGUSER" "$WORK/raw-$r" | tee "$WORK/raw-$r.txt" | tail -1)
  RAW_ROWS=$(sed -n 's/.*rows=\([0-9]*\).*/\1/p' <<< "$RAW")
  RAW_BYTES=$(sed -n 's/.*bytes=\([0-9]*\).*/\1/p' <<< "$RAW")
  RAW_MS=$(sed -n 's/.*ms=\([0-9.]*\).*/\1/p' <<< "$RAW")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$EXPORT_ROWS" "$EXPORT_S" "$EXPORT_BYTES" "$RAW_ROWS" "$RAW_MS" \
    "$RAW_BYTES" "$RSS0" "$(cat "$WORK/rss-peak-$r" 2>/dev/null || echo 0)" >> "$WORK/timings.tsv"
  log "repeat $r: export $EXPORT_ROWS rows in ${EXPORT_S}s; raw $RAW_ROWS rows in ${RAW_MS}ms"
done

# --- survival, heap, verification ------------------------------------------------------------------------
ALIVE=no; kill -0 "$APP_PID" 2>/dev/null && ALIVE=yes
OOM=$(grep -c 'OutOfMemoryError' "$WORK/app.log" || true)
MAX_HEAP=$(jcmd "$APP_PID" VM.flags 2>/dev/null | tr ' ' '\n' | sed -n 's/^-XX:MaxHeapSize=//p')
HEAP_INFO=$(jcmd "$APP_PID" GC.heap_info 2>/dev/null | sed -n '2,3p' | tr -s ' ' | tr '\n' ' ' || true)
RSS_HWM=$(awk '/^VmHWM/ {print $2}' "/proc/$APP_PID/status")
RSS_END=$(rss_kb)
LIVE_VERIFY=$(curl -sS --max-time 300 -u "bench-auditor:$USER_PASSWORD" "$BASE/api/audit/verify" || echo '{}')
set +e
java -cp "$JAR" -Dloader.main=org.ucbislet.audit.VerifyAuditExport org.springframework.boot.loader.launch.PropertiesLauncher \
  "$WORK/export-1.zip" > "$WORK/verify.txt" 2>&1
VERIFY_RC=$?
set -e
cp "$WORK/export-1.zip" "$WORK/export.zip"
unzip -p "$WORK/export-1.zip" manifest.json > "$WORK/manifest.json"

TOTAL_S=$(( $(date +%s) - T_START ))
mkdir -p "$ROOT/bench/results"
python3 "$ROOT/bench/report.py" "$WORK" "$OUT" <<JSON
{"children": $CHILDREN, "threads": $THREADS, "repeats": $REPEATS, "db": "$DB",
 "size_empty": $SIZE_EMPTY, "size_before": $SIZE_BEFORE, "size_after": $SIZE_AFTER,
 "startup_s": $STARTUP_S, "generate_s": $GEN_S, "total_s": $TOTAL_S,
 "alive": "$ALIVE", "oom_lines": ${OOM:-0}, "max_heap": "${MAX_HEAP:-?}", "heap_info": "${HEAP_INFO//\"/}",
 "rss_hwm_kb": ${RSS_HWM:-0}, "rss_end_kb": ${RSS_END:-0}, "verify_rc": $VERIFY_RC,
 "live_verify": $(python3 -c 'import json,sys; print(json.dumps(sys.argv[1]))' "$LIVE_VERIFY"),
 "jar": "$(basename "$JAR")", "pg_driver": "$PG_VERSION",
 "command": "CHILDREN=$CHILDREN THREADS=$THREADS REPEATS=$REPEATS bash bench/audit-export.sh"}
JSON
log "results written to $OUT (harness run time ${TOTAL_S}s)"
[[ "$ALIVE" == yes && "$VERIFY_RC" == 0 ]]
