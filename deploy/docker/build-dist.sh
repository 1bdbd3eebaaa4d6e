#!/usr/bin/env bash
# Builds the worker and lays out what the image runs, in OUT_DIR:
#
#   dreamworker.jar, lib/             the runnable jar and exactly the jars its manifest names
#   native/libtorch/                  libtorch of the chosen flavour and DJL's JNI library beside it
#   native/tokenizers/                the Hugging Face tokenizers library
#   bin/entrypoint, bin/healthcheck   the container's start and health scripts
#
# The native libraries are taken out of their jars here, once, so that DJL loads them from
# native/ (PYTORCH_LIBRARY_PATH, RUST_LIBRARY_PATH) and neither extracts nor downloads anything
# at start; the multi-GB native jar itself is left out of the image.
#
# Usage: build-dist.sh cpu|cuda OUT_DIR
#   cpu    libtorch for the CPU (the development image; what CI builds)
#   cuda   libtorch for CUDA 12.8 (Maven profile -Pcuda: pytorch-native-cu128)
# Environment: MAVEN_ARGS (extra Maven arguments, e.g. -o), SKIP_MAVEN=1 (lay out an existing build).
set -euo pipefail

usage() { echo "usage: $0 cpu|cuda OUT_DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
variant="$1"
out="$2"
case "$variant" in
  cpu) flavor=cpu; profile=() ;;
  cuda) flavor=cu128; profile=(-Pcuda) ;;
  *) echo "build-dist: unknown variant '$variant': use cpu or cuda" >&2; usage ;;
esac
# The platform that the images run on; DJL's jars name their native folders after it.
classifier=linux-x86_64

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/deploy/docker"
target="$root/worker/target"
jar_tool="${JAVA_HOME:+$JAVA_HOME/bin/}jar"

if [ "${SKIP_MAVEN:-0}" != 1 ]; then
  echo "build-dist: building the worker ($variant) with the Maven wrapper" >&2
  # shellcheck disable=SC2086 # MAVEN_ARGS is a list of words by design
  (cd "$root" && ./mvnw -B -ntp ${MAVEN_ARGS:-} -DskipTests "${profile[@]}" -pl worker -am package)
fi
[ -f "$target/dreamworker.jar" ] || { echo "build-dist: $target/dreamworker.jar is missing: run without SKIP_MAVEN" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The jars the manifest's Class-Path names: target/lib may hold leftovers of another profile.
(cd "$work" && "$jar_tool" xf "$target/dreamworker.jar" META-INF/MANIFEST.MF)
mapfile -t classpath < <(tr -d '\r' < "$work/META-INF/MANIFEST.MF" \
  | awk '/^Class-Path:/ { on = 1; sub(/^Class-Path: /, ""); printf "%s", $0; next }
         on && /^ / { sub(/^ /, ""); printf "%s", $0; next }
         { on = 0 }' \
  | tr ' ' '\n' | sed '/^$/d')
[ "${#classpath[@]}" -gt 0 ] || { echo "build-dist: the jar's manifest has no Class-Path" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out/lib" "$out/native/libtorch" "$out/native/tokenizers" "$out/bin"
cp "$target/dreamworker.jar" "$out/"

native_jar="" jni_jar="" tokenizers_jar=""
for entry in "${classpath[@]}"; do
  file="$target/$entry"
  [ -f "$file" ] || { echo "build-dist: the manifest names $entry, which is not in $target/lib" >&2; exit 1; }
  case "$(basename "$entry")" in
    pytorch-native-*) native_jar="$file"; continue ;; # unpacked below, not shipped
    pytorch-jni-*) jni_jar="$file" ;;
    tokenizers-*) tokenizers_jar="$file" ;;
  esac
  cp "$file" "$out/lib/"
done
expected_native="pytorch-native-$flavor-"
case "$(basename "${native_jar:-none}")" in
  "$expected_native"*) ;;
  *) echo "build-dist: expected a $expected_native*.jar on the class path for '$variant', found '${native_jar:-none}'" >&2; exit 1 ;;
esac
[ -n "$jni_jar" ] || { echo "build-dist: pytorch-jni is not on the class path" >&2; exit 1; }
[ -n "$tokenizers_jar" ] || { echo "build-dist: DJL's tokenizers are not on the class path" >&2; exit 1; }

# libtorch: the native jar's pytorch/<flavor>/<classifier>/ folder, and its version for DJL.
(cd "$work" && "$jar_tool" xf "$native_jar" "pytorch/$flavor/$classifier/" native/lib/pytorch.properties)
[ -f "$work/pytorch/$flavor/$classifier/libtorch.so" ] \
  || { echo "build-dist: $native_jar holds no pytorch/$flavor/$classifier/libtorch.so" >&2; exit 1; }
mv "$work/pytorch/$flavor/$classifier/"* "$out/native/libtorch/"
version="$(sed -n 's/^version=\([0-9]*\.[0-9]*\.[0-9]*\).*/\1/p' "$work/native/lib/pytorch.properties")"
[ -n "$version" ] || { echo "build-dist: no version in $native_jar's pytorch.properties" >&2; exit 1; }

# DJL looks for its JNI library beside libtorch first.
(cd "$work" && "$jar_tool" xf "$jni_jar" "jnilib/$classifier/$flavor/libdjl_torch.so")
[ -f "$work/jnilib/$classifier/$flavor/libdjl_torch.so" ] \
  || { echo "build-dist: $jni_jar has no JNI library for $flavor" >&2; exit 1; }
mv "$work/jnilib/$classifier/$flavor/libdjl_torch.so" "$out/native/libtorch/"

(cd "$work" && "$jar_tool" xf "$tokenizers_jar" "native/lib/$classifier/cpu/libtokenizers.so")
mv "$work/native/lib/$classifier/cpu/libtokenizers.so" "$out/native/tokenizers/"

# What the entrypoint exports as PYTORCH_FLAVOR and PYTORCH_VERSION when the image does not.
printf '%s\n' "$flavor" > "$out/native/libtorch/flavor"
printf '%s\n' "$version" > "$out/native/libtorch/version"

install -m 0755 "$here/entrypoint.sh" "$out/bin/entrypoint"
install -m 0755 "$here/healthcheck.sh" "$out/bin/healthcheck"

jars=("$out"/lib/*.jar)
echo "build-dist: $variant layout in $out: ${#jars[@]} jars, libtorch $version-$flavor ($(du -sh "$out/native/libtorch" | cut -f1))" >&2
