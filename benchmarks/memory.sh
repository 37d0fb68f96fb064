#!/usr/bin/env bash
# Peak memory of a large build (docs/benchmarks.md "Memory, the 560 MB image", issue 16 item 6): a package made
# with our own `dotnet image keygen/pack/index` from this machine's /usr/lib/jvm (every JDK there) plus static
# busybox, one image, one layer; `/usr/bin/time` reports the peak RSS of a gzip build, a zstd build (fresh layer
# cache each) and a no-change rebuild (layer cache kept; its tar must equal the zstd build's byte for byte).
# Usage: benchmarks/memory.sh   (MEMORY_DIR, default $TMPDIR/imagedsl-memory; TOOL=portable: the framework-dependent
#        build instead of the native one `dotnet tool install` gives here)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
w=${MEMORY_DIR:-${TMPDIR:-/tmp}/imagedsl-memory}
arch=$(uname -m)
export SOURCE_DATE_EPOCH=1700000000
[[ -d /usr/lib/jvm ]] || { echo "memory.sh needs a JDK under /usr/lib/jvm (apt-get install -y openjdk-17-jre-headless)" >&2; exit 2; }
mkdir -p "$w"
if [[ ${TOOL:-native} == portable ]]; then
    dotnet build src/ImageDsl.Tool -c Release -v quiet -nologo >/dev/null
    tool=(dotnet "$root/src/ImageDsl.Tool/bin/Release/net10.0/dotnet-image.dll")
else
    dotnet publish src/ImageDsl.Tool -c Release -r "$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')" -o "$w/native-tool" -v quiet -nologo >/dev/null
    tool=("$w/native-tool/dotnet-image")
fi
if [[ ! -f $w/repo/$arch/APKINDEX.tar.gz ]]; then
    rm -rf "$w/src" "$w/bb" "$w/repo" "$w/keys"
    mkdir -p "$w/src/usr/lib" "$w/bb/bin" "$w/repo/$arch"
    cp -a /usr/lib/jvm "$w/src/usr/lib/"
    cp /bin/busybox "$w/bb/bin/"
    "${tool[@]}" keygen jvm -o "$w/keys" >/dev/null
    for p in src:jvm bb:busybox; do
        "${tool[@]}" pack "$w/${p%%:*}" --name "${p#*:}" --version 1.0.0-r0 --arch "$arch" --sign "$w/keys/jvm.rsa" -o "$w/repo/$arch/" >/dev/null
    done
    "${tool[@]}" index "$w/repo" --sign "$w/keys/jvm.rsa" >/dev/null
fi
printf 'contents:\n  repositories: [%s]\n  keyring: [%s]\n  packages: [busybox, jvm]\narchs: [%s]\n' \
    "$w/repo" "$w/keys/jvm.rsa.pub" "$arch" >"$w/image.yaml"
echo "== tool: ${TOOL:-native}; files $(du -sh --apparent-size "$w/src" | cut -f1), packages $(du -sh --apparent-size "$w/repo/$arch" | cut -f1); load $(cut -d' ' -f1-3 /proc/loadavg)"
build() { # build <label> <output> <flags...>
    local label=$1 out=$2; shift 2
    /usr/bin/time -f "$label: peak RSS %M KiB, wall %e s, user %U s, sys %S s" "${tool[@]}" build "$w/image.yaml" jvm:1 "$out" \
        --cache-dir "$w/cache" --sbom=false --non-interactive --log-level warn "$@" >/dev/null
}
"${tool[@]}" build "$w/image.yaml" jvm:1 "$w/warm.tar" --cache-dir "$w/cache" --sbom=false --non-interactive --log-level warn >/dev/null # fills the package cache
for c in gzip zstd; do
    rm -rf "$w/cache/layers"
    build "$c, fresh layer cache" "$w/$c.tar" --compression "$c"
done
build "zstd, no-change rebuild" "$w/rebuild.tar" --compression zstd
cmp "$w/zstd.tar" "$w/rebuild.tar" && echo "rebuild: byte-identical to the zstd build"
