#!/usr/bin/env bash
# Benchmark: Overgang against the decompression floor (zcat) and DuckDB on generated
# national-scale extracts. Not a test: run by hand, on an otherwise idle machine.
#
#   bench/run.sh [MONTHS] [PERSONS] [REPEAT]   defaults: 12 months, 300000 persons, 3 repeats
#
# Generates MONTHS + 1 months once (cached in bench/data/, not committed; `pip install
# duckdb` for the DuckDB row), builds a release binary, then on the first MONTHS months:
#   zcat            single-core decompression of the same files (the floor)
#   overgang cold   `overgang run` with an empty cache
#   overgang warm   a rerun with other --baseline/--comparison periods
#   new month       a run after the next month's three files are added
#   duckdb          the same exit_cohorts.csv in SQL (exit_cohorts.sql), 2 threads,
#                   checked equal to Overgang's table
# and prints wall time, peak memory (max RSS) and the ratios. zcat, the cold run and DuckDB
# run REPEAT times each, interleaved, and the ratios use their medians: on a shared VM one run
# can be 20 % off another.
set -euo pipefail
cd "$(dirname "$0")/.."
months=${1:-12}
persons=${2:-300000}
repeat=${3:-3}
month_after() { python3 -c "y,m=2022,1+$1; print(f'{y+(m-1)//12}-{(m-1)%12+1:02d}')"; }
to=$(month_after "$months")          # one month more than measured: the "new month"
data=bench/data/national-$((months + 1))-$persons
view=bench/data/view-$months-$persons
out=bench/data/output

swift build -c release --product overgang >&2
bin=$(swift build -c release --show-bin-path)/overgang

if [ ! -f "$data/.complete" ]; then
    rm -rf "$data"
    echo "generating $((months + 1)) months at $persons persons into $data …" >&2
    "$bin" generate --output "$data" --persons "$persons" --from 2022-01 --to "$to" --seed 7 >&2
    touch "$data/.complete"
fi
# The measured months as hard links (same files, same inodes), without the new month.
rm -rf "$view" && mkdir -p "$view"
new_month=${to/-/}
for f in "$data"/*.csv.gz; do
    case "$f" in *_"$new_month".csv.gz) ;; *) ln "$f" "$view/";; esac
done

measure() { # label, command…  → prints "label  wall s  peak MB", leaves the wall time in $wall
    local label=$1; shift
    local log; log=$(mktemp)
    /usr/bin/time -f "%e %M" -o "$log" "$@" > /dev/null
    read -r wall rss < "$log"
    rm -f "$log"
    printf '%-32s %8.2f s %8d MB\n' "$label" "$wall" "$((rss / 1024))"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%Y-%m-%d)"
echo "input:   $(ls "$view"/*.csv.gz | wc -l) files, $(cat "$view"/*.csv.gz | wc -c) bytes compressed ($months months)"
cat "$data"/*.csv.gz > /dev/null   # warm the page cache for all runs
have_duckdb=false
python3 -c "import duckdb" 2>/dev/null && have_duckdb=true || echo "duckdb: not installed (pip install duckdb)"
# BENCH_DUCKDB=0 leaves DuckDB out (at 240 months it needs more memory than this machine has).
[ "${BENCH_DUCKDB:-1}" = 0 ] && have_duckdb=false
zcats=() colds=() ducks=()
for i in $(seq "$repeat"); do
    measure "zcat (1 core) #$i" zcat "$view"/*.csv.gz
    zcats+=("$wall")
    rm -rf "$out" "$out.previous" "$out.cache"
    sync
    measure "overgang run, cold #$i" "$bin" run --config pipeline.json --input "$view" --output "$out" -q
    colds+=("$wall")
    if $have_duckdb; then
        measure "duckdb (2 threads) #$i" python3 bench/duckdb_exit_cohorts.py "$view" bench/data/duckdb-exit_cohorts.csv
        ducks+=("$wall")
    fi
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
zcat_wall=$(median "${zcats[@]}")
cold=$(median "${colds[@]}")
duck=0
$have_duckdb && duck=$(median "${ducks[@]}")
cp "$out/exit_cohorts.csv" bench/data/overgang-exit_cohorts.csv
$have_duckdb && python3 bench/compare_tables.py bench/data/overgang-exit_cohorts.csv bench/data/duckdb-exit_cohorts.csv
measure "overgang rerun, other periods" "$bin" run --config pipeline.json --input "$view" --output "$out" -q \
    --baseline 2022-02..2022-04 --comparison 2022-06..2022-08
warm=$wall
ln "$data"/*_"$new_month".csv.gz "$view/"
measure "overgang, one new month added" "$bin" run --config pipeline.json --input "$view" --output "$out" -q
echo "cache:   $(du -sb "$out.cache" | cut -f1) bytes for $(cat "$view"/*.csv.gz | wc -c) bytes of gzip input"
python3 - "$cold" "$zcat_wall" "$warm" "$wall" "$duck" <<'PY'
import sys
cold, zcat, warm, new, duck = map(float, sys.argv[1:])
print(f"medians: zcat {zcat:.2f} s, cold {cold:.2f} s" + (f", duckdb {duck:.2f} s" if duck else ""))
print(f"ratios: cold/zcat {cold / zcat:.2f}; warm rerun/cold {warm / cold:.3f}; new month/cold {new / cold:.2f}"
      + (f"; overgang cold/duckdb {cold / duck:.2f}" if duck else ""))
PY
