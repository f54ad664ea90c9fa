#!/bin/sh
# Renders an HTML report to a PNG screenshot (and, with a third argument, a PDF) with
# headless Chromium, to look at the layout and charts. Fails if no PNG appears.
# Usage: scripts/render-html.sh FILE.html OUT.png [OUT.pdf]
set -eu
[ $# -ge 2 ] || { echo "usage: $0 FILE.html OUT.png [OUT.pdf]" >&2; exit 2; }
html=$(realpath "$1")
png=$(realpath -m "$2")
rm -f "$png"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,3000 \
    --screenshot="$png" "file://$html" >/dev/null 2>&1 || true
[ -s "$png" ] || { echo "render-html: no PNG written to $png" >&2; exit 1; }
if [ $# -ge 3 ]; then
    pdf=$(realpath -m "$3")
    rm -f "$pdf"
    chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$pdf" "file://$html" >/dev/null 2>&1 || true
    [ -s "$pdf" ] || { echo "render-html: no PDF written to $pdf" >&2; exit 1; }
fi
echo "$png"
