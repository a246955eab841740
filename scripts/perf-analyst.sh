#!/usr/bin/env bash
# Performance of the analyst side (issue 4): batch scoring of survey
# exports, the CSV export and the regional statistics, on generated data,
# each run in a fresh process (scripts/perfanalyst), COUNT times per size;
# prints min and median wall time, µs per row and peak memory.
#
#   scripts/perf-analyst.sh                     # 100,000 and 1,000,000
#   SIZES=100000 COUNT=5 scripts/perf-analyst.sh
#
# Goals (2-core machine): score 100,000 respondents < 3 s, peak memory
# < 100 MB, within 3× a bare encoding/csv read of the same file; CSV
# export of 100,000 stored scans < 3 s; stats over 100,000 < 1 s; time
# linear in the size, memory flat.
#
# Data is generated once and kept in PERF_DIR (default
# /tmp/digiscan-perf): realistic synthetic scans (random valid answers
# scored with the embedded questionnaire and referred with the embedded
# catalogue; results of about 10 KB JSON), saved in time order as a
# database fills. A million stored scans take about 8 minutes to make and
# 12 GB of disk; a million survey rows 570 MB.
#
# Memory: peak-rss is the resident set, which for the store includes the
# database file SQLite maps into memory (mmap_size 2 GB: page cache, not
# the process's own); peak-rss-anon is the process's own memory (RssAnon,
# sampled every 10 ms) and peak-heap the Go heap in use. Other work on the
# machine shows in the times: the load average is printed before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${PERF_DIR:-/tmp/digiscan-perf}
SIZES=${SIZES:-"100000 1000000"}
COUNT=${COUNT:-3}
mkdir -p "$DIR"
bin="$DIR/perfanalyst"
go build -o "$bin" ./scripts/perfanalyst

for n in $SIZES; do
  if [ ! -f "$DIR/scans-$n.db" ]; then
    echo "generating $n stored scans (once) …" >&2
    "$bin" gen-db -n "$n" -o "$DIR/scans-$n.db.tmp" >&2
    mv "$DIR/scans-$n.db.tmp" "$DIR/scans-$n.db"
  fi
  if [ ! -f "$DIR/survey-$n.csv" ]; then
    echo "generating a survey export of $n respondents (once) …" >&2
    "$bin" gen-survey -n "$n" -semicolon -o "$DIR/survey-$n.csv" >&2
  fi
done

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
results="$DIR/results.tsv"
: >"$results"
for n in $SIZES; do
  for ((i = 0; i < COUNT; i++)); do
    for run in \
      "csvread -in $DIR/survey-$n.csv" \
      "score -in $DIR/survey-$n.csv -o $DIR/scored-$n.csv" \
      "export -db $DIR/scans-$n.db -o $DIR/export-$n.csv" \
      "stats -db $DIR/scans-$n.db"; do
      # shellcheck disable=SC2086
      "$bin" $run | sed "s/^/n=$n\t/" >>"$results"
    done
  done
done
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"

# One line per command and size: min and median time, µs/row at the
# median, the highest peaks.
awk -F'\t' '
function val(s) { sub(/^[^=]*=/, "", s); sub(/(s|MB)$/, "", s); return s + 0 }
{
  key = $2 "\t" $1
  t[key] = t[key] " " val($4)
  rows[key] = val($3)
  if (val($6) > rss[key]) rss[key] = val($6)
  if (val($7) > anon[key]) anon[key] = val($7)
  if (val($8) > heap[key]) heap[key] = val($8)
}
END {
  printf "%-8s %-9s %9s %9s %9s %10s %10s %9s\n", "command", "size", "min s", "median s", "µs/row", "rss MB", "anon MB", "heap MB"
  for (k in t) {
    m = split(substr(t[k], 2), a, " ")
    for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] < a[i]) { x = a[i]; a[i] = a[j]; a[j] = x }
    med = a[int((m + 1) / 2)]
    split(k, kk, "\t")
    printf "%-8s %-9s %9.3f %9.3f %9.2f %10.1f %10.1f %9.1f\n", kk[1], kk[2], a[1], med, med * 1e6 / rows[k], rss[k], anon[k], heap[k]
  }
}' "$results" | sort -k1,1 -k2,2n
