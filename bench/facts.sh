#!/usr/bin/env bash
# The facts a cohort run recorded (issue 21 item 3), as sorted CSV files, so that two runs of the same seeded cohort
# (before and after a change to the engine's cost) can be compared with `diff -r`: every process instance with its
# child (root business key), start, end and end element; every activity instance; every task with its assignee and
# times; the last value of every variable (JSON lists in full); the decisions' inputs and outputs; and the audit log's
# records per child, process, element, entity and event type (without IDs and hashes; database IDs in values as <id>).
# The generic baseline's instances are left out. H2 file databases of bench/cohort.sh / bench/cohort-factors.sh.
#
#   bash bench/facts.sh /tmp/ucbi-cohort.XXXX/h2/ucb-islet  out-before/
#   bash bench/facts.sh /tmp/ucbi-cohort.YYYY/h2/ucb-islet  out-after/  &&  diff -r out-before out-after
set -euo pipefail
DB="$1"; OUT="$2"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
H2="$(ls ~/.m2/repository/com/h2database/h2/*/h2-*.jar | sort -V | tail -n 1)"
ROOT_KEY="(select r.BUSINESS_KEY_ from ACT_HI_PROCINST r where r.ID_ = p.ROOT_PROC_INST_ID_)"
NOT_GENERIC="p.PROC_DEF_KEY_ <> 'genericBaseline'"
declare -A Q
Q[processes]="select $ROOT_KEY child, p.PROC_DEF_KEY_, p.BUSINESS_KEY_, p.START_TIME_, p.END_TIME_, p.END_ACT_ID_, p.STATE_, p.DELETE_REASON_ from ACT_HI_PROCINST p where $NOT_GENERIC"
Q[activities]="select $ROOT_KEY child, p.PROC_DEF_KEY_, a.ACT_ID_, a.ACT_TYPE_, a.START_TIME_, a.END_TIME_, a.ACT_INST_STATE_ from ACT_HI_ACTINST a join ACT_HI_PROCINST p on p.ID_ = a.PROC_INST_ID_ where $NOT_GENERIC"
Q[tasks]="select $ROOT_KEY child, p.PROC_DEF_KEY_, t.TASK_DEF_KEY_, t.NAME_, t.ASSIGNEE_, t.START_TIME_, t.END_TIME_, t.DUE_DATE_, t.DELETE_REASON_ from ACT_HI_TASKINST t join ACT_HI_PROCINST p on p.ID_ = t.PROC_INST_ID_ where $NOT_GENERIC"
# database IDs (random UUIDs: process instances, tasks) differ from run to run: shown as <id>
UUID="'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'"
Q[variables]="select $ROOT_KEY child, p.PROC_DEF_KEY_, v.NAME_, v.VAR_TYPE_, v.STATE_, regexp_replace(v.TEXT_, $UUID, '<id>') text, regexp_replace(v.TEXT2_, $UUID, '<id>') text2, v.LONG_, v.DOUBLE_, case when b.BYTES_ is null then null else regexp_replace(utf8tostring(b.BYTES_), $UUID, '<id>') end bytes from ACT_HI_VARINST v join ACT_HI_PROCINST p on p.ID_ = v.PROC_INST_ID_ left join ACT_GE_BYTEARRAY b on b.ID_ = v.BYTEARRAY_ID_ where $NOT_GENERIC and v.NAME_ not in ('taskCardSubjectId', 'taskCardDonorId')"
Q[decisions]="select $ROOT_KEY child, p.PROC_DEF_KEY_, d.DEC_DEF_KEY_, d.ACT_ID_, d.EVAL_TIME_, (select listagg(i.CLAUSE_ID_ || '=' || coalesce(i.TEXT_, cast(i.LONG_ as varchar), cast(i.DOUBLE_ as varchar), ''), ';') within group (order by i.CLAUSE_ID_) from ACT_HI_DEC_IN i where i.DEC_INST_ID_ = d.ID_) inputs, (select listagg(o.RULE_ID_ || ':' || o.VAR_NAME_ || '=' || coalesce(o.TEXT_, cast(o.LONG_ as varchar), cast(o.DOUBLE_ as varchar), ''), ';') within group (order by o.RULE_ID_, o.VAR_NAME_) from ACT_HI_DEC_OUT o where o.DEC_INST_ID_ = d.ID_) outputs from ACT_HI_DECINST d join ACT_HI_PROCINST p on p.ID_ = d.PROC_INST_ID_ where $NOT_GENERIC"
Q[audit]="select SUBJECT_ID, PROC_DEF_KEY, ELEMENT, ENTITY, EVENT_TYPE, count(*) n from UCBI_AUDIT_LOG where coalesce(PROC_DEF_KEY, '') <> 'genericBaseline' group by SUBJECT_ID, PROC_DEF_KEY, ELEMENT, ENTITY, EVENT_TYPE"
sql=""
for name in "${!Q[@]}"; do
  sql+="CALL CSVWRITE('$OUT/$name.csv', 'select * from (${Q[$name]//\'/\'\'}) order by 1, 2, 3, 4, 5, 6', 'charset=UTF-8');"$'\n'
done
java -cp "$H2" org.h2.tools.Shell -url "jdbc:h2:file:$DB;ACCESS_MODE_DATA=r" -user sa -password sa -sql "$sql" | grep -i -A3 "error\|exception" >&2 || true
for f in "$OUT"/*.csv; do
  # rows sorted as text as well (rows equal in their first six columns keep a stable order)
  { head -n 1 "$f"; tail -n +2 "$f" | LC_ALL=C sort; } > "$f.sorted" && mv "$f.sorted" "$f"
  printf '%s: %d rows\n' "$(basename "$f")" "$(( $(wc -l < "$f") - 1 ))"
done
