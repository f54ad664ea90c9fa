#!/usr/bin/env bash
# Benchmark: Overgang against the decompression floor (zcat) on generated national-scale extracts.
#
#   bench/run.sh [MONTHS] [PERSONS]      defaults: 12 months, 300000 registered persons a month
#
# Generates the extracts once (cached in bench/data/, not committed), builds a release
# binary, then times single-core zcat over the same files and a cold `overgang run`,
# printing wall time, peak memory (max RSS) and the ratio to zcat. Not a test: run by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
months=${1:-12}
persons=${2:-300000}
from=2022-01
to=$(python3 -c "y,m=2022,1+$months-1; print(f'{y+(m-1)//12}-{(m-1)%12+1:02d}')")
data=bench/data/national-$months-$persons
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

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%Y-%m-%d)"
echo "input:   $(ls "$data"/*.csv.gz | wc -l) files, $(cat "$data"/*.csv.gz | wc -c) bytes compressed"
cat "$data"/*.csv.gz > /dev/null   # warm the page cache for both
measure "zcat (1 core)" zcat "$data"/*.csv.gz
zcat_wall=$wall
rm -rf "$out" "$out.previous"
measure "overgang run (cold)" "$bin" run --config pipeline.json --input "$data" --output "$out"
echo "ratio overgang/zcat: $(python3 -c "print(f'{$wall / $zcat_wall:.2f}')")"
