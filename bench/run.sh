#!/usr/bin/env bash
# Benchmark: Overgang against the decompression floor (zcat) on generated national-scale extracts.
#
#   bench/run.sh [MONTHS] [PERSONS]      defaults: 12 months, 300000 registered persons a month
#
# Generates MONTHS + 1 months of extracts once (cached in bench/data/, not committed),
# builds a release binary, then times, on the first MONTHS months: single-core zcat over
# the files; a cold `overgang run` (empty cache); a warm rerun with other periods; and a
# warm run after the next month is added. Prints wall time, peak memory (max RSS) and the
# ratios. Not a test: run by hand, on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
months=${1:-12}
persons=${2:-300000}
from=2022-01
month_after() { python3 -c "y,m=2022,1+$1; print(f'{y+(m-1)//12}-{(m-1)%12+1:02d}')"; }
to=$(month_after "$months")          # one month more than measured: the "new month"
last=$(month_after "$((months - 1))")
data=bench/data/national-$((months + 1))-$persons
out=bench/data/output

swift build -c release --product overgang >&2
bin=$(swift build -c release --show-bin-path)/overgang

if [ ! -f "$data/.complete" ]; then
    rm -rf "$data"
    echo "generating $months months at $persons persons into $data …" >&2
    "$bin" generate --output "$data" --persons "$persons" --from "$from" --to "$to" --seed 7 >&2
    touch "$data/.complete"
fi

measure() { # label, command…  → prints "label  wall s  peak MB", leaves the wall time in $wall
    local label=$1; shift
    local log; log=$(mktemp)
    /usr/bin/time -f "%e %M" -o "$log" "$@" > /dev/null
    read -r wall rss < "$log"
    rm -f "$log"
    printf '%-28s %8.2f s %8d MB\n' "$label" "$wall" "$((rss / 1024))"
}

cfg=$(mktemp -d)
printf '{"input": {"to": "%s"}}\n' "$last" > "$cfg/first.json"
printf '{}\n' > "$cfg/all.json"
files=$(ls "$data"/*.csv.gz | grep -v "_${to/-/}.csv.gz")

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%Y-%m-%d)"
echo "input:   $(echo "$files" | wc -l) files, $(cat $files | wc -c) bytes compressed ($months months)"
cat "$data"/*.csv.gz > /dev/null   # warm the page cache for all runs
measure "zcat (1 core)" zcat $files
zcat_wall=$wall
rm -rf "$out" "$out.previous" "$out.cache"
measure "overgang run (cold)" "$bin" run --config "$cfg/first.json" --input "$data" --output "$out"
cold=$wall
measure "rerun, other periods (warm)" "$bin" run --config "$cfg/first.json" --input "$data" --output "$out" \
    --baseline 2022-02..2022-04 --comparison 2022-06..2022-08
warm=$wall
measure "one new month added (warm)" "$bin" run --config "$cfg/all.json" --input "$data" --output "$out"
python3 - "$cold" "$zcat_wall" "$warm" "$wall" <<'PY'
import sys
cold, zcat, warm, new = map(float, sys.argv[1:])
print(f"ratio cold/zcat: {cold / zcat:.2f}; warm rerun/cold: {warm / cold:.3f}; new month/cold: {new / cold:.2f}")
PY
