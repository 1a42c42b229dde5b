#!/usr/bin/env bash
# Load tests of the reference pipeline (issue 15), with thresholds: each workload through `ck load --target pipeline`.
#   bash load/load-tests.sh --short     # under a minute: a few seconds each (what a CI job can afford)
#   bash load/load-tests.sh             # in full: minutes each
# Reports go to artifacts/load-tests/<workload>/; the exit code is 1 when any threshold failed.
set -u
cd "$(dirname "$0")/.."
short=0
[ "${1:-}" = "--short" ] && short=1
dotnet build -c Release src/Conformance -v q -nologo >/dev/null || exit 3
ck="dotnet artifacts/bin/Conformance/release/ck.dll"
status=0
run() {
  local name=$1; shift
  echo "== $name $*"
  $ck load --workload "$name" --target pipeline --report "artifacts/load-tests/$name" --quiet "$@" | tail -n 25
  local rc=${PIPESTATUS[0]}
  [ "$rc" -ne 0 ] && status=1
  echo "-- $name: exit $rc"
}
if [ $short -eq 1 ]; then
  run pos-fleet    --duration 8s  --warm-up 2s --rate 20 --threshold "p99<1s"
  run tet-peak     --duration 10s --warm-up 2s --rate 8  --threshold "p99<2s"
  run end-of-day   --duration 6s  --warm-up 1s --rate 10 --threshold "flush-to-accepted-s<30"
  run tvan-forward --duration 8s  --warm-up 2s --rate 10 --threshold "p99<1s" --threshold "receipt-to-204-p99-ms<5000"
else
  run pos-fleet      --duration 5m  --rate 40 --threshold "p99<500ms"
  run lunch-peak     --duration 5m  --rate 30 --threshold "p99<1s"
  run tet-peak       --duration 10m --rate 20 --threshold "p99<1s"
  run end-of-day     --duration 5m  --rate 20 --threshold "flush-to-accepted-s<120"
  run tvan-forward   --duration 5m  --rate 20 --threshold "p99<500ms" --threshold "receipt-to-204-p99-ms<2000"
  run pipeline-sales --duration 2m  --threshold "p99<500ms"
  run soak           --duration 1h  --rate 2  --clock-rate 60
fi
exit $status
