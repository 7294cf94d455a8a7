#!/usr/bin/env bash
# Lighthouse (npm's lighthouse, driving Debian's chromium) on the static export and on the live app: mobile
# performance with Lighthouse's default throttling, on the home page and a card, each run RUNS times; prints
# each score and the medians of the score, first contentful paint, largest contentful paint and total bytes,
# and the load average. Target (issue 16): performance >= 95.
#
#   benchmarks/lighthouse.sh            # 3 runs per page
#   RUNS=5 benchmarks/lighthouse.sh
#
# Lighthouse is installed once with npm into benchmarks/.lighthouse/ (not committed); chromium comes from apt.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
RUNS=${RUNS:-3}
TOOLS=benchmarks/.lighthouse
if [ ! -x "$TOOLS/node_modules/.bin/lighthouse" ]; then
  echo "lighthouse.sh: installing lighthouse with npm into $TOOLS/" >&2
  npm install --silent --no-audit --no-fund --prefix "$TOOLS" lighthouse >/dev/null
fi
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
scratch=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$scratch"; }
trap cleanup EXIT

port() { "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 300); do curl -fs -o /dev/null "$1" && return; sleep 0.2; done; echo "no answer from $1" >&2; exit 1; }

"$PYTHON" -m kiosk.cli export "$scratch/site" >/dev/null 2>&1
export_port=$(port)
"$PYTHON" benchmarks/serve_export.py "$scratch/site" "$export_port" >/dev/null 2>&1 & pids+=($!)
live_port=$(port)
"$PYTHON" launcher.py --no-window --port "$live_port" >/dev/null 2>&1 & pids+=($!)
wait_for "http://127.0.0.1:$export_port/en/"
wait_for "http://127.0.0.1:$live_port/healthz"

flags="--headless=new --no-sandbox --disable-gpu"
printf '%-8s %-6s %5s %8s %8s %9s\n' where page score "FCP s" "LCP s" "bytes kB"
for where in export live; do
  [ "$where" = export ] && base="http://127.0.0.1:$export_port" || base="http://127.0.0.1:$live_port"
  for page in home card; do
    [ "$page" = home ] && path=/en/ || path=/en/themes/child-neglect/
    for run in $(seq "$RUNS"); do
      out="$scratch/$where-$page-$run.json"
      "$TOOLS/node_modules/.bin/lighthouse" "$base$path" --quiet --only-categories=performance \
        --chrome-flags="$flags" --output=json --output-path="$out" >/dev/null 2>&1
      "$PYTHON" - "$out" "$where" "$page" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
audits = report["audits"]
print(f"{sys.argv[2]:<8} {sys.argv[3]:<6} {report['categories']['performance']['score'] * 100:>5.0f} "
      f"{audits['first-contentful-paint']['numericValue'] / 1000:>8.2f} "
      f"{audits['largest-contentful-paint']['numericValue'] / 1000:>8.2f} "
      f"{audits['total-byte-weight']['numericValue'] / 1000:>9.1f}")
EOF
    done
  done
done | tee "$scratch/rows.txt"
"$PYTHON" - "$scratch/rows.txt" <<'EOF'
import os, statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
for key in sorted({(r[0], r[1]) for r in rows}):
    mine = [r for r in rows if (r[0], r[1]) == key]
    medians = [statistics.median(float(r[i]) for r in mine) for i in (2, 3, 4, 5)]
    print(f"median {key[0]} {key[1]}: score {medians[0]:.0f} (target >= 95), FCP {medians[1]:.2f} s, "
          f"LCP {medians[2]:.2f} s, {medians[3]:.1f} kB")
print("load average (1, 5, 15 min): " + " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} cores")
EOF
