#!/usr/bin/env bash
# Real data, one run: a repository made with our own `dotnet image keygen/pack/index` from this
# machine's files (the .NET shared runtime, the Python 3.11 standard library, static busybox; pinned
# SOURCE_DATE_EPOCH, so the packages are the same bytes every time), one image of all three (one
# layer), then hyperfine times, by wall and CPU, in the same run:
#   warm build       `dotnet image build` with the packages cached, a fresh layer cache each run
#   rebuild          the same build again with its layer cache kept (no change: compression skipped)
#   zstd build       `--compression zstd`, fresh layer cache each run
#   warm gzip:9      the warm build at gzip level 9 (the size side of the level trade-off; the default is 6)
#   floor            the same bytes through plain fast tools: sha256 of every package, `gzip -dc` of
#                    every package, sha256 of the layer tar, and `libdeflate-gzip -6` of the layer
#                    split into one part per core, the parts in parallel
# and prints each ratio, and the gzip and zstd layer sizes beside `gzip -6 -n` of the same tar.
#
# Usage: benchmarks/realdata.sh            (REALDATA_DIR, default $TMPDIR/imagedsl-realdata; RUNS, default 5;
#                                           TOOL=portable times the framework-dependent build instead of the native one)
#        benchmarks/realdata.sh --prepare  (only the repository, image.yaml and one build: for profiling)
# Needs: hyperfine, libdeflate-gzip (apt-get install -y hyperfine libdeflate-tools), python3, jq.
set -euo pipefail

if [[ ${1:-} == --floor-once ]]; then
    # One floor pass (what hyperfine times): $2 = work dir.
    dir=$2 cores=$(nproc)
    sha256sum "$dir"/repo/*/*.apk >/dev/null
    for apk in "$dir"/repo/*/*.apk; do gzip -dc "$apk" >/dev/null 2>&1 || true; done
    sha256sum "$dir/layer.tar" >/dev/null
    size=$(stat -c %s "$dir/layer.tar")
    part=$(( (size + cores - 1) / cores ))
    for ((i = 0; i < cores; i++)); do
        dd if="$dir/layer.tar" bs=1M iflag=skip_bytes,count_bytes skip=$((i * part)) count=$part status=none \
            | libdeflate-gzip -6 -n -c | sha256sum >/dev/null &
    done
    wait
    exit 0
fi

for tool in hyperfine libdeflate-gzip jq python3; do
    command -v "$tool" >/dev/null || { echo "realdata.sh needs $tool: apt-get install -y hyperfine libdeflate-tools jq python3" >&2; exit 2; }
done

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work=${REALDATA_DIR:-${TMPDIR:-/tmp}/imagedsl-realdata}
runs=${RUNS:-5}
export SOURCE_DATE_EPOCH=1700000000 DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1 UseSharedCompilation=false
mkdir -p "$work"
# The tool as `dotnet tool install` gives it here: the Native AOT build (TOOL=portable: the framework-dependent one).
if [[ ${TOOL:-native} == portable ]]; then
    dotnet build src/ImageDsl.Tool -c Release -v quiet -nologo >/dev/null
    image() { dotnet "$root/src/ImageDsl.Tool/bin/Release/net10.0/dotnet-image.dll" "$@"; }
else
    dotnet publish src/ImageDsl.Tool -c Release -r linux-x64 -o "$work/native-tool" -v quiet -nologo >/dev/null
    image() { "$work/native-tool/dotnet-image" "$@"; }
fi

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== tool: ${TOOL:-native}"
echo "== $(date -u +%Y-%m-%dT%H:%MZ), $(hyperfine --version), $(libdeflate-gzip -V 2>&1 | head -1), $(gzip --version | head -1)"

arch=$(uname -m)
runtime=$(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ {v=$2; p=$3} END {gsub(/[\[\]]/, "", p); print p "/" v}')
if [[ ! -f $work/repo/$arch/APKINDEX.tar.gz ]]; then
    echo "== packing $runtime, /usr/lib/python3.11 and /bin/busybox into $work/repo"
    rm -rf "$work/src" "$work/repo" "$work/keys"
    mkdir -p "$work/src/dotnet-runtime/usr/lib/dotnet" "$work/src/python3/usr/lib" "$work/src/busybox/bin" "$work/repo/$arch"
    cp -a "$runtime" "$work/src/dotnet-runtime/usr/lib/dotnet/"
    cp -a /usr/lib/python3.11 "$work/src/python3/usr/lib/"
    find "$work/src/python3" -name __pycache__ -prune -exec rm -rf {} +
    cp /bin/busybox "$work/src/busybox/bin/"
    image keygen realdata -o "$work/keys" >/dev/null
    common=(--version 1.0.0-r0 --arch "$arch" --license MIT --sign "$work/keys/realdata.rsa" -o "$work/repo/$arch/")
    image pack "$work/src/dotnet-runtime" --name dotnet-runtime "${common[@]}" >/dev/null
    image pack "$work/src/python3" --name python3 "${common[@]}" >/dev/null
    image pack "$work/src/busybox" --name busybox --provides cmd:sh=1.0.0-r0 "${common[@]}" >/dev/null
    image index "$work/repo" --sign "$work/keys/realdata.rsa" >/dev/null
fi
cat >"$work/image.yaml" <<YAML
contents:
  repositories: [$work/repo]
  keyring: [$work/keys/realdata.rsa.pub]
  packages: [busybox, dotnet-runtime, python3]
entrypoint: {command: /bin/sh}
archs: [$arch]
YAML

build() { # $1 out dir, $2 layer-cache state (fresh|keep), extra args...
    local out=$1 state=$2; shift 2
    [[ $state == fresh ]] && rm -rf "$work/cache/layers"
    image build "$work/image.yaml" realdata:1 "$out/image.tar" --cache-dir "$work/cache" --sbom=false --non-interactive --log-level warn "$@"
}
export -f build image
export work root

echo "== first build (fills the package cache), the layer tar for the floor"
mkdir -p "$work/out" "$work/zstd" "$work/gzip9"
build "$work/out" fresh
rm -rf "$work/layout" && mkdir -p "$work/layout" && tar -xf "$work/out/image.tar" -C "$work/layout"
layer=$(python3 - "$work/layout" <<'PY'
import json, sys, os
root = sys.argv[1]
blob = lambda d: os.path.join(root, "blobs", "sha256", d.split(":")[1])
top = json.load(open(os.path.join(root, "index.json")))["manifests"][0]
doc = json.load(open(blob(top["digest"])))
if "manifests" in doc:
    doc = json.load(open(blob(doc["manifests"][0]["digest"])))
print(blob(doc["layers"][0]["digest"]))
PY
)
gzip -dc "$layer" >"$work/layer.tar"
echo "layer: $(du -h --apparent-size "$work/layer.tar" | cut -f1) tar, packages: $(du -ch --apparent-size "$work"/repo/*/*.apk | tail -1 | cut -f1)"
[[ ${1:-} == --prepare ]] && exit 0

results=$work/results.json
hyperfine -N --warmup 1 --runs "$runs" --style basic --export-json "$results" \
    -n warm "bash -c 'build $work/out fresh'" \
    -n rebuild "bash -c 'build $work/out keep'" \
    -n zstd "bash -c 'build $work/zstd fresh --compression zstd'" \
    -n "warm gzip:9" "bash -c 'build $work/gzip9 fresh --compression gzip:9'" \
    -n floor "bash $0 --floor-once $work"

rss() { /usr/bin/time -f %M bash -c "build $1 fresh ${2:-}" 2>&1 >/dev/null | tail -1; }
echo "peak RSS of one warm build: gzip $(( $(rss "$work/out") / 1024 )) MiB, zstd $(( $(rss "$work/zstd" "--compression zstd") / 1024 )) MiB"
gzip6=$(gzip -6 -n -c "$work/layer.tar" | wc -c)
ours=$(stat -c %s "$layer")
zlayout=$work/zlayout
rm -rf "$zlayout" && mkdir -p "$zlayout" && tar -xf "$work/zstd/image.tar" -C "$zlayout"
zsize=$(find "$zlayout/blobs/sha256" -type f -size +1M -printf '%s\n' | sort -n | tail -1)
g9layout=$work/g9layout
rm -rf "$g9layout" && mkdir -p "$g9layout" && tar -xf "$work/gzip9/image.tar" -C "$g9layout"
g9size=$(find "$g9layout/blobs/sha256" -type f -size +1M -printf '%s\n' | sort -n | tail -1)
jq -r --argjson gzip6 "$gzip6" --argjson ours "$ours" --argjson zstd "$zsize" --argjson g9 "$g9size" '
  def r($n): .results[] | select(.command == $n);
  (r("floor")) as $f | (r("warm")) as $w |
  "\n| run | wall (mean ± σ) | CPU (user+sys) | wall / floor | CPU / floor |",
  "|---|---:|---:|---:|---:|",
  (.results[] | "| \(.command) | \(.mean * 1000 | round) ± \(.stddev * 1000 | round) ms | \((.user + .system) * 1000 | round) ms | \(.mean / $f.mean * 100 | round / 100)x | \((.user + .system) / ($f.user + $f.system) * 100 | round / 100)x |"),
  "\nno-change rebuild / warm build (wall): \(r("rebuild").mean / $w.mean * 100 | round / 100)x",
  "zstd build / floor (wall): \(r("zstd").mean / $f.mean * 100 | round / 100)x",
  "gzip layer \($ours) bytes / gzip -6 -n \($gzip6) bytes = \($ours / $gzip6 * 1000 | round / 1000)",
  "zstd layer \($zstd) bytes / gzip -6 -n = \($zstd / $gzip6 * 1000 | round / 1000)",
  "the trade-off: warm gzip:9 / floor (wall) \(r("warm gzip:9").mean / $f.mean * 100 | round / 100)x, its layer \($g9) bytes / gzip -6 -n = \($g9 / $gzip6 * 1000 | round / 1000)"
' "$results"
