#!/usr/bin/env bash
# Issue 16's figures in one run, each next to a baseline measured in the same run, with the machine's state:
#   - bare Kestrel POST ceiling (64 KB bodies, closed model)        -> the simulator's ceiling on this machine
#   - the simulator, sim-messages, 50-invoice packages, SQLite      -> sustained invoices/s, ratio to the ceiling × 50
#   - the simulator again at 80 % of that sustained rate, then at 10 % -> p99 receipt → 204 against the 100 ms target and
#                                                                        against the light-load p99 (queueing cost), working set
#   - the pipeline, pipeline-sales, crash-safe vs memory store      -> end-to-end invoices/s, ratio crash-safe / memory
#   - full validation of a 100-invoice package (ck-bench)           -> MB/s and × the bare XmlReader pass (time and CPU)
# Usage: bash load/throughput.sh [SECONDS] [SIM_RATE]   (defaults 15 s, 400 packages/s offered: above saturation)
# (the 30-minute memory run at 80 % is load/memory-soak.sh)
# SIM=path/to/TaxAuthoritySim.dll picks another simulator build (A/B); reports under artifacts/throughput/.
set -u
cd "$(dirname "$0")/.."
secs=${1:-15}
rate=${2:-400}
out=artifacts/throughput
mkdir -p "$out"
for p in src/Conformance load/LoadCeiling load/Benchmarks; do
  dotnet build -c Release "$p" -v q -nologo >/dev/null || exit 3
done
ck="dotnet artifacts/bin/Conformance/release/ck.dll"
sim=${SIM:-artifacts/bin/TaxAuthoritySim/release/TaxAuthoritySim.dll}
state() { echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(awk '/MemAvailable/ {printf "%d MB available", $2/1024}' /proc/meminfo), $(date -u '+%F %T') UTC"; }
metric() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['metrics'].get(sys.argv[2], 'nan'))" "$1" "$2"; }

echo "== machine at start: $(state)"
echo "== 1. bare Kestrel POST ceiling (64 KB)"
dotnet artifacts/bin/LoadCeiling/release/ck-load-ceiling.dll "$secs" 32 --post 65536 | tee "$out/ceiling.txt"
ceiling=$(grep -oP 'ceiling: \K[\d,]+(?= POST/s)' "$out/ceiling.txt" | tr -d ,)

echo "== 2. simulator: sim-messages at $rate packages/s offered ($sim)"
$ck load --workload sim-messages --target simulator=sqlite --sim-dll "$sim" --rate "$rate" --duration "${secs}s" --warm-up 3s \
  --settle 90s --no-default-thresholds --report "$out/sim" --quiet | tail -n 25
simrate=$(metric "$out/sim/report.json" sustained-invoices-per-s)
simcpu=$(metric "$out/sim/report.json" cpu-started-%)
simpkg=$(metric "$out/sim/report.json" sustained-packages-per-s)
fraction() { python3 -c "import sys; print(max(1.0, round(float(sys.argv[1]) * float(sys.argv[2]), 1)))" "$1" "$2"; }
rate80=$(fraction "$simpkg" 0.8)
rate10=$(fraction "$simpkg" 0.1)

echo "== 2b. simulator at 80 % of its sustained rate: $rate80 packages/s offered (sustained $simpkg/s above; machine: $(state))"
$ck load --workload sim-messages --target simulator=sqlite --sim-dll "$sim" --rate "$rate80" --duration "${secs}s" --warm-up 3s \
  --settle 60s --no-default-thresholds --threshold "receipt-to-204-p99-ms<100" --threshold "packages-without-204==0" \
  --report "$out/sim-80" --quiet | tail -n 40 | grep -E "forward-206|receipt|without|sustained|ws-|machine|✓|✗"
echo "== 2c. baseline: the simulator lightly loaded, $rate10 packages/s (10 %) — receipt → 204 without queueing (machine: $(state))"
$ck load --workload sim-messages --target simulator=sqlite --sim-dll "$sim" --rate "$rate10" --duration "${secs}s" --warm-up 3s \
  --settle 60s --no-default-thresholds --report "$out/sim-10" --quiet | tail -n 40 | grep -E "forward-206|receipt|without|machine"

echo "== 3. pipeline: pipeline-sales, crash-safe then memory store"
for store in crash-safe memory; do
  $ck load --workload pipeline-sales --target pipeline --store "$store" --duration "${secs}s" --warm-up 3s \
    --no-default-thresholds --report "$out/pipeline-$store" --quiet | tail -n 12
done
crash=$(metric "$out/pipeline-crash-safe/report.json" end-to-end-invoices-per-s)
memory=$(metric "$out/pipeline-memory/report.json" end-to-end-invoices-per-s)

echo "== 4. validation of one 100-invoice package, one thread"
dotnet artifacts/bin/Benchmarks/release/ck-bench.dll --seconds 3 2>/dev/null | tee "$out/bench.txt"

echo
echo "== summary ($(state))"
python3 - "$ceiling" "$simrate" "$simcpu" "$crash" "$memory" "$out" <<'PY'
import json, sys
ceiling, simrate, simcpu, crash, memory = (float(x) for x in sys.argv[1:6])
def metrics(name):
    try: return json.load(open(f"{sys.argv[6]}/{name}/report.json"))["metrics"]
    except (OSError, ValueError): return {}
m80, m10, nan = metrics("sim-80"), metrics("sim-10"), float("nan")
p99, light = m80.get("receipt-to-204-p99-ms", nan), m10.get("receipt-to-204-p99-ms", nan)
offered = json.load(open(f"{sys.argv[6]}/sim-80/report.json"))["scenarios"][0]["all"]["rps"] if m80 else nan
print(f"simulator sustained           {simrate:10,.0f} invoices/s   target 25,000   ratio to bare Kestrel POST ceiling × 50: {simrate / (ceiling * 50):.3f}"
      f"   simulator CPU {simcpu:.0f}% of a core = {simcpu / 100 * 1e6 / simrate if simrate else float('nan'):,.0f} µs CPU/invoice")
print(f"simulator at 80 % of sustained: p99 receipt → 204 {p99:8,.1f} ms   target < 100 ms ({'met' if p99 < 100 else 'NOT met'}, {p99 / 100:.2f}× the target)"
      f"   × light-load (10 %) p99 {light:,.1f} ms: {p99 / light if light else nan:.2f}   p50 {m80.get('receipt-to-204-p50-ms', nan):,.1f} ms\n"
      f"  (80 % run)                  offered {offered:,.1f} packages/s, kept up {m80.get('sustained-packages-per-s', nan) / offered if offered else nan:.2f}"
      f"   packages without 204: {m80.get('packages-without-204', nan):.0f}"
      f"   working set {m80.get('ws-start-mb', nan):,.0f} → {m80.get('ws-end-mb', nan):,.0f} MB ({m80.get('ws-slope-mb-per-min', nan):+.1f} MB/min)"
      f"   others' CPU {m80.get('cpu-others-%', nan):.0f} % of a core")
print(f"pipeline crash-safe           {crash:10,.1f} invoices/s   target 10,000   ratio to memory store {memory:,.1f}/s: {crash / memory if memory else float('nan'):.2f} (target ≥ 0.7)")
PY
grep -E "floor|everything" "$out/bench.txt" | sed 's/^/validation  /'
echo "(validation target: everything incl. signature ≥ 100 MB/s on one core, within ~5× the floor; read the × floor CPU column on a busy machine)"
