"""Table of bench/cohort-factors.sh: each configuration's protocol and generic time, ratio, and the factor's share."""
import json, sys, datetime, os
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
children, years = sys.argv[2], sys.argv[3]
base = next((r for r in rows if r["config"] == "all-on"), None)
print("# Cohort benchmark per factor, %s" % datetime.date.today())
print()
print("`CHILDREN=%s ENROLMENT_YEARS=%s bash bench/cohort-factors.sh` on H2, %d cores; every configuration is its own "
      "application start on a fresh database with the same seeded cohort, followed by the generic baseline of the same "
      "shape in the same JVM. Load average (1, 5, 15 min) at each start in the last column." % (
          children, years, os.cpu_count()))
print()
print("| configuration | protocol s | generic s | ratio | ratio vs all on | share of the protocol's time (ratio drop / all-on ratio) | transactions | driver reads s | DB bytes/child | load |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
for r in rows:
    rel = r["overheadRatio"] / base["overheadRatio"] if base else float("nan")
    share = (base["overheadRatio"] - r["overheadRatio"]) / base["overheadRatio"] * 100 if base else float("nan")
    print("| %s | %.1f | %.1f | %.2f | %.2f | %s | %d | %.1f | %d | %s |" % (
        r["config"], r["protocolSeconds"], r["genericSeconds"], r["overheadRatio"], rel,
        "-" if r["config"] == "all-on" else "%.0f %%" % share, r["engineTransactions"], r.get("driverReadSeconds", 0),
        r["databaseBytesPerChild"], r["loadAtStart"]))
if base and base.get("tableBytesPerChild"):
    print()
    print("Storage per child with every extension on, by table (largest first):")
    print()
    print("| table | bytes per child | share |")
    print("|---|---:|---:|")
    total = sum(base["tableBytesPerChild"].values())
    for t, b in list(base["tableBytesPerChild"].items())[:15]:
        print("| %s | %d | %.0f %% |" % (t, b, 100.0 * b / total))
