#!/usr/bin/env bash
# Fuzzes every parser target with afl-fuzz (AFL++) through SharpFuzz, for a set time each.
#   fuzz/run.sh [seconds-per-target] [target...]     (default 120 s, every target)
# Builds fuzz/ImageDsl.Fuzz, instruments ImageDsl.Runtime.dll and YamlDotNet.dll with the sharpfuzz
# tool, runs `afl-fuzz -V <seconds>` per target from fuzz/corpus/<target>, then prints executions,
# crashes and hangs, and replays every crash/hang through the uninstrumented harness to show it.
# Findings stay in $FUZZ_OUT (default fuzz/out, not committed).
set -uo pipefail
cd "$(dirname "$0")"
here=$PWD
seconds=${1:-120}
shift || true
out=${FUZZ_OUT:-$here/out}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1 UseSharedCompilation=false

if ! command -v afl-fuzz >/dev/null; then
  echo "run.sh: installing afl++ (apt)"
  if [[ $(id -u) -eq 0 ]]; then SUDO=(); else SUDO=(sudo); fi
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends afl++ >/dev/null || { echo "run.sh: apt-get install afl++ failed"; exit 1; }
fi
sharpfuzz=$out/tools/sharpfuzz
if [[ ! -x $sharpfuzz ]]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$out/tools" >/dev/null || { echo "run.sh: cannot install the sharpfuzz tool"; exit 1; }
fi

mkdir -p "$out"
# Build once, then instrument a fresh copy (sharpfuzz rewrites assemblies in place, and only once).
dotnet build ImageDsl.Fuzz -c Release -o "$out/build" -warnaserror >"$out/build.log" 2>&1 || { grep -E ' error ' "$out/build.log"; echo "run.sh: build failed; see $out/build.log"; exit 1; }
rm -rf "$out/afl" "$out/plain" && cp -r "$out/build" "$out/afl" && cp -r "$out/build" "$out/plain"
for dll in ImageDsl.Runtime.dll YamlDotNet.dll; do
  "$sharpfuzz" "$out/afl/$dll" >/dev/null || { echo "run.sh: sharpfuzz could not instrument $dll"; exit 1; }
done

mapfile -t targets < <(if (($#)); then printf '%s\n' "$@"; else dotnet "$out/plain/ImageDsl.Fuzz.dll" list | awk '{print $1}'; fi)
printf '%-18s %12s %10s %8s %6s  %s\n' target executions exec/s crashes hangs "time"
status=0
for t in "${targets[@]}"; do
  findings=$out/findings/$t
  rm -rf "$findings" && mkdir -p "$out/findings"
  AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 \
  AFL_FORKSRV_INIT_TMOUT=60000 \
    afl-fuzz -V "$seconds" -t 5000 -m none -i "corpus/$t" -o "$findings" -- dotnet "$out/afl/ImageDsl.Fuzz.dll" afl "$t" \
    >"$out/afl-$t.log" 2>&1
  stats=$(find "$findings" -name fuzzer_stats | head -1)
  if [[ -z $stats ]]; then echo "$t: afl-fuzz did not start; see $out/afl-$t.log"; status=1; continue; fi
  get() { awk -F' *: *' -v k="$1" '$1 == k {print $2}' "$stats"; }
  crashes=$(get saved_crashes); hangs=$(get saved_hangs)
  printf '%-18s %12s %10s %8s %6s  %ss\n' "$t" "$(get execs_done)" "$(get execs_per_sec)" "${crashes:-?}" "${hangs:-?}" "$(get run_time)"
  for kind in crashes hangs; do
    for f in "$(dirname "$stats")/$kind"/id*; do
      [[ -e $f ]] || continue
      status=1
      dotnet "$out/plain/ImageDsl.Fuzz.dll" replay "$t" "$f" | head -3 | cut -c1-300
    done
  done
done
exit $status
