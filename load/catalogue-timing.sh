#!/usr/bin/env bash
# Wall time of the full conformance catalogue (`ck run`, in-process simulator, Release) and of the
# feature suite, on this machine. Baseline in the same run: the catalogue one case at a time
# (--parallel 1). Usage: bash load/catalogue-timing.sh [runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build -c Release src/Conformance --artifacts-path "$work/art" -v q -nologo >/dev/null
ck="$work/art/bin/Conformance/release/ck.dll"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_run() { # args: label, ck options…
  local label=$1; shift
  for i in $(seq "$runs"); do
    local start end
    start=$(date +%s.%N)
    dotnet "$ck" run --out "$work/r" --signing-key "$work/key.pfx" "$@" > "$work/out.txt" 2>&1 || { cat "$work/out.txt"; exit 1; }
    end=$(date +%s.%N)
    awk "BEGIN {print $end - $start}"
  done | median > "$work/$label"
  echo "$(cat "$work/$label")"
}

cases=$(dotnet "$ck" run --list | tail -1)
parallel=$(time_run parallel4 --parallel 4)
serial=$(time_run serial --parallel 1)
dotnet build features --artifacts-path "$work/art" -v q -nologo >/dev/null
start=$(date +%s.%N)
dotnet test features --artifacts-path "$work/art" --no-build > "$work/features.txt" 2>&1 || { cat "$work/features.txt"; exit 1; }
features=$(awk "BEGIN {print $(date +%s.%N) - $start}")

printf '%s\n' "$cases"
printf 'ck run (--parallel 4), median of %s: %6.1f s   (target < 30 s)\n' "$runs" "$parallel"
printf 'ck run (--parallel 1), median of %s: %6.1f s   (baseline)\n' "$runs" "$serial"
printf 'ratio parallel 4 / parallel 1:           %6.2f\n' "$(awk "BEGIN {print $parallel / $serial}")"
printf 'feature suite (dotnet test features):     %6.1f s   (%s)\n' "$features" "$(grep -oE 'Passed: +[0-9]+' "$work/features.txt" | head -1)"
