#!/usr/bin/env bash
# Cord blood bank search benchmark (issue 3 item 5). One run: compile the application (target/classes), generate the
# synthetic inventories (SyntheticInventory, seed 20261125) of 10,000, 100,000 and 1,000,000 units and 500 recipient
# typings (seed 20261126), create a fresh PostgreSQL database, then per size measure CordBloodIndex.search against a
# naive scan over one Java object per unit and one SQL query per search, checking that all three answer the same
# ranking; write bench/results/cord-blood-search-<date>.md. Local only (127.0.0.1). Drops the database at the end,
# also on failure. About 8 minutes on the 2-core machine.
#
#   bash bench/cord-blood-search.sh
#   SIZES=10000,100000 SKIP_BUILD=1 bash bench/cord-blood-search.sh     # quicker, reuse target/classes
#   NO_SQL=1 bash bench/cord-blood-search.sh                            # without PostgreSQL
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZES="${SIZES:-10000,100000,1000000}"
SEED=20261125
RECIPIENT_SEED=20261126
RECIPIENTS="${RECIPIENTS:-500}"
HEAP="${HEAP:-3g}"
WARMUP_S="${WARMUP_S:-3}"           # index warm-up per size
INDEX_S="${INDEX_S:-5}"             # index latency, per limit (whole rounds over all recipients, at least 3)
THROUGHPUT_S="${THROUGHPUT_S:-5}"   # 2-thread throughput, per implementation
NAIVE_S="${NAIVE_S:-30}"            # naive budget at limit 10 above 100,000 units (half at limit 100)
SQL_S="${SQL_S:-30}"                # SQL budget at limit 10 above 100,000 units (half at limit 100)
PGHOST=127.0.0.1
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
export PGHOST PGPORT PGUSER
STAMP="$(date -u +%Y%m%d%H%M%S)"
DB="ucbi_bench_${STAMP}"
WORK="$(mktemp -d /tmp/ucbi-cbs.XXXXXX)"
OUT="${ROOT}/bench/results/cord-blood-search-$(date -u +%Y-%m-%d).md"
DB_CREATED=0
SAMPLER=""
T_START=$(date +%s)

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

cleanup() {
  local rc=$?
  if [[ -n "$SAMPLER" ]]; then kill "$SAMPLER" 2>/dev/null || true; fi
  if [[ "$DB_CREATED" == 1 ]]; then
    log "dropping database $DB"
    psql -q -d postgres -c "DROP DATABASE IF EXISTS ${DB} WITH (FORCE)" >/dev/null 2>&1 || log "could not drop $DB"
  fi
  if [[ $rc -ne 0 ]]; then
    log "FAILED (exit $rc); work files kept in $WORK"
  else
    rm -rf "$WORK"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# CPU used by other processes during one second (top's second sample), in % of one core
others_cpu() {
  top -b -n 2 -d 1 | awk '/^top -/ {n++} n == 2 && $1 ~ /^[0-9]+$/ && $1 != "'"${1:-0}"'" {s += $9} END {printf "%.0f", s}'
}

# --- build -------------------------------------------------------------------------------------------------
cd "$ROOT"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  log "compiling the application (mvn -q -B -o -DskipTests compile)"
  mvn -q -B -o -DskipTests compile
fi
# runtime class path: Maven's answer if the dependency plugin is available offline, else the PostgreSQL driver of
# the Spring Boot parent's dependency management (the only library the harness needs besides target/classes)
if mvn -q -B -o dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$WORK/cp.txt" >/dev/null 2>&1; then
  DEPS="$(cat "$WORK/cp.txt")"
else
  BOOT="$(sed -n '/<parent>/,/<\/parent>/s#.*<version>\(.*\)</version>.*#\1#p' pom.xml | head -1)"
  PG_VERSION="$(sed -n 's#.*<postgresql.version>\(.*\)</postgresql.version>.*#\1#p' \
    "$HOME/.m2/repository/org/springframework/boot/spring-boot-dependencies/${BOOT}/spring-boot-dependencies-${BOOT}.pom" | head -1)"
  DEPS="$HOME/.m2/repository/org/postgresql/postgresql/${PG_VERSION}/postgresql-${PG_VERSION}.jar"
  [[ -f "$DEPS" ]] || { log "PostgreSQL driver $DEPS not found"; exit 2; }
fi
CP="$WORK/classes:$ROOT/target/classes:$DEPS"
mkdir -p "$WORK/classes"
javac -nowarn -d "$WORK/classes" -cp "$CP" "$ROOT/bench/src/CordBloodSearchBenchmark.java"

# --- data --------------------------------------------------------------------------------------------------
SHA=""
for n in ${SIZES//,/ }; do
  line="$(java -cp "$CP" org.ucbislet.cordblood.SyntheticInventory --seed "$SEED" --units "$n" \
    --out "$WORK/inventory-$n.csv" 2>&1)"
  log "$line"
  SHA="${SHA:+$SHA, }$(printf '%s' "$n"): \`$(sed -n 's/.*sha256=\([0-9a-f]\{12\}\).*/\1/p' <<< "$line")...\`"
done
java -cp "$CP" org.ucbislet.cordblood.SyntheticInventory --seed "$RECIPIENT_SEED" --units "$RECIPIENTS" \
  --out "$WORK/recipients.csv" 2>/dev/null

# --- database ----------------------------------------------------------------------------------------------
JDBC=""
PG="-"
PGSETTINGS="-"
if [[ "${NO_SQL:-0}" != 1 ]]; then
  pg_isready -q || { log "PostgreSQL is not accepting connections on $PGHOST:$PGPORT"; exit 2; }
  psql -q -d postgres -c "CREATE DATABASE ${DB}" >/dev/null
  DB_CREATED=1
  JDBC="jdbc:postgresql://127.0.0.1:${PGPORT}/${DB}?prepareThreshold=1"
  PG="$(psql -tA -d postgres -c 'SHOW server_version')"
  PGSETTINGS="$(psql -tA -d postgres -c "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name)
    FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'jit', 'max_parallel_workers_per_gather')")"
fi

# --- run ---------------------------------------------------------------------------------------------------
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg | sed 's# # / #g')"
OTHERS_BEFORE="$(others_cpu)"
cat > "$WORK/meta.txt" <<META
date=$(date -u +'%Y-%m-%d %H:%M UTC')
command=$( [[ "$SIZES" != 10000,100000,1000000 ]] && printf 'SIZES=%s ' "$SIZES")bash bench/cord-blood-search.sh
cpu=$(sed -n 's/^model name\s*:\s*//p' /proc/cpuinfo | head -1)
cores=$(nproc)
mem=$(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo)
os=$(. /etc/os-release; echo "$PRETTY_NAME"), Linux $(uname -r)
pg=PostgreSQL ${PG}
pgsettings=\`${PGSETTINGS}\`
db=${DB}
loadBefore=${LOAD_BEFORE}
loadAfter=@@LOAD_AFTER@@
others=Other processes (other engineers' builds) used ${OTHERS_BEFORE} % CPU (100 % = one core of 2) in the second before the run, @@OTHERS_AFTER@@ % in the second after it; load average sampled every 5 s during the run: @@LOAD_RANGE@@.
recipientSeed=${RECIPIENT_SEED}
sha=${SHA}
totalS=@@TOTAL_S@@
META

( while true; do cut -d' ' -f1 /proc/loadavg >> "$WORK/load.txt"; sleep 5; done ) &
SAMPLER=$!
log "running the harness (heap $HEAP), database ${DB_CREATED/1/$DB}"
set +e
java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC \
  --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED \
  -Dsizes="$SIZES" -DcsvDir="$WORK" -DrecipientsCsv="$WORK/recipients.csv" -Djdbc="$JDBC" -Dout="$OUT" \
  -Dmeta="$WORK/meta.txt" -DwarmupSeconds="$WARMUP_S" -DindexSeconds="$INDEX_S" -DthroughputSeconds="$THROUGHPUT_S" \
  -DnaiveSeconds="$NAIVE_S" -DsqlSeconds="$SQL_S" \
  -cp "$CP" CordBloodSearchBenchmark
RC=$?
set -e
kill "$SAMPLER" 2>/dev/null || true
wait "$SAMPLER" 2>/dev/null || true
SAMPLER=""

LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg | sed 's# # / #g')"
OTHERS_AFTER="$(others_cpu)"
LOAD_RANGE="$(sort -n "$WORK/load.txt" | awk '{v[NR] = $1; s += $1} END {if (NR) printf "min %.2f, mean %.2f, max %.2f", v[1], s / NR, v[NR]; else print "-"}')"
TOTAL_S=$(( $(date +%s) - T_START ))
if [[ -f "$OUT" ]]; then
  sed -i -e "s#@@LOAD_AFTER@@#${LOAD_AFTER}#g" -e "s#@@OTHERS_AFTER@@#${OTHERS_AFTER}#g" \
    -e "s#@@LOAD_RANGE@@#${LOAD_RANGE}#g" -e "s#@@TOTAL_S@@#${TOTAL_S}#g" "$OUT"
  log "results written to $OUT (total ${TOTAL_S} s)"
fi
exit $RC
