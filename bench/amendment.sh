#!/usr/bin/env bash
# Amendment benchmark (issue 22 item 5). For each database (H2 file, PostgreSQL): a test-classpath run
# (src/test/java/org/ucbislet/amendment/AmendmentBenchmark) enrols CHILDREN simulated children on the baseline models of
# 2026-12-07 over ENROLMENT_YEARS, brings them to three quarters of that time (every child mid-protocol: screening,
# stage 1, stage 2, follow-up, open adverse events), deploys today's models with the first amendment, then as the trial
# manager dry-runs every child and applies the amendment to all of them (each child in its own transaction, signed,
# audited). Measures the dry run and the apply (not the simulation); writes bench/results/amendment-<date>.md.
# PostgreSQL: a fresh database on 127.0.0.1:5432 (user postgres), dropped afterwards.
#
#   bash bench/amendment.sh                          # 1,000 children, H2 and PostgreSQL
#   QUICK=1 bash bench/amendment.sh                  # 50 children
#   CHILDREN=200 DATABASES=h2 bash bench/amendment.sh
#   TIME_LIMIT=3600 bash bench/amendment.sh          # stop each database's run after an hour: the children are
#                                                    # dry-run and applied in batches of 50 and the result says how
#                                                    # many were done ("complete": false) and at what rate
#   SIM_MINUTES=30 bash bench/amendment.sh           # bring the cohort towards the amendment for at most 30 minutes
#                                                    # (a week of simulated time at a time): the children referred
#                                                    # by then are the trial that is migrated (counted in the result)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ -n "${QUICK:-}" ]]; then CHILDREN="${CHILDREN:-50}"; fi
CHILDREN="${CHILDREN:-1000}"
ENROLMENT_YEARS="${ENROLMENT_YEARS:-2}"
DATABASES="${DATABASES:-h2 postgres}"
WORK="$(mktemp -d /tmp/ucbi-amendment.XXXXXX)"
OUT="${ROOT}/bench/results/amendment-$(date -u +%Y-%m-%d)-${CHILDREN}-${DATABASES// /-}.md"

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

for database in $DATABASES; do
  log "$database: $CHILDREN children over $ENROLMENT_YEARS enrolment years, then dry run and apply"
  (cd "$ROOT" && ${TIME_LIMIT:+timeout --signal=TERM "$TIME_LIMIT"} mvn -B -ntp -q test -Dtest=AmendmentBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
      -Ducbi.bench.children="$CHILDREN" -Ducbi.bench.enrolment-years="$ENROLMENT_YEARS" \
      -Ducbi.bench.database="$database" ${SIM_MINUTES:+-Ducbi.bench.simulation-minutes="$SIM_MINUTES"} -Ducbi.bench.output="$WORK/$database.json" \
      -DargLine="-Xmx2g -da:org.h2..." > "$WORK/$database.log" 2>&1) || {
    if [[ -s "$WORK/$database.json" && -n "${TIME_LIMIT:-}" ]]; then
      log "$database run stopped or failed: the result is what was done by then ($WORK/$database.log)"
    else
      log "$database run failed: $WORK/$database.log"; tail -n 40 "$WORK/$database.log" >&2; exit 1
    fi; }
  cat "$WORK/$database.json" >&2
done

python3 - "$WORK" "$OUT" "$CHILDREN" "$ENROLMENT_YEARS" $DATABASES <<'PY'
import json, os, subprocess, sys, datetime
work, out, children, years, dbs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
def sh(cmd):
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
rows = [json.load(open(os.path.join(work, db + ".json"))) for db in dbs]
for r in rows:
    r["doneUnits"] = "%d / %d" % (r.get("dryRunUnits", r["units"]), r.get("appliedUnits", r["units"]))
    r["complete"] = "yes" if r.get("complete", True) else "no (stopped at TIME_LIMIT)"
lines = ["# Amendment benchmark, %s" % datetime.date.today(), "",
         "Command: `CHILDREN=%s ENROLMENT_YEARS=%s bash bench/amendment.sh` (%s cores; %s; load at start %s)."
         % (children, years, os.cpu_count(), sh("java -version 2>&1 | head -n 1"), sh("cut -d' ' -f1-3 /proc/loadavg")),
         "", "The children are enrolled on the baseline models (2026-12-07) and simulated to three quarters of the "
         "enrolment period; then today's models are deployed with amendment 2026-12-07-clinical-safety, every running "
         "child is dry-run (each in a transaction rolled back) and the amendment is applied to all (each child in its "
         "own transaction: a dry run first, then the migration of all its instances, its signature, one audit record "
         "per instance and its re-consent task). Times are wall time of the trial manager's two calls, on a shared "
         "machine.", "",
         "| | " + " | ".join(r["database"] for r in rows) + " |", "|---|" + "---|" * len(rows)]
def row(label, fmt, key):
    lines.append("| %s | %s |" % (label, " | ".join(fmt % r[key] for r in rows)))
row("children referred by the amendment", "%d", "children")
row("simulated days", "%d", "simulatedDays")
row("children and donors with running instances (units)", "%d", "units")
row("units dry-run / applied", "%s", "doneUnits")
row("all units done", "%s", "complete")
row("process instances migrated", "%d", "migratedInstances")
row("outcomes", "%s", "outcomes")
row("dry run, all children (s)", "%.1f", "dryRunSeconds")
row("dry run per child (ms)", "%.1f", "dryRunMillisPerChild")
row("apply, all children (s)", "%.1f", "applySeconds")
row("**apply per child (ms)**", "**%.1f**", "applyMillisPerChild")
row("apply per process instance (ms)", "%.1f", "applyMillisPerInstance")
row("(simulation to the amendment, not measured above) (s)", "%.1f", "simulationSeconds")
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
log "results: $OUT"
