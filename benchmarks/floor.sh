#!/usr/bin/env bash
# The floor for a warm build: what any builder that verifies packages and writes a gzip layer must
# do to the same bytes, done by the fastest plain tools at hand, on one core:
#   sha256 of every installed package's data member (the datahash check)
#   gunzip of every data member
#   per layer: sha256 of the layer tar (diff_id), gzip -6 of it, sha256 of the .gz (digest)
# It times that with hyperfine (else `time`), then in the same run on the same repositories: warm
# builds with a per-stage breakdown and CPU time (`ImageDsl.Benchmarks stages`), and the
# BenchmarkDotNet warm-build and in-process-floor benchmarks; it prints ours beside the floor with
# ratios, by wall time and by CPU time (user+sys: what to trust when other jobs load the machine).
#
# Usage (from anywhere in the checkout):
#   benchmarks/floor.sh                 # everything (about 6 minutes on 2 busy cores)
#   benchmarks/floor.sh --floor-only    # skip BenchmarkDotNet (CPU table only)
#   benchmarks/floor.sh --once DIR      # one floor pass over DIR (what hyperfine runs)
# Environment: IMAGEDSL_BENCH_DIR (default $TMPDIR/imagedsl-bench), FLOOR_GZIP (default gzip;
# e.g. "pigz -p1"), BENCH_JOB (default short), FLOOR_RUNS (default 10), STAGE_RUNS (default 5).
set -euo pipefail

once() {
    local dir=$1 gz=${FLOOR_GZIP:-gzip}
    sha256sum "$dir"/data/*.gz >/dev/null
    $gz -d -c "$dir"/data/*.gz >/dev/null
    sha256sum "$dir"/layers/*.tar >/dev/null
    local layer
    for layer in "$dir"/layers/*.tar; do
        $gz -6 -n -c "$layer" | sha256sum >/dev/null
    done
}

if [[ ${1:-} == --once ]]; then
    once "$2"
    exit 0
fi

floor_only=false
for arg in "$@"; do
    case $arg in
        --floor-only) floor_only=true ;;
        *) echo "unknown option $arg (see the header of $0)" >&2; exit 2 ;;
    esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export IMAGEDSL_BENCH_DIR=${IMAGEDSL_BENCH_DIR:-${TMPDIR:-/tmp}/imagedsl-bench}
export DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1 UseSharedCompilation=false
project=benchmarks/ImageDsl.Benchmarks
scenarios=(busybox generated generated-layered)
results=$IMAGEDSL_BENCH_DIR/results
mkdir -p "$results"

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $(date -u +%Y-%m-%dT%H:%MZ), $(${FLOOR_GZIP:-gzip} --version 2>&1 | head -1), $(sha256sum --version | head -1)"

dotnet build -c Release "$project" -v quiet -nologo >/dev/null
dll=$project/bin/Release/net10.0/ImageDsl.Benchmarks.dll
echo "== preparing inputs in $IMAGEDSL_BENCH_DIR"
dotnet "$dll" prepare >/dev/null

echo "== floor (${FLOOR_GZIP:-gzip}, sha256sum; one core)"
for s in "${scenarios[@]}"; do
    dir=$IMAGEDSL_BENCH_DIR/floor/$s
    printf '%s: %s data members (%s compressed), %s layer(s) (%s tar)\n' "$s" \
        "$(ls "$dir"/data | wc -l)" "$(du -ch --apparent-size "$dir"/data/*.gz | tail -1 | cut -f1)" \
        "$(ls "$dir"/layers | wc -l)" "$(du -ch --apparent-size "$dir"/layers/*.tar | tail -1 | cut -f1)"
    if command -v hyperfine >/dev/null; then
        hyperfine -N --warmup 2 --runs "${FLOOR_RUNS:-10}" --style basic --export-json "$results/floor-$s.json" \
            "bash $0 --once $dir"
    else
        echo "(hyperfine not found: apt-get install -y hyperfine; one pass with time instead)"
        TIMEFORMAT=%R
        t=$( { time once "$dir"; } 2>&1 )
        jq -n --argjson t "$t" '{results: [{mean: $t, stddev: 0, user: $t, system: 0}]}' >"$results/floor-$s.json"
    fi
done

echo "== per-stage breakdown of warm builds, wall and CPU time"
rm -f "$results/stages.tsv"
dotnet "$dll" stages "${STAGE_RUNS:-5}" "$results/stages.tsv"

echo
echo "CPU time (user+sys), medians; floor from hyperfine's user+system means"
echo
echo "| image | ImageDsl warm build | floor: gzip -6 + sha256sum | ratio | floor in-process (GZipStream, SHA256) | ratio |"
echo "|---|---:|---:|---:|---:|---:|"
while IFS=$'\t' read -r s wall cpu fwall fcpu; do
    gz=$(jq -r '(.results[0].user + .results[0].system) * 1000' "$results/floor-$s.json")
    awk -v s="$s" -v o="$cpu" -v f="$gz" -v i="$fcpu" \
        'BEGIN { printf "| %s | %.0f ms | %.0f ms | %.2fx | %.0f ms | %.2fx |\n", s, o, f, o / f, i, o / i }'
done <"$results/stages.tsv"

$floor_only && exit 0

echo "== BenchmarkDotNet warm builds (job ${BENCH_JOB:-short})"
rm -rf "$results/bdn"
dotnet run -c Release --project "$project" --no-build -- --filter '*WarmBuild*' '*InProcessFloor*' --job "${BENCH_JOB:-short}" \
    --exporters json --artifacts "$results/bdn"
mean_ms() { # report-name-pattern scenario -> mean in ms
    jq -r --arg s "Image=$2" '.Benchmarks[] | select(.Parameters == $s) | .Statistics.Mean / 1e6' "$results"/bdn/results/*$1*-report-full-compressed.json
}

echo
echo "Wall time, means: ours and in-process floor from BenchmarkDotNet, gzip floor from hyperfine"
echo
echo "| image | ImageDsl warm build | floor: gzip -6 + sha256sum | ratio | floor in-process (GZipStream, SHA256) | ratio |"
echo "|---|---:|---:|---:|---:|---:|"
for s in "${scenarios[@]}"; do
    ours=$(mean_ms WarmBuild "$s")
    inproc=$(mean_ms InProcessFloor "$s")
    floor=$(jq -r '.results[0].mean * 1000' "$results/floor-$s.json")
    awk -v s="$s" -v o="$ours" -v f="$floor" -v i="$inproc" \
        'BEGIN { printf "| %s | %.1f ms | %.1f ms | %.2fx | %.1f ms | %.2fx |\n", s, o, f, o / f, i, o / i }'
done
