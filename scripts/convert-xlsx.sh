#!/usr/bin/env bash
# Opens a report workbook in LibreOffice (headless) and converts it to PDF and its first
# sheet to CSV (UTF-8), and the PDF to text when pdftotext is installed; fails if
# LibreOffice reports an error or writes no file.
# Usage: scripts/convert-xlsx.sh FILE.xlsx OUTDIR
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 FILE.xlsx OUTDIR" >&2; exit 2; }
file=$1 out=$2
[ -f "$file" ] || { echo "no such file: $file" >&2; exit 2; }
mkdir -p "$out"
name=$(basename "${file%.*}")
# A profile of our own: another soffice running under the same user would otherwise take the job.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

convert() {  # format, expected output file
    rm -f "$2"
    local log
    log=$(soffice -env:UserInstallation="file://$profile" --headless --convert-to "$1" --outdir "$out" "$file" 2>&1) || {
        echo "$log" >&2; echo "soffice failed converting to $1" >&2; exit 1; }
    if grep -qi "error" <<<"$log"; then echo "$log" >&2; echo "LibreOffice reported an error" >&2; exit 1; fi
    [ -s "$2" ] || { echo "$log" >&2; echo "no $2 written" >&2; exit 1; }
    echo "wrote $2"
}

convert pdf "$out/$name.pdf"
# 44 = comma, 34 = double quote, 76 = UTF-8.
convert 'csv:Text - txt - csv (StarCalc):44,34,76' "$out/$name.csv"
if command -v pdftotext >/dev/null; then
    pdftotext -layout "$out/$name.pdf" "$out/$name.txt"
    echo "wrote $out/$name.txt"
fi
