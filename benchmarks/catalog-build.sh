#!/usr/bin/env bash
# What a whole-repository package catalogue adds to a warm `dotnet build` that recompiles
# (issue #17's figure; docs/benchmarks.md "Package catalogues").
#
# Two copies of the samples project (samples/ImageDsl.Samples: three images, a lock file, the small
# samples catalogue) are built side by side; the second also gets the 5,004-package Alpine 3.17
# catalogue (`dotnet image catalog` of the shared fixture's aarch64 index) and uses one of its
# constants (`Alpine.Nginx`), the first the same file with a literal. Every run touches that file
# first, so only that project recompiles, through the warm compiler server (forced on with
# -p:UseSharedCompilation=true: some CI images, this machine's included, set UseSharedCompilation=false
# in the environment, which makes every build start a cold compiler).
#
# Usage (from anywhere in the checkout, after `dotnet build ImageDsl.sln -c Release`):
#   benchmarks/catalog-build.sh              # hyperfine, 20 runs each
# Environment: IMAGEDSL_BENCH_DIR (default $TMPDIR/imagedsl-catalog-bench), RUNS (default 20),
# BUILD_ARGS (extra `dotnet build` arguments for both, e.g. -p:RunAnalyzers=false).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
fixtures=${IMAGEDSL_FIXTURES:-$root/../shared/fixtures}
work=${IMAGEDSL_BENCH_DIR:-${TMPDIR:-/tmp}/imagedsl-catalog-bench}
runs=${RUNS:-20}
tool=$root/src/ImageDsl.Tool/bin/Release/net10.0/dotnet-image
[ -x "$tool" ] || { echo "build first: dotnet build $root/ImageDsl.sln -c Release" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }

rm -rf "$work" && mkdir -p "$work/repo/aarch64"
ln -s "$fixtures/alpine-v3.17-main-aarch64/APKINDEX.tar.gz" "$work/repo/aarch64/APKINDEX.tar.gz"
cat >"$work/alpine.yaml" <<EOF
contents:
  repositories: [ $work/repo ]
  keyring: [ $fixtures/alpine-keys/alpine-devel@lists.alpinelinux.org-616ae350.rsa.pub ]
  packages: [ busybox ]
archs: [ aarch64 ]
EOF
"$tool" catalog "$work/alpine.yaml" -o "$work/alpine.catalog" --arch aarch64 --non-interactive >/dev/null

for copy in a b; do
    mkdir -p "$work/$copy"
    cp "$root"/samples/ImageDsl.Samples/*.cs "$root"/samples/ImageDsl.Samples/*.lock.json \
       "$root"/samples/ImageDsl.Samples/*.catalog "$work/$copy/"
    sed -e "s#\.\.\\\\\.\.\\\\src\\\\#$root/src/#g" -e 's#\\#/#g' \
        "$root/samples/ImageDsl.Samples/ImageDsl.Samples.csproj" >"$work/$copy/Cat.csproj"
done
cp "$work/alpine.catalog" "$work/b/"
echo 'namespace ImageDsl.Samples; internal static class Use { public const string Name = "nginx"; }' >"$work/a/Use.cs"
echo 'namespace ImageDsl.Samples; internal static class Use { public const ImageDsl.Alpine Name = ImageDsl.Alpine.Nginx; }' >"$work/b/Use.cs"

# shellcheck disable=SC2086
args="-c Release --no-restore -nologo -v:q -p:UseSharedCompilation=true ${BUILD_ARGS:-}"
for copy in a b; do dotnet build "$work/$copy/Cat.csproj" -c Release -nologo -v:q -p:UseSharedCompilation=true ${BUILD_ARGS:-} >/dev/null; done
wc -l "$work/b/alpine.catalog"
hyperfine -N --warmup 3 --runs "$runs" \
    --prepare "touch $work/a/Use.cs" "dotnet build $work/a/Cat.csproj $args" \
    --prepare "touch $work/b/Use.cs" "dotnet build $work/b/Cat.csproj $args"
