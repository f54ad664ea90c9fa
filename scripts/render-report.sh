#!/bin/sh
# Renders the report of a run for a look by eye and checks it in the tools readers use:
# report.html → PNG and PDF with headless Chromium, report.xlsx → PDF and CSV with
# LibreOffice headless and read with openpyxl. Not a test (it needs Chromium, LibreOffice
# and openpyxl: apt-get install chromium libreoffice-calc-nogui; pip install openpyxl).
#
#   scripts/render-report.sh [OUTPUT_FOLDER] [RENDER_FOLDER]
#
# Without OUTPUT_FOLDER it runs the pipeline on sample-data/ with pipeline.json into a
# temporary folder first. RENDER_FOLDER defaults to /tmp/overgang-render.
set -eu
cd "$(dirname "$0")/.."
render=${2:-/tmp/overgang-render}
mkdir -p "$render"
if [ $# -ge 1 ]; then
    output=$1
else
    output=$render/output
    swift run -q overgang run --output "$output" -q
fi
scripts/render-html.sh "$output/report.html" "$render/report.png" "$render/report-html.pdf"
scripts/convert-xlsx.sh "$output/report.xlsx" "$render"
python3 scripts/check-xlsx.py "$output/report.xlsx"
echo "rendered into $render"
