#!/usr/bin/env bash
# Cohort benchmark (issue 7 item 4a/4b). For each database (H2 file, PostgreSQL): start the application with profile
# cohort-bench on a fresh database, simulate CHILDREN synthetic children through the whole protocol to the end (engine
# clock moved, no waiting), then run the generic baseline process of the same shape (same user tasks, service tasks,
# decisions and timers per child) on the same engine; the application writes one JSON line and stops. Writes
# bench/results/cohort-<date>.md. Local only; drops its PostgreSQL database at the end, also on failure.
#
#   bash bench/cohort.sh                              # 1000 children, H2 and PostgreSQL
#   CHILDREN=100 DATABASES=h2 bash bench/cohort.sh    # smaller, H2 only
#   SKIP_BUILD=1 bash bench/cohort.sh                 # reuse target/*.jar
#   bash bench/cohort.sh --quick                      # regression guard (CI): 4 children on H2, fails when the ratio
#                                                     # protocol/generic exceeds twice the reference in
#                                                     # bench/results/cohort-reference.txt; writes no results file
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
QUICK=0
if [[ "${1:-}" == "--quick" ]]; then
  QUICK=1
fi
if (( QUICK )); then
  CHILDREN="${CHILDREN:-4}"
  ENROLMENT_YEARS="${ENROLMENT_YEARS:-1}"
  DATABASES="${DATABASES:-h2}"
else
  CHILDREN="${CHILDREN:-1000}"
  ENROLMENT_YEARS="${ENROLMENT_YEARS:-2}"
  DATABASES="${DATABASES:-h2 postgres}"
fi
JAVA_OPTS="${JAVA_OPTS:--Xmx2g}"
PGHOST=127.0.0.1
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
export PGHOST PGPORT PGUSER
STAMP="$(date -u +%Y%m%d%H%M%S)"
DB="ucbi_cohort_${STAMP}"
WORK="$(mktemp -d /tmp/ucbi-cohort.XXXXXX)"
OUT="${ROOT}/bench/results/cohort-$(date -u +%Y-%m-%d).md"
DB_CREATED=0

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
cleanup() {
  if [[ "$DB_CREATED" == 1 ]]; then
    psql -q -d postgres -c "DROP DATABASE IF EXISTS ${DB} WITH (FORCE)" >/dev/null 2>&1 || log "could not drop $DB"
  fi
}
trap cleanup EXIT

if [[ -z "${SKIP_BUILD:-}" ]]; then
  log "building the application jar"
  (cd "$ROOT" && mvn -B -ntp -q -DskipTests package)
fi
JAR="$(ls "$ROOT"/target/ucb-islet-protocol-*.jar | grep -v original | head -n 1)"

for database in $DATABASES; do
  result="$WORK/$database.json"
  args=(--server.port=0 --ucbi.simulation.children="$CHILDREN" --ucbi.simulation.enrolment-years="$ENROLMENT_YEARS"
        --ucbi.simulation.bench-output="$result" --logging.level.org.ucbislet=WARN)
  case "$database" in
    h2)
      args+=(--spring.profiles.active=demo,cohort-bench
             "--spring.datasource.url=jdbc:h2:file:$WORK/h2/ucb-islet;DB_CLOSE_ON_EXIT=FALSE")
      env=() ;;
    postgres)
      pg_isready -q || { log "PostgreSQL is not accepting connections on $PGHOST:$PGPORT"; exit 2; }
      psql -q -d postgres -c "CREATE DATABASE ${DB}" >/dev/null
      DB_CREATED=1
      # the synthetic default inventory is off in the postgres profile (never for real patients): on for the benchmark
      # a throw-away benchmark database: the engine creates its schema (production uses Camunda's SQL scripts)
      args+=(--spring.profiles.active=postgres,cohort-bench --ucbi.cord-blood.default-inventory.enabled=true
             --camunda.bpm.database.schema-update=true)
      env=(UCBI_DB_URL="jdbc:postgresql://127.0.0.1:${PGPORT}/${DB}" UCBI_DB_USER="$PGUSER" UCBI_DB_PASSWORD=""
           UCBI_ADMIN_ID=benchadmin
           UCBI_ADMIN_PASSWORD='Bench-Admin-2026!') ;;
    *) log "unknown database $database (h2, postgres)"; exit 2 ;;
  esac
  log "$database: $CHILDREN children over $ENROLMENT_YEARS enrolment years, then the generic baseline"
  (cd "$WORK" && env "${env[@]}" java $JAVA_OPTS -jar "$JAR" "${args[@]}" > "$WORK/$database.log" 2>&1) || {
    log "$database run failed: $WORK/$database.log"; tail -n 40 "$WORK/$database.log" >&2; exit 1; }
  grep -E "Simulating cohort" "$WORK/$database.log" | tail -n 1 >&2 || true
  cat "$result" >&2
done

if (( QUICK )); then
  # the guard: a factor-of-two regression of the protocol's cost against the generic process of the same shape
  python3 - "$WORK" "$ROOT/bench/results/cohort-reference.txt" $DATABASES <<'PY'
import json, os, sys
work, reference_file, dbs = sys.argv[1], sys.argv[2], sys.argv[3:]
reference = {}
for line in open(reference_file):
    line = line.split("#", 1)[0].split()
    if len(line) == 2:
        reference[line[0]] = float(line[1])
failed = False
for db in dbs:
    r = json.load(open(os.path.join(work, db + ".json")))
    limit = 2 * reference[db]
    ok = r["overheadRatio"] <= limit and r["refusedSubmissions"] == 0 and r["jobFailures"] == 0
    failed |= not ok
    print("cohort guard %s: %d children, protocol %.1f s, generic %.1f s, ratio %.2f (reference %.2f, limit %.2f), "
          "refused %s, failed jobs %s: %s" % (db, r["children"], r["protocolSeconds"], r["genericSeconds"],
          r["overheadRatio"], reference[db], limit, r["refusedSubmissions"], r["jobFailures"], "ok" if ok else "REGRESSION"))
sys.exit(1 if failed else 0)
PY
  exit $?
fi

python3 - "$WORK" "$OUT" "$CHILDREN" "$ENROLMENT_YEARS" "$JAVA_OPTS" $DATABASES <<'PY'
import json, os, subprocess, sys, datetime
work, out, children, years, java_opts, dbs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6:]
def sh(cmd):
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
rows = [json.load(open(os.path.join(work, db + ".json"))) for db in dbs]
lines = ["# Cohort benchmark, %s" % datetime.date.today(), "",
         "Command: `CHILDREN=%s ENROLMENT_YEARS=%s bash bench/cohort.sh` (JVM %s; %s cores; %s; load at start %s)."
         % (children, years, java_opts, os.cpu_count(), sh("java -version 2>&1 | head -n 1"), sh("cut -d' ' -f1-3 /proc/loadavg")),
         "", "Each child runs the whole protocol to its end (screening to the end of year five, or an earlier exit), every "
         "task claimed and submitted through the form service by a user of its group, every timer fired at its date. "
         "The generic baseline has the same numbers of user tasks, service tasks, decisions and timers per instance "
         "as a child had on average, in one sequence, run by the same kind of driver on the same engine.", "",
         "| | " + " | ".join(r["database"] for r in rows) + " |", "|---|" + "---|" * len(rows)]
def row(label, fmt, key):
    lines.append("| %s | %s |" % (label, " | ".join(fmt % r[key] for r in rows)))
row("children", "%d", "children")
row("protocol wall time (s)", "%.1f", "protocolSeconds")
row("children per second", "%.3f", "childrenPerSecond")
row("engine transactions", "%d", "engineTransactions")
row("engine transactions per second", "%.1f", "transactionsPerSecond")
row("tasks completed", "%d", "tasksCompleted")
row("timers fired", "%d", "timersFired")
row("refused submissions / failed jobs", "%s", "refusedSubmissions")
row("database growth per child (bytes)", "%d", "databaseBytesPerChild")
lines.append("| generic shape per instance (user, service, decision, timer) | %s |" % " | ".join(
    "%(userTasks)d, %(serviceTasks)d, %(decisions)d, %(timers)d" % r["shape"] for r in rows))
row("generic baseline wall time (s)", "%.1f", "genericSeconds")
row("generic transactions per second", "%.1f", "genericTransactionsPerSecond")
row("**protocol overhead: wall-time ratio protocol / generic** (target <= 1.25)", "**%.2f**", "overheadRatio")
row("ratio per engine transaction", "%.2f", "overheadRatioPerTransaction")
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
log "results: $OUT"
