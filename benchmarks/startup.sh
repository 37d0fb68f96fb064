#!/usr/bin/env bash
# Start-up of the installed tool (docs/benchmarks.md "Start-up and the sample", issue 16 item 5).
# Packs the tool as a release does (the default: pointer + Native AOT linux-x64 + portable `any`) and as one
# portable package (-p:NativeTool=false), installs each offline from its own folder with `dotnet tool install
# --tool-path`, then times with hyperfine: `dotnet-image version`, and the bundled sample's no-change rebuild with
# the README's command (SBOMs and vcs on; warm cache), process start included.
# Usage: benchmarks/startup.sh [RUNS]   (needs hyperfine; runs offline)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-30}
w=${TMPDIR:-/tmp}/imagedsl-startup
rm -rf "$w" && mkdir -p "$w"
export SOURCE_DATE_EPOCH=1700000000 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

install() { # install <name> <pack flags...>: packs into $w/<name>-feed and installs into $w/<name>
  local name=$1; shift
  dotnet pack src/ImageDsl.Tool -c Release -nologo -o "$w/$name-feed" "$@" >"$w/$name-pack.log" 2>&1 \
    || { cat "$w/$name-pack.log"; exit 1; }
  printf '<configuration><packageSources><clear /><add key="local" value="%s" /></packageSources></configuration>\n' \
    "$w/$name-feed" >"$w/$name.config"
  # Own NuGet folder: both packages are ImageDsl.Tool at the same version with different contents.
  NUGET_PACKAGES="$w/$name-nuget" dotnet tool install ImageDsl.Tool --tool-path "$w/$name" --configfile "$w/$name.config" >/dev/null
}
install native
install portable -p:NativeTool=false
echo "installed: $(readlink -f "$w/native/dotnet-image")"
echo "installed: $(readlink -f "$w/portable/dotnet-image")"

sample() { echo "$w/$1/dotnet-image build samples/hello/hello.yaml hello:latest $w/$1.tar --sbom-path $w/$1-sbom --cache-dir $w/cache"; }
mkdir -p "$w/native-sbom" "$w/portable-sbom"
for t in native portable; do $(sample $t) >"$w/$t.digest" 2>/dev/null; done
cmp "$w/native.digest" "$w/portable.digest" && cmp "$w/native.tar" "$w/portable.tar" \
  && echo "same image from both: $(cat "$w/native.digest")"

uptime
hyperfine -N --warmup 3 --runs "$runs" --export-markdown "$w/startup.md" \
  -n "native: version" "$w/native/dotnet-image version" \
  -n "portable: version" "$w/portable/dotnet-image version" \
  -n "native: sample rebuild" "$(sample native)" \
  -n "portable: sample rebuild" "$(sample portable)"
uptime
cat "$w/startup.md"
