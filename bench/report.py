#!/usr/bin/env python3
"""Writes the Markdown result of bench/audit-export.sh: report.py WORK_DIR OUT_FILE < run.json"""
import json, os, platform, re, statistics, subprocess, sys, datetime

work, out = sys.argv[1], sys.argv[2]
run = json.load(sys.stdin)
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30).stdout.strip()
    except Exception:
        return "?"

rows = []
for line in open(os.path.join(work, "timings.tsv")):
    r, erows, es, ebytes, rrows, rms, rbytes, rss0, rsspeak = line.split("\t")
    e_rps = int(erows) / float(es)
    r_rps = int(rrows) / (float(rms) / 1000)
    rows.append(dict(r=int(r), erows=int(erows), es=float(es), ebytes=int(ebytes), e_rps=e_rps, rrows=int(rrows),
                     rs=float(rms) / 1000, rbytes=int(rbytes), r_rps=r_rps, ratio=e_rps / r_rps,
                     rss0=int(rss0), rsspeak=int(rsspeak), tratio=float(rms) / 1000 / float(es)))

def med(k): return statistics.median(x[k] for x in rows)
def spread(k):
    v = [x[k] for x in rows]
    return "%s-%s" % (fmt(min(v), k), fmt(max(v), k))
def fmt(v, k):
    if k in ("e_rps", "r_rps", "erows", "rrows"): return "{:,.0f}".format(v)
    if k in ("ratio", "tratio"): return "%.2f" % v
    return "%.2f" % v

pom = open(os.path.join(root, "pom.xml")).read()
def pomver(tag):
    m = re.search(r"<%s>([^<]+)</%s>" % (tag, tag), pom)
    return m.group(1) if m else "?"
boot = re.search(r"spring-boot-starter-parent</artifactId>\s*<version>([^<]+)", pom)
mem_kb = int(open("/proc/meminfo").readline().split()[1])
gen = open(os.path.join(work, "generate.txt")).read()
manifest = json.load(open(os.path.join(work, "manifest.json")))
raw1 = [l.split() for l in open(os.path.join(work, "raw-1.txt")) if l.startswith("table ")]
verify = open(os.path.join(work, "verify.txt")).read().strip().splitlines()
children = run["children"]
per_child = (run["size_after"] - run["size_before"]) / children

L = []
L.append("# Audit export benchmark, %s" % datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))
L.append("")
L.append("Issue 8 item 4: `GET /api/audit/export` (ZIP) against a raw JDBC dump of the same history tables, "
         "in the same run, application started with `-Xmx256m`. Produced by `bench/audit-export.sh`; nothing edited by hand.")
L.append("")
L.append("## Result (median of %d repeats, spread = min-max)" % len(rows))
L.append("")
L.append("| | median | spread |")
L.append("|---|---:|---:|")
L.append("| export rows (manifest) | %s | %s |" % (fmt(med("erows"), "erows"), spread("erows")))
L.append("| export time, s (curl, ZIP streamed to a file) | %.2f | %s |" % (med("es"), spread("es")))
L.append("| **export rows/s** | **%s** | %s |" % (fmt(med("e_rps"), "e_rps"), spread("e_rps")))
L.append("| raw JDBC rows | %s | %s |" % (fmt(med("rrows"), "rrows"), spread("rrows")))
L.append("| raw JDBC time, s (connect to last file closed) | %.2f | %s |" % (med("rs"), spread("rs")))
L.append("| **raw JDBC rows/s** | **%s** | %s |" % (fmt(med("r_rps"), "r_rps"), spread("r_rps")))
L.append("| **ratio export/raw (rows/s; target >= 0.5)** | **%.2f** | %s |" % (med("ratio"), spread("ratio")))
L.append("| time ratio raw s / export s (same history, independent of how rows are counted) | %.2f | %s |" % (med("tratio"), spread("tratio")))
L.append("| export ZIP size, MB | %.2f | |" % (med("ebytes") / 1e6))
L.append("| raw CSV size, MB | %.2f | |" % (med("rbytes") / 1e6))
L.append("")
L.append("| repeat | export rows | export s | export rows/s | raw rows | raw s | raw rows/s | ratio | app RSS before / peak during export, MB |")
L.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for x in rows:
    L.append("| %d | %d | %.2f | %.0f | %d | %.2f | %.0f | %.2f | %.0f / %.0f |" % (x["r"], x["erows"], x["es"], x["e_rps"], x["rrows"],
             x["rs"], x["r_rps"], x["ratio"], x["rss0"] / 1024, x["rsspeak"] / 1024))
L.append("")
L.append("## Memory and integrity")
L.append("")
L.append("- Application alive after all exports: **%s**; `OutOfMemoryError` lines in its log: %d (the JVM runs with `-XX:+ExitOnOutOfMemoryError`)." % (run["alive"], run["oom_lines"]))
L.append("- JVM max heap (`jcmd VM.flags`, MaxHeapSize): %s bytes = %.0f MiB. Heap after the exports (`jcmd GC.heap_info`): `%s`" % (
    run["max_heap"], int(run["max_heap"]) / 1048576 if run["max_heap"].isdigit() else float("nan"), run["heap_info"].strip()))
L.append("- Process RSS: peak over the whole run (VmHWM, includes start-up and generation) %.0f MB, at the end %.0f MB." % (run["rss_hwm_kb"] / 1024, run["rss_end_kb"] / 1024))
L.append("- Offline verification of export 1 (`VerifyAuditExport`, README \"Verifying an export\"): **exit code %d**. Last lines: `%s`" % (
    run["verify_rc"], " / ".join(verify[-3:]).replace("`", "'")))
L.append("- Live store (`GET /api/audit/verify`): `%s`" % run["live_verify"].replace("`", "'"))
L.append("")
L.append("## Database")
L.append("")
L.append("- `pg_database_size`: empty %.1f MB; after start-up (schema, models, users) %.1f MB; after %d children %.1f MB." % (
    run["size_empty"] / 1e6, run["size_before"] / 1e6, children, run["size_after"] / 1e6))
L.append("- **Per child: %.1f kB** ((after - after start-up) / %d; includes indexes, history, audit log and the runtime tables)." % (per_child / 1000, children))
L.append("")
L.append("## Generated history")
L.append("")
L.append("%d children (`UCBI-0001`...), each enrolled as trial coordinator and screened over the engine's REST API by the "
         "user of the task's group (claim + submit-form), %d client threads; outcome mix by child number: 70 %% passed, "
         "5 %% not eligible (HIV), 5 %% not eligible (age 18+), 7 %% consent refused, 7 %% psychologically unfit, 6 %% MDT declined. "
         "Generation took %.0f s (application start-up %d s)." % (children, run["threads"], float(run["generate_s"]), run["startup_s"]))
L.append("")
L.append("```")
L.append(gen.strip())
L.append("```")
L.append("(`outcome <screening end event> <expected> <counted in history>`)")
L.append("")
L.append("Rows per file, repeat 1: export (manifest) and raw tables.")
L.append("")
L.append("| export file | rows | | raw table | rows |")
L.append("|---|---:|---|---|---:|")
files = manifest["files"]
for i in range(max(len(files), len(raw1))):
    a = files[i] if i < len(files) else None
    b = raw1[i] if i < len(raw1) else None
    L.append("| %s | %s | | %s | %s |" % (a["name"] if a else "", a["rows"] if a else "", b[1] if b else "", b[2] if b else ""))
L.append("")
L.append("The export writes `variable-updates.csv` from the audit log (entity `variable`), so the raw dump takes "
         "Camunda's `ACT_HI_DETAIL` (one row per variable update) as its counterpart; the raw dump is `SELECT *` per table "
         "with `getString` and no joins, the export joins the subject ID, formats times as ISO-8601 UTC, aggregates decision "
         "inputs and outputs to JSON, hashes every file and goes through HTTP. Export time includes HTTP (curl `time_total`); "
         "raw time excludes JVM start (each raw dump is a fresh JVM, the export runs in the warm application). "
         "Rows are counted as written: the export has fewer rows than the raw tables because decision inputs and outputs "
         "are folded into `decisions.csv` and `variable-updates.csv` has no rows for Camunda's form-field details; the time "
         "ratio row compares the two on the same history without that difference.")
L.append("")
L.append("## Machine and versions")
L.append("")
L.append("- %s, `nproc` %s, memory %.1f GiB, kernel %s" % (platform.machine(), os.cpu_count(), mem_kb / 1048576, platform.release()))
L.append("- CPU: %s" % sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip())
L.append("- Java: %s" % sh("java -version 2>&1 | head -2 | tr '\\n' ' '"))
L.append("- PostgreSQL server: %s (on 127.0.0.1, same machine); JDBC driver %s" % (sh("psql -tA -d postgres -c 'show server_version'"), run["pg_driver"]))
L.append("- Application: %s; Spring Boot %s; Camunda %s" % (run["jar"], boot.group(1) if boot else "?", pomver("camunda.version")))
L.append("- Harness run time: %d s (build, start-up, generation, %d repeats, verification)" % (run["total_s"], len(rows)))
L.append("")
L.append("## Reproduce")
L.append("")
L.append("From the repository root, PostgreSQL on 127.0.0.1:5432 (user `postgres`, trust auth), Maven repository populated (`-o`):")
L.append("")
L.append("```bash")
L.append(run["command"])
L.append("```")
L.append("")
open(out, "w").write("\n".join(L))
print("\n".join(L))
