#!/usr/bin/env bash
# The container's entrypoint (installed as bin/entrypoint by build-dist.sh).
#
# 1. Points DJL at the native libraries laid out at build time, so nothing is extracted or
#    downloaded at start.
# 2. For `run` with DREAMWORKER_BUNDLE_S3_URI set: fetches the bundle into DREAMWORKER_BUNDLE_PATH
#    (default /models/bundle) with `dreamworker bundle fetch`, unless that directory already holds
#    the bundle fetched from the same URI (a warm-pool instance, a restarted container).
# 3. Replaces itself with the JVM (exec): under tini, SIGTERM reaches the JVM, which drains.
#
# Environment: DREAMWORKER_JAVA_OPTS (extra JVM flags), DREAMWORKER_MAX_RAM_PERCENTAGE (the heap's
# share of the container's memory; libtorch's tensors live outside the heap), and every
# DREAMWORKER_* configuration variable of the worker.
set -euo pipefail

home="${DREAMWORKER_HOME:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
native="$home/native"

export PYTORCH_LIBRARY_PATH="${PYTORCH_LIBRARY_PATH:-$native/libtorch}"
export PYTORCH_FLAVOR="${PYTORCH_FLAVOR:-$(cat "$native/libtorch/flavor")}"
export PYTORCH_VERSION="${PYTORCH_VERSION:-$(cat "$native/libtorch/version")}"
export RUST_LIBRARY_PATH="${RUST_LIBRARY_PATH:-$native/tokenizers/libtokenizers.so}"
export OPT_OUT_TRACKING=true

# A quarter of the memory for the heap: the weights and activations are libtorch's, off the heap.
jvm=(
  -XX:+UseG1GC
  "-XX:MaxRAMPercentage=${DREAMWORKER_MAX_RAM_PERCENTAGE:-25}"
  -XX:+ExitOnOutOfMemoryError
  -Dai.djl.offline=true
  --enable-native-access=ALL-UNNAMED
)
# shellcheck disable=SC2206 # DREAMWORKER_JAVA_OPTS is a list of flags by design
jvm+=(${DREAMWORKER_JAVA_OPTS:-})

if [ "${1:-}" = run ] && [ -n "${DREAMWORKER_BUNDLE_S3_URI:-}" ]; then
  source_uri="$DREAMWORKER_BUNDLE_S3_URI"
  dir="${DREAMWORKER_BUNDLE_PATH:-/models/bundle}"
  marker="$dir/.dreamworker-fetched-from"
  if [ -f "$dir/bundle.json" ] && [ "$(cat "$marker" 2>/dev/null)" = "$source_uri" ]; then
    echo "entrypoint: the bundle from $source_uri is already in $dir" >&2
  else
    echo "entrypoint: fetching the bundle $source_uri into $dir" >&2
    "$java" "${jvm[@]}" -jar "$home/dreamworker.jar" bundle fetch "$source_uri" "$dir"
    printf '%s\n' "$source_uri" > "$marker"
  fi
  export DREAMWORKER_BUNDLE_PATH="$dir"
  # Not a configuration key of the worker: the fetch is this script's job.
  unset DREAMWORKER_BUNDLE_S3_URI
fi

exec "$java" "${jvm[@]}" -jar "$home/dreamworker.jar" "$@"
