#!/usr/bin/env bash
# Start-up benchmark (issue 7, benchmark c): time from `java -jar` to Tasklist ready and resident memory of the
# application, compared with the bare Camunda Spring Boot starter (bench/bare-starter). Builds both jars, then
# ROUNDS rounds alternating the two apps (main, bare, main, bare, ...), each start with the same JVM flags, on
# port 8080, in a fresh empty working directory (so a fresh H2 file database under ./data). Per start:
#   ready   = first HTTP 200 with the Tasklist page for GET /camunda/app/tasklist/ (the webapp redirects it to
#             /camunda/app/tasklist/default/; curl follows), polled every 100 ms, measured from launch
#   RSS     = VmRSS of the JVM (/proc/PID/status) at ready and SETTLE s after ready (steady)
# then SIGTERM and wait. Median, min and max per app, ratios main/bare of the medians. Writes
# bench/results/startup-<date>.md and prints it. Needs port 8080 free (waits up to PORT_WAIT s for it).
#
#   bash bench/startup.sh                         # build both jars, 5 rounds, 30 s settle
#   ROUNDS=7 SETTLE=60 bash bench/startup.sh
#   SKIP_BUILD=1 bash bench/startup.sh            # reuse target/*.jar and bench/bare-starter/target/*.jar
#   MVN_FLAGS="-B -ntp -q -o" bash bench/startup.sh   # offline build
#   JAVA_OPTS="-Xmx256m" bash bench/startup.sh    # other JVM flags, the same for both apps (default: none)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BARE="$ROOT/bench/bare-starter"
ROUNDS="${ROUNDS:-5}"
SETTLE="${SETTLE:-30}"            # seconds after ready for the steady RSS sample
WARMUP="${WARMUP:-1}"             # unrecorded starts per app before round 1 (jars and JDK into the page cache)
START_TIMEOUT="${START_TIMEOUT:-180}"
PORT_WAIT="${PORT_WAIT:-300}"     # how long to wait for someone else's process on 8080 to go away
QUIET_PCT="${QUIET_PCT:-25}"      # before each start, wait until other processes use less than this % of one core
QUIET_WAIT="${QUIET_WAIT:-1800}"  # ... for at most this long, then start anyway (the report shows others' CPU per start)
OTHERS_MAX="${OTHERS_MAX:-3}"     # a start during which other processes used more CPU s than this counts as disturbed
MVN_FLAGS="${MVN_FLAGS:--B -ntp -q}"
JAVA_OPTS="${JAVA_OPTS:-}"        # default: none, i.e. JVM ergonomics (G1, heap 1/64 .. 1/4 of RAM)
PORT=8080                         # both apps are configured for 8080; the main app's port is not changed
URL="http://localhost:${PORT}/camunda/app/tasklist/"
WORK="$(mktemp -d /tmp/ucbi-startup.XXXXXX)"
OUT="${ROOT}/bench/results/startup-$(date -u +%Y-%m-%d).md"
APP_PID=""
T_START=$(date +%s)

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

stop_app() {
  [[ -n "$APP_PID" ]] || return 0
  kill "$APP_PID" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$APP_PID" 2>/dev/null; then log "pid $APP_PID still running after 30 s: SIGKILL"; kill -9 "$APP_PID" 2>/dev/null || true; fi
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}

cleanup() {
  local rc=$?
  stop_app
  if [[ $rc -ne 0 ]]; then log "FAILED (exit $rc); work files kept in $WORK (one directory per start, app.log)"; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# port 8080 must be free: another engineer may run the application now and then; wait for it, then give up
wait_for_port() {
  local waited=0
  while [[ -n "$(ss -ltnH "sport = :${PORT}")" ]]; do
    if (( waited >= PORT_WAIT )); then
      log "port ${PORT} still taken after ${PORT_WAIT} s, giving up:"; ss -ltnpH "sport = :${PORT}" >&2; exit 3
    fi
    (( waited == 0 )) && { log "port ${PORT} is taken, waiting up to ${PORT_WAIT} s:"; ss -ltnpH "sport = :${PORT}" >&2; }
    sleep 10; waited=$(( waited + 10 ))
  done
}

now_ms() { date +%s%3N; }
rss_kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$APP_PID/status"; }
HZ=$(getconf CLK_TCK)
# CPU ticks all processes spent busy (user, nice, system, irq, softirq, steal), and our JVM's (utime + stime)
busy_ticks() { awk '$1 == "cpu" {print $2 + $3 + $4 + $7 + $8 + $9; exit}' /proc/stat; }
jvm_ticks() { sed 's/.*) //' "/proc/$APP_PID/stat" | awk '{print $12 + $13}'; }

# other engineers' builds share the 2 cores: wait until the machine is quiet (no app of ours is running now)
wait_quiet() {
  local waited=0 b0 pct
  while true; do
    b0=$(busy_ticks); sleep 2
    pct=$(( ($(busy_ticks) - b0) * 100 / (2 * HZ) ))
    (( pct < QUIET_PCT )) && return 0
    if (( waited >= QUIET_WAIT )); then log "machine still busy (${pct} % of a core) after ${QUIET_WAIT} s: starting anyway"; return 0; fi
    (( waited % 300 == 0 )) && log "other processes use ${pct} % of a core, waiting for a quiet machine (up to ${QUIET_WAIT} s)"
    waited=$(( waited + 2 ))
  done
}

# one start: APP JAR ROUND(0 = warm-up); appends a line to $WORK/starts.tsv unless warm-up
measure() {
  local app=$1 jar=$2 round=$3 dir t0 t_ready ready_ms rss_ready rss_steady hwm load b0 busy jvm body="$WORK/body.html"
  wait_for_port
  wait_quiet
  dir="$(mktemp -d "$WORK/${app}-${round}.XXXX")"
  load="$(cut -d' ' -f1 /proc/loadavg)"
  b0=$(busy_ticks)
  t0=$(now_ms)
  # shellcheck disable=SC2086
  (cd "$dir" && exec java $JAVA_OPTS -jar "$jar" >app.log 2>&1) &
  APP_PID=$!
  while true; do
    if [[ "$(curl -sL -o "$body" -w '%{http_code}' --max-time 2 "$URL" 2>/dev/null || true)" == 200 ]] \
        && grep -q '<title>Camunda Tasklist' "$body"; then
      break
    fi
    kill -0 "$APP_PID" 2>/dev/null || { log "$app exited before ready (see $dir/app.log)"; tail -5 "$dir/app.log" >&2; exit 4; }
    if (( $(now_ms) - t0 > START_TIMEOUT * 1000 )); then log "$app not ready after ${START_TIMEOUT} s (see $dir/app.log)"; exit 4; fi
    sleep 0.1
  done
  t_ready=$(now_ms)
  rss_ready=$(rss_kb VmRSS)
  jvm=$(jvm_ticks)
  busy=$(( $(busy_ticks) - b0 ))
  ready_ms=$(( t_ready - t0 ))
  # the answer must come from our JVM, not from someone else's process that took the port meanwhile
  [[ "$(ss -ltnpH "sport = :${PORT}")" == *"pid=${APP_PID},"* ]] || { log "port ${PORT} is not served by our pid $APP_PID"; exit 4; }
  if (( round == 0 )); then
    log "warm-up $app: ready in ${ready_ms} ms"
  else
    sleep "$(awk -v r="$t_ready" -v n="$(now_ms)" -v s="$SETTLE" 'BEGIN {d = (r + s * 1000 - n) / 1000; print (d > 0 ? d : 0)}')"
    kill -0 "$APP_PID" 2>/dev/null || { log "$app died during the settle time (see $dir/app.log)"; exit 4; }
    rss_steady=$(rss_kb VmRSS)
    hwm=$(rss_kb VmHWM)
    # CPU seconds from launch to ready: our JVM's, and everything else's (other builds, plus our curl polling)
    printf '%s\t%d\t%d\t%d\t%d\t%d\t%d\t%s\t%s\t%s\t%s\n' "$app" "$round" "$t0" "$ready_ms" "$rss_ready" "$rss_steady" "$hwm" \
      "$load" "$(awk -v t="$jvm" -v h="$HZ" 'BEGIN {printf "%.2f", t / h}')" \
      "$(awk -v t="$(( busy - jvm ))" -v h="$HZ" 'BEGIN {printf "%.2f", (t < 0 ? 0 : t) / h}')" "$dir" >> "$WORK/starts.tsv"
    log "round $round $app: ready in ${ready_ms} ms, RSS $(( rss_ready / 1024 )) MB at ready, $(( rss_steady / 1024 )) MB after ${SETTLE} s; CPU to ready: JVM $(( jvm / HZ )) s, others $(( (busy - jvm) / HZ )) s"
  fi
  stop_app
  du -sk "$dir/data" 2>/dev/null | cut -f1 > "$dir/data-kb" || true
  rm -rf "$dir/data"
}

# --- build -------------------------------------------------------------------------------------------------
T_BUILD=$(date +%s)
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  log "building the application jar (mvn $MVN_FLAGS -DskipTests package)"
  # shellcheck disable=SC2086
  (cd "$ROOT" && mvn $MVN_FLAGS -DskipTests package)
  log "building the bare starter jar (bench/bare-starter)"
  # shellcheck disable=SC2086
  (cd "$BARE" && mvn $MVN_FLAGS -DskipTests package)
fi
MAIN_JAR="$(ls "$ROOT"/target/ucb-islet-protocol-*.jar | grep -v '\.original$' | head -1)"
BARE_JAR="$(ls "$BARE"/target/camunda-bare-starter-*.jar | grep -v '\.original$' | head -1)"

# --- machine facts -----------------------------------------------------------------------------------------
COMMAND=""   # the settings that differ from the defaults, for the report's "Reproduce"
[[ "$ROUNDS" != 5 ]] && COMMAND+="ROUNDS=$ROUNDS "
[[ "$SETTLE" != 30 ]] && COMMAND+="SETTLE=$SETTLE "
[[ "$WARMUP" != 1 ]] && COMMAND+="WARMUP=$WARMUP "
[[ -n "$JAVA_OPTS" ]] && COMMAND+="JAVA_OPTS='$JAVA_OPTS' "
# shellcheck disable=SC2086
cat > "$WORK/meta.txt" <<META
date=$(date -u +'%Y-%m-%d %H:%M UTC')
cpu=$(sed -n 's/^model name\s*:\s*//p' /proc/cpuinfo | head -1)
cores=$(nproc)
mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
os=$(. /etc/os-release; echo "$PRETTY_NAME"), Linux $(uname -r)
java=$(java -version 2>&1 | head -2 | tr '\n' ' ')
heap=$(java $JAVA_OPTS -XX:+PrintFlagsFinal -version 2>/dev/null | awk '$2 ~ /^(InitialHeapSize|MaxHeapSize)$/ {printf "%s %.0f MiB, ", $2, $4 / 1048576} $2 ~ /^Use(G1|Serial|Parallel|Z)GC$/ && $4 == "true" {printf "%s, ", $2}' | sed 's/, $//')
javaOpts=${JAVA_OPTS:-(none)}
loadStart=$(cut -d' ' -f1-3 /proc/loadavg | sed 's# # / #g')
mainJar=$(basename "$MAIN_JAR") ($(( $(stat -c %s "$MAIN_JAR") / 1048576 )) MiB)
bareJar=$(basename "$BARE_JAR") ($(( $(stat -c %s "$BARE_JAR") / 1048576 )) MiB)
boot=$(sed -n '/<parent>/,/<\/parent>/s#.*<version>\(.*\)</version>.*#\1#p' "$ROOT/pom.xml" | head -1)
bareBoot=$(sed -n '/<parent>/,/<\/parent>/s#.*<version>\(.*\)</version>.*#\1#p' "$BARE/pom.xml" | head -1)
camunda=$(sed -n 's#.*<camunda.version>\(.*\)</camunda.version>.*#\1#p' "$ROOT/pom.xml" | head -1)
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (uncommitted changes)')
command=${COMMAND}bash bench/startup.sh
warmup=${WARMUP}
buildS=$( [[ "${SKIP_BUILD:-0}" == 1 ]] && echo "0 (SKIP_BUILD=1)" || echo $(( $(date +%s) - T_BUILD )) )
META
log "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); JVM flags: ${JAVA_OPTS:-(none)}"

# --- run ---------------------------------------------------------------------------------------------------
for (( w = 1; w <= WARMUP; w++ )); do
  measure main "$MAIN_JAR" 0
  measure bare "$BARE_JAR" 0
done
for (( r = 1; r <= ROUNDS; r++ )); do
  measure main "$MAIN_JAR" "$r"
  measure bare "$BARE_JAR" "$r"
done
echo "loadEnd=$(cut -d' ' -f1-3 /proc/loadavg | sed 's# # / #g')" >> "$WORK/meta.txt"
echo "totalS=$(( $(date +%s) - T_START ))" >> "$WORK/meta.txt"

# --- report ------------------------------------------------------------------------------------------------
python3 - "$WORK" "$OUT" "$SETTLE" "$OTHERS_MAX" <<'PY'
"""Markdown report of bench/startup.sh from WORK/starts.tsv, WORK/meta.txt and each start's app.log."""
import datetime, os, re, statistics, sys

work, out, settle, others_max = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
meta = dict(l.rstrip("\n").split("=", 1) for l in open(os.path.join(work, "meta.txt")) if "=" in l)
starts = []
for line in open(os.path.join(work, "starts.tsv")):
    app, rnd, t0, ready, rss0, rss1, hwm, load, jvm, others, d = line.rstrip("\n").split("\t")
    starts.append(dict(app=app, round=int(rnd), t0=int(t0), ready=int(ready) / 1000, rss0=int(rss0) / 1024,
                       rss1=int(rss1) / 1024, hwm=int(hwm) / 1024, load=float(load), jvm=float(jvm),
                       others=float(others), dir=d))

# moments in each start's log, in s from launch (log times are UTC wall clock, launch is epoch ms)
EVENTS = [
    ("log", r"Starting Application v"),
    ("context", r"Root WebApplicationContext: initialization completed"),
    ("engine", r"ENGINE-00001 Process Engine \S+ created"),
    ("models", r"Models deployed:"),
    ("users", r"demo users created"),
    ("tomcat", r"Tomcat started on port"),
    ("started", r"Started Application in"),
    ("inventory", r"Cord blood inventory replaced by system:default-inventory"),
]
TS = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})Z")
for s in starts:
    for key, _ in EVENTS:
        s[key] = None
    for line in open(os.path.join(s["dir"], "app.log"), errors="replace"):
        m = TS.match(line)
        if not m:
            continue
        for key, pat in EVENTS:
            if s[key] is None and re.search(pat, line):
                t = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%f").replace(tzinfo=datetime.timezone.utc)
                s[key] = t.timestamp() - s["t0"] / 1000
    try:
        s["data"] = int(open(os.path.join(s["dir"], "data-kb")).read().strip()) / 1024
    except (OSError, ValueError):
        s["data"] = None

def vals(app, k, sel=None): return [s[k] for s in (sel or starts) if s["app"] == app and s[k] is not None]
def med(app, k, sel=None):
    v = vals(app, k, sel)
    return statistics.median(v) if v else None
def cell(app, k, f, sel=None):
    v = vals(app, k, sel)
    if not v: return "-"
    return ("**" + f + "** (" + f + "-" + f + ")") % (statistics.median(v), min(v), max(v))
def ratio(k, sel=None):
    a, b = med("main", k, sel), med("bare", k, sel)
    return "**%.2f**" % (a / b) if a and b else "-"
def result_table(sel=None):
    def row(label, k, f, with_ratio=True):
        L.append("| %s | %s | %s | %s |" % (label, cell("main", k, f, sel), cell("bare", k, f, sel), ratio(k, sel) if with_ratio else ""))
    L.append("| | application (main) | bare starter | ratio main/bare (medians) |")
    L.append("|---|---:|---:|---:|")
    row("time to Tasklist ready, s", "ready", "%.2f")
    row("RSS at ready, MB", "rss0", "%.0f")
    row("RSS %d s after ready (steady), MB" % settle, "rss1", "%.0f")
    row("peak RSS up to the steady sample (VmHWM), MB", "hwm", "%.0f")
    row("JVM CPU time from launch to ready (user + system, all threads), s", "jvm", "%.1f")
    row("CPU time of all other processes meanwhile, s", "others", "%.1f", False)

n = len(vals("main", "ready"))
quiet = [s for s in starts if s["others"] <= others_max]
L = []
L.append("# Start-up benchmark: application vs. bare Camunda starter, %s" % meta["date"])
L.append("")
L.append("Issue 7 benchmark (c): time from `java -jar` to Tasklist ready and resident memory, the application "
         "(`%s`) against a bare Camunda Spring Boot starter application (`bench/bare-starter`: starter-webapp + "
         "starter-rest + JDBC + H2, one admin user, no models, no code). Produced by `bench/startup.sh`; nothing edited by hand."
         % meta["mainJar"].split(" ")[0])
L.append("")
L.append("## Result (%d rounds per app, alternating main, bare, main, bare, ...; median **bold**, (min-max))" % n)
L.append("")
result_table()
L.append("")
disturbed = len(starts) - len(quiet)
if disturbed:
    L.append("%d of %d starts ran while other processes used more than %.1f CPU s (the polling alone uses about 1 s): "
             "start-up is CPU-bound on 2 cores, so their time to ready is longer. The same medians over the %d undisturbed "
             "starts only (main %d, bare %d):" % (disturbed, len(starts), others_max, len(quiet),
                                                  len(vals("main", "ready", quiet)), len(vals("bare", "ready", quiet))))
    L.append("")
    if quiet:
        result_table(quiet)
    else:
        L.append("(none)")
else:
    L.append("No start was disturbed: other processes used at most %.1f CPU s during each (the polling alone uses about 1 s)." % others_max)
L.append("")
L.append("Ready = first HTTP 200 carrying the Tasklist page (`<title>Camunda Tasklist`) for `GET %s` with redirects "
         "followed (the webapp answers 302 to `/camunda/app/tasklist/default/`), polled every 100 ms (plus curl's own time), "
         "timed from the moment before `java -jar` was forked. RSS = `VmRSS` of the JVM from `/proc/PID/status`; "
         "MB = MiB (1024 kB)." % "http://localhost:8080/camunda/app/tasklist/")
L.append("")
phase_sel = quiet if len(vals("main", "ready", quiet)) and len(vals("bare", "ready", quiet)) else starts
L.append("## Where the time goes (medians over the %s starts, s from launch, from each start's log)"
         % ("undisturbed" if phase_sel is quiet and disturbed else "recorded"))
L.append("")
L.append("| moment | main | bare |")
L.append("|---|---:|---:|")
LABELS = {
    "log": "first log line (`Starting Application`): JVM up, Boot launcher read the jar",
    "context": "Spring web context initialised (`Root WebApplicationContext ... completed`)",
    "engine": "process engine created (`ENGINE-00001`, includes creating the H2 schema)",
    "models": "models deployed (`ModelDeployer`: BPMN, DMN, forms)",
    "users": "demo users, groups, authorizations and filters created (`IdentityBootstrap`)",
    "tomcat": "Tomcat started on port 8080",
    "started": "`Started Application` logged",
    "ready": "**Tasklist ready (HTTP 200)**",
    "inventory": "synthetic cord blood inventory (100,000 units) generated and imported, in the background",
}
def fm(v): return "%.2f" % v if v is not None else "-"
for key in ["log", "context", "engine", "models", "users", "tomcat", "started", "ready", "inventory"]:
    L.append("| %s | %s | %s |" % (LABELS[key], fm(med("main", key, phase_sel)), fm(med("bare", key, phase_sel))))
L.append("")
L.append("## Every start")
L.append("")
L.append("| round | app | load avg (1 min) at launch | ready, s | `Started` logged, s | JVM CPU to ready, s | others' CPU meanwhile, s | RSS at ready, MB | RSS steady, MB | VmHWM, MB | inventory imported, s | H2 files after stop, MB |")
L.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for s in sorted(starts, key=lambda x: x["t0"]):
    L.append("| %d | %s | %.2f | %.2f | %s | %.1f | %.1f | %.0f | %.0f | %.0f | %s | %s |" % (
        s["round"], s["app"], s["load"], s["ready"], fm(s["started"]), s["jvm"], s["others"], s["rss0"], s["rss1"], s["hwm"],
        fm(s["inventory"]), "%.1f" % s["data"] if s["data"] is not None else "-"))
L.append("")
L.append("## Machine and set-up")
L.append("")
L.append("- CPU: %s, `nproc` %s, memory %s; %s" % (meta["cpu"], meta["cores"], meta["mem"], meta["os"]))
L.append("- Java: %s" % meta["java"].strip())
L.append("- JVM flags, the same for both apps: `%s`; resolved: %s" % (meta["javaOpts"], meta["heap"]))
L.append("- Load average (1 / 5 / 15 min) at start: %s; at the end: %s. Other engineers' builds may run on the same machine." % (meta["loadStart"], meta["loadEnd"]))
L.append("- Application: %s, commit %s; Spring Boot %s, Camunda %s; default profile `demo` (embedded H2 file `./data/ucb-islet`, demo users)" % (meta["mainJar"], meta["commit"], meta["boot"], meta["camunda"]))
L.append("- Bare starter: %s; Spring Boot %s, Camunda %s (camunda-bom); H2 file `./data/camunda-bare`" % (meta["bareJar"], meta["bareBoot"], meta["camunda"]))
L.append("- Each start in a fresh empty working directory (fresh H2 database), port 8080, stopped with SIGTERM and waited for; "
         "%s unrecorded warm-up start(s) per app before round 1. Build %s s; harness run time %s s in all."
         % (meta["warmup"], meta["buildS"], meta["totalS"]))
L.append("")
L.append("## Reproduce")
L.append("")
L.append("From the repository root, port 8080 free:")
L.append("")
L.append("```bash")
L.append(meta["command"])
L.append("```")
L.append("")
open(out, "w").write("\n".join(L))
print("\n".join(L))
PY
log "results written to $OUT"
