#!/usr/bin/env bash
# Makes a signed APK repository out of THIS machine's files, for the WebApi sample's image
# (samples/WebApi): Debian's C library and friends (from `dpkg -L`) and the .NET runtime and ASP.NET
# Core shared framework of the SDK install (from `dotnet --list-runtimes`), each packed with our own
# `dotnet image pack`, indexed with `dotnet image index` and signed with a key made by `dotnet image
# keygen`. It needs a Debian or Ubuntu machine with the .NET 10 SDK; it reads no network.
#
#   samples/make-runtime-repo.sh [output-dir]          # default: samples/runtime (ignored by git)
#
# Writes <output-dir>/keys/runtime.rsa(.pub) (made once, kept on re-runs) and <output-dir>/repo/<arch>/.
# Packages: libc6 libgcc-s1 libstdc++6 zlib1g libssl3 ca-certificates dotnet-runtime aspnetcore-runtime.
# Versions are the installed ones, mapped to apk versions (Debian 2.36-9+deb12u14 -> 2.36-r9).
# SOURCE_DATE_EPOCH is pinned, so the same machine state gives the same package bytes.
#
# IMAGEDSL_TOOL_DLL=<path to dotnet-image.dll> runs that build of the tool instead of building
# src/ImageDsl.Tool (the tests use it).
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-samples/runtime}
export SOURCE_DATE_EPOCH=1700000000

if [[ -n ${IMAGEDSL_TOOL_DLL:-} ]]; then
  image() { dotnet "$IMAGEDSL_TOOL_DLL" "$@"; }
else
  dotnet build src/ImageDsl.Tool -nologo -v quiet >/dev/null
  image() { dotnet run --no-build --project src/ImageDsl.Tool -- "$@"; }
fi

command -v dpkg-query >/dev/null || { echo "error: dpkg-query not found: this script packs a Debian or Ubuntu machine's files" >&2; exit 2; }
case $(dpkg --print-architecture) in
  amd64) arch=x86_64 ;;
  arm64) arch=aarch64 ;;
  *) echo "error: unsupported machine architecture $(dpkg --print-architecture) (amd64 and arm64 are)" >&2; exit 2 ;;
esac

dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
# The newest installed 10.x of a shared framework, e.g. "Microsoft.NETCore.App 10.0.12 [/usr/share/dotnet/shared/...]".
runtime_version() {
  dotnet --list-runtimes | awk -v fw="$1" '$1 == fw && $2 ~ /^10\.0\.[0-9]+$/ { print $2 }' | sort -V | tail -n 1
}
netcore=$(runtime_version Microsoft.NETCore.App)
aspnet=$(runtime_version Microsoft.AspNetCore.App)
[[ -n $netcore && -n $aspnet ]] || { echo "error: no .NET 10 runtime and ASP.NET Core runtime under $dotnet_root (see dotnet --list-runtimes)" >&2; exit 2; }

# Debian version -> apk version: epoch dropped, upstream digits and dots kept, Debian revision -> -rN.
apk_version() {
  local v=${1#*:} upstream revision
  if [[ $v == *-* ]]; then upstream=${v%-*}; revision=${v##*-}; else upstream=$v; revision=0; fi
  upstream=$(grep -oE '^[0-9]+(\.[0-9]+)*' <<<"$upstream")
  revision=$(grep -oE '^[0-9]+' <<<"$revision" || echo 0)
  echo "$upstream-r$revision"
}

# Copies one path (a file or a symlink, never a directory) into the staging root, keeping its path.
stage_path() {
  local root=$1 path=$2
  mkdir -p "$root$(dirname "$path")"
  cp -P "$path" "$root$path"
}

# Stages a Debian package's files and symlinks, without docs, manuals, translations, iconv modules and
# update-ca-certificates (a shell script; the image has no shell, and its bundle is made here).
stage_deb() {
  local root=$1 deb=$2 path
  while IFS= read -r path; do
    [[ -L $path && ! -d $path ]] || [[ -f $path && ! -L $path ]] || continue
    case $path in
      /usr/share/doc/* | /usr/share/man/* | /usr/share/lintian/* | /usr/share/locale/* | */gconv/* | /usr/sbin/update-ca-certificates) continue ;;
    esac
    stage_path "$root" "$path"
  done < <(dpkg-query -L "$(dpkg_name "$deb")")
}

# The machine's own architecture's package when several are installed (multiarch: libc6:amd64 and libc6:i386).
dpkg_name() {
  if dpkg-query -W "$1:$(dpkg --print-architecture)" >/dev/null 2>&1; then echo "$1:$(dpkg --print-architecture)"; else echo "$1"; fi
}

key=$out/keys/runtime.rsa
[[ -f $key ]] || image keygen runtime -o "$out/keys"
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
repo=$out/repo/$arch
mkdir -p "$repo"
rm -f "$repo"/*.apk "$repo/APKINDEX.tar.gz"

common=(--arch "$arch" --sign "$key" --maintainer "ImageDsl samples (packed from this machine) <samples@example.invalid>" -o "$repo/")
deb_package() {
  local name=$1; shift
  local version; version=$(apk_version "$(dpkg-query -W -f='${Version}' "$(dpkg_name "$name")")")
  stage_deb "$staging/$name" "$name"
  image pack "$staging/$name" --name "$name" --version "$version" "${common[@]}" \
    --description "$(dpkg-query -W -f='${binary:Summary}' "$(dpkg_name "$name")") (Debian's files, from this machine)" "$@"
}

deb_package libc6 --license "LGPL-2.1-or-later"
deb_package libgcc-s1 --license "GPL-3.0-or-later WITH GCC-exception-3.1" --depends libc6
deb_package libstdc++6 --license "GPL-3.0-or-later WITH GCC-exception-3.1" --depends libc6 --depends libgcc-s1
deb_package zlib1g --license Zlib --depends libc6
deb_package libssl3 --license Apache-2.0 --depends libc6
# The trust bundle update-ca-certificates made on this machine is no dpkg file, but it is what OpenSSL reads.
stage_path "$staging/ca-certificates" /etc/ssl/certs/ca-certificates.crt
deb_package ca-certificates --license "MPL-2.0 AND GPL-2.0-or-later"

# The host (dotnet, hostfxr) and Microsoft.NETCore.App; ASP.NET Core's shared framework on top.
runtime=$staging/dotnet-runtime/usr/share/dotnet
mkdir -p "$runtime/shared" "$staging/dotnet-runtime/usr/bin"
cp -P "$dotnet_root/dotnet" "$dotnet_root/LICENSE.txt" "$dotnet_root/ThirdPartyNotices.txt" "$runtime/"
cp -RP "$dotnet_root/host" "$runtime/"
mkdir -p "$runtime/shared/Microsoft.NETCore.App"
cp -RP "$dotnet_root/shared/Microsoft.NETCore.App/$netcore" "$runtime/shared/Microsoft.NETCore.App/"
ln -s ../share/dotnet/dotnet "$staging/dotnet-runtime/usr/bin/dotnet"
image pack "$staging/dotnet-runtime" --name dotnet-runtime --version "$netcore-r0" "${common[@]}" --license MIT \
  --description ".NET runtime $netcore and host, from this machine's SDK install" --url https://dotnet.microsoft.com \
  --depends libc6 --depends libgcc-s1 --depends libstdc++6 --depends zlib1g --depends libssl3 --depends ca-certificates --provides cmd:dotnet="$netcore-r0"

aspnet_root=$staging/aspnetcore-runtime/usr/share/dotnet/shared/Microsoft.AspNetCore.App
mkdir -p "$aspnet_root"
cp -RP "$dotnet_root/shared/Microsoft.AspNetCore.App/$aspnet" "$aspnet_root/"
image pack "$staging/aspnetcore-runtime" --name aspnetcore-runtime --version "$aspnet-r0" "${common[@]}" --license MIT \
  --description "ASP.NET Core shared framework $aspnet, from this machine's SDK install" --url https://dotnet.microsoft.com \
  --depends "dotnet-runtime>=${netcore%.*}"

image index "$out/repo" --sign "$key" --description "This machine's C library and .NET runtime, for the WebApi sample"
