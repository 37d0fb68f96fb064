#!/usr/bin/env bash
# Regenerates the sample APK repository (samples/repo/<arch>/) from samples/repo/src/ with `dotnet image`:
# three text-only packages per arch, packed and indexed, all signed with the throwaway sample key.
# Deterministic: a fixed SOURCE_DATE_EPOCH and normalised modes/owners, so re-running gives identical files.
set -euo pipefail
cd "$(dirname "$0")/.."

export SOURCE_DATE_EPOCH=1700000000
dotnet build src/ImageDsl.Tool -nologo -v quiet >/dev/null
image() { dotnet run --no-build --project src/ImageDsl.Tool -- "$@"; }

key=samples/keys/sample.rsa
[[ -f $key ]] || image keygen sample -o samples/keys

common=(--version 1.0.0-r0 --license MIT --url https://example.invalid/imagedsl
        --maintainer "ImageDsl samples <samples@example.invalid>" --sign "$key")
for arch in x86_64 aarch64; do
  rm -f "samples/repo/$arch/"*.apk "samples/repo/$arch/APKINDEX.tar.gz"
  image pack samples/repo/src/hello-baselayout --name hello-baselayout --arch "$arch" "${common[@]}" \
    --description "ImageDsl sample base layout: os-release, motd, hosts" -o "samples/repo/$arch/"
  image pack samples/repo/src/hello-world --name hello-world --arch "$arch" "${common[@]}" \
    --description "Prints a greeting" --depends hello-baselayout --provides cmd:hello=1.0.0-r0 -o "samples/repo/$arch/"
  image pack samples/repo/src/s6 --name s6 --arch "$arch" "${common[@]}" \
    --description "Stand-in for s6 (ImageDsl samples): starts the /sv services once, supervises nothing" -o "samples/repo/$arch/"
done
image index samples/repo --sign "$key" --description "ImageDsl sample repository"
