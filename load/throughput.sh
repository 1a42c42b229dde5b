#!/usr/bin/env bash
# Issue 16's figures in one run, each next to a baseline measured in the same run, with the machine's state:
#   - bare Kestrel POST ceiling (64 KB bodies, closed model)        -> the simulator's ceiling on this machine
#   - the simulator, sim-messages, 50-invoice packages, SQLite      -> sustained invoices/s, ratio to the ceiling × 50
#   - the pipeline, pipeline-sales, crash-safe vs memory store      -> end-to-end invoices/s, ratio crash-safe / memory
#   - full validation of a 100-invoice package (ck-bench)           -> MB/s and × the bare XmlReader pass (time and CPU)
# Usage: bash load/throughput.sh [SECONDS] [SIM_RATE]   (defaults 15 s, 400 packages/s offered: above saturation)
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
python3 - "$ceiling" "$simrate" "$simcpu" "$crash" "$memory" <<'PY'
import sys
ceiling, simrate, simcpu, crash, memory = (float(x) for x in sys.argv[1:])
print(f"simulator sustained           {simrate:10,.0f} invoices/s   target 25,000   ratio to bare Kestrel POST ceiling × 50: {simrate / (ceiling * 50):.3f}"
      f"   simulator CPU {simcpu:.0f}% of a core = {simcpu / 100 * 1e6 / simrate if simrate else float('nan'):,.0f} µs CPU/invoice")
print(f"pipeline crash-safe           {crash:10,.1f} invoices/s   target 10,000   ratio to memory store {memory:,.1f}/s: {crash / memory if memory else float('nan'):.2f} (target ≥ 0.7)")
PY
grep -E "floor|everything" "$out/bench.txt" | sed 's/^/validation  /'
echo "(validation target: everything incl. signature ≥ 100 MB/s on one core, within ~5× the floor; read the × floor CPU column on a busy machine)"
