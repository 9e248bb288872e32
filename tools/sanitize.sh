#!/usr/bin/env bash
# Configures (once) and builds ./build-san: clang, AddressSanitizer and
# UndefinedBehaviorSanitizer (any finding ends the process), and the libFuzzer
# harnesses of tests/fuzz. tools/test.sh runs every suite in it; tools/fuzz.sh
# fuzzes with its harnesses.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f build-san/build.ninja ]; then
  CC=clang CXX=clang++ meson setup build-san --buildtype=debugoptimized -Dfuzz=true \
    -Db_sanitize=address,undefined -Db_lundef=false \
    -Dcpp_args="-fno-sanitize-recover=all -fno-omit-frame-pointer" \
    -Dcpp_link_args="-fno-sanitize-recover=all" >/dev/null
fi
ninja -C build-san -j2 >/dev/null
