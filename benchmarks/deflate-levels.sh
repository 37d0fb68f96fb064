#!/usr/bin/env bash
# Every gzip level of our layer writer on one real layer tar, beside .NET's zlib-ng (the codec of
# gzip layers before our own encoder), libdeflate-gzip and GNU gzip: wall and CPU time and size
# against `gzip -6 -n`. The tar is benchmarks/realdata.sh's layer (run that first).
#
# Usage: benchmarks/deflate-levels.sh [tar]   (default $REALDATA_DIR/layer.tar, REALDATA_DIR default $TMPDIR/imagedsl-realdata)
# Needs: libdeflate-gzip (apt-get install -y libdeflate-tools).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tar=${1:-${REALDATA_DIR:-${TMPDIR:-/tmp}/imagedsl-realdata}/layer.tar}
[[ -f $tar ]] || { echo "no $tar: run benchmarks/realdata.sh --prepare first" >&2; exit 2; }
command -v libdeflate-gzip >/dev/null || { echo "needs libdeflate-gzip: apt-get install -y libdeflate-tools" >&2; exit 2; }
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)"
gzip6=$(gzip -6 -n -c "$tar" | wc -c)
echo "gzip -6 -n: $gzip6 bytes"
dotnet run -c Release --project "$root/benchmarks/ImageDsl.Benchmarks" -v quiet -- deflate-levels "$tar" "$gzip6"
echo "one thread, whole tar:"
for level in 4 5 6; do
    size=$( { /usr/bin/time -f "%e %U" libdeflate-gzip -$level -n -c "$tar" | wc -c; } 2>/tmp/deflate-levels.time )
    echo "| libdeflate-gzip -$level | $(cut -d' ' -f1 /tmp/deflate-levels.time) s | $(cut -d' ' -f2 /tmp/deflate-levels.time) s | $size | $(python3 -c "print(f'{$size/$gzip6:.4f}')") |"
done
