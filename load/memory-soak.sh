#!/usr/bin/env bash
# Issue 16: "the simulator's working set stays flat over a 30-minute run at 80 % load". In one run, with the machine's state:
#   1. the simulator's sustained rate: sim-messages (50-invoice packages, SQLite, the simulator as a child process)
#      offered more than it can take for SAT_SECONDS -> sustained packages/s (the baseline the soak's rate is a share of)
#   2. the soak: sim-messages at FRACTION of that rate for MINUTES, the simulator's memory sampled every second
#      -> working set start (after the warm-up) / max / end, least-squares slope MB/min, RssAnon slope,
#         p99 receipt -> 204 against the 100 ms target, packages without a 204, whether it kept up
# Usage: bash load/memory-soak.sh [MINUTES] [FRACTION]      (defaults 30, 0.8)
# Environment: SIM=path/to/TaxAuthoritySim.dll (another build), SAT_RATE (packages/s offered in step 1, default 400),
#   SAT_SECONDS (default 20), WARMUP (default 30s), SLOPE_LIMIT (MB/min judged "flat", default 1). Reports: artifacts/memory-soak/.
# Exit code: ck load's for the soak (0 every threshold held, 1 one failed, 3 the run could not be carried out).
set -u
cd "$(dirname "$0")/.."
minutes=${1:-30}
fraction=${2:-0.8}
sat_rate=${SAT_RATE:-400}
sat_secs=${SAT_SECONDS:-20}
warmup=${WARMUP:-30s}
slope_limit=${SLOPE_LIMIT:-1}
out=artifacts/memory-soak
mkdir -p "$out"
dotnet build -c Release src/Conformance -v q -nologo >/dev/null || exit 3
ck="dotnet artifacts/bin/Conformance/release/ck.dll"
sim=${SIM:-artifacts/bin/TaxAuthoritySim/release/TaxAuthoritySim.dll}
state() { echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(awk '/MemAvailable/ {printf "%d MB available", $2/1024}' /proc/meminfo), $(date -u '+%F %T') UTC"; }
metric() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['metrics'].get(sys.argv[2], 'nan'))" "$1" "$2"; }

start_state=$(state)
echo "== machine at start: $start_state"
echo "== 1. the simulator's sustained rate: sim-messages at $sat_rate packages/s offered for ${sat_secs}s ($sim)"
$ck load --workload sim-messages --target simulator=sqlite --sim-dll "$sim" --rate "$sat_rate" --duration "${sat_secs}s" --warm-up 3s \
  --settle 120s --no-default-thresholds --report "$out/saturate" --quiet | grep -E "forward-206|sustained|without|machine"
sustained=$(metric "$out/saturate/report.json" sustained-packages-per-s)
rate=$(python3 -c "import sys; s = float(sys.argv[1]); print(round(s * float(sys.argv[2]), 1) if s == s and s > 0 else '')" "$sustained" "$fraction")
if [ -z "$rate" ]; then echo "no sustained rate measured (see $out/saturate/report.md)"; exit 3; fi
python3 -c "import sys; s, o = float(sys.argv[1]), float(sys.argv[2]); s >= 0.9 * o and print(f'warning: {s:.1f}/s sustained of {o:.0f}/s offered: not saturated, raise SAT_RATE')" "$sustained" "$sat_rate"

echo "== 2. soak: sim-messages at $rate packages/s ($fraction × $sustained sustained) for ${minutes} min after a $warmup warm-up; machine: $(state)"
echo "   (progress every 60 s; every second in $out/soak-progress.log)"
$ck load --workload sim-messages --target simulator=sqlite --sim-dll "$sim" --rate "$rate" --duration "${minutes}m" --warm-up "$warmup" \
  --settle 120s --no-default-thresholds --threshold "fail%<1" --threshold "packages-without-204==0" \
  --threshold "receipt-to-204-p99-ms<100" --threshold "ws-slope-mb-per-min<$slope_limit" \
  --report "$out/soak" 2> >(tee "$out/soak-progress.log" | awk '/\[ *[0-9.]+s\]/ { if (++n % 60 == 0) print; next } { print }') > "$out/soak-summary.txt"
code=$?
wait
grep -E "^  [✓✗]|note: simulator" "$out/soak-summary.txt"
end_state=$(state)

echo
echo "== summary (soak at $fraction of the sustained rate, ${minutes} min)"
python3 - "$out" "$sustained" "$fraction" "$start_state" "$end_state" <<'PY'
import json, sys
out, sustained, fraction, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5]
r = json.load(open(f"{out}/soak/report.json"))
m, nan = r["metrics"], float("nan")
g = lambda k: m.get(k, nan)
s = r["scenarios"][0]["all"]
offered = s["rps"]
mem = r.get("memory") or {}
print(f"process sampled               {mem.get('process', 'none')}, every {mem.get('intervalSeconds', nan):g} s, {g('ws-samples'):.0f} samples in the measured window")
print(f"working set                   start {g('ws-start-mb'):,.1f} MB (after the warm-up)   max {g('ws-max-mb'):,.1f} MB   end {g('ws-end-mb'):,.1f} MB"
      f"   end / start {g('ws-end-mb') / g('ws-start-mb') if g('ws-start-mb') else nan:.3f}")
print(f"slope (least squares)         working set {g('ws-slope-mb-per-min'):+.3f} MB/min   RssAnon {g('rss-anon-slope-mb-per-min'):+.3f} MB/min (end {g('rss-anon-end-mb'):,.1f} MB)")
print(f"receipt → 204                 p50 {g('receipt-to-204-p50-ms'):,.1f} ms   p99 {g('receipt-to-204-p99-ms'):,.1f} ms (target < 100 ms: "
      f"{'met' if g('receipt-to-204-p99-ms') < 100 else 'NOT met'}, {g('receipt-to-204-p99-ms') / 100:.2f}× the target)   max {g('receipt-to-204-max-ms'):,.1f} ms")
print(f"load                          offered {offered:,.1f} packages/s = {offered / sustained if sustained else nan:.2f}× the sustained {sustained:,.1f}/s measured first"
      f"   kept up {g('sustained-packages-per-s') / offered if offered else nan:.2f}   {s['ok']:,} sent ok, {s['fail']:,} failed   packages without 204: {g('packages-without-204'):.0f}")
print(f"POST /api/v1/messages (999)   p50 {s['latency']['p50']:,.1f} ms   p99 {s['latency']['p99']:,.1f} ms")
print(f"CPU, % of a core              simulator {g('cpu-started-%'):.0f}   generator {g('cpu-self-%'):.0f}   other processes {g('cpu-others-%'):.0f}")
print(f"machine at start              {start}")
print(f"machine at end                {end}")
print(f"verdict                       {'PASSED' if r['thresholds'] and all(t['passed'] for t in r['thresholds']) else 'FAILED'} "
      + "; ".join(f"{t['expression']} {'✓' if t['passed'] else '✗'}" for t in r['thresholds']))
print(f"reports                       {out}/soak/report.html (memory chart), memory.csv (every sample), report.json; {out}/saturate/")
PY
exit $code
