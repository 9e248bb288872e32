#!/usr/bin/env bash
# Installs what quotetrace needs from Debian's packages (only what is
# missing; clang for the sanitizer build and the fuzz harnesses), then
# configures and builds it in ./build.
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(g++ meson ninja-build pkg-config python3 python3-yaml
          libboost-dev libicu-dev libyaml-cpp-dev libgumbo-dev nlohmann-json3-dev
          libcli11-dev doctest-dev libsqlite3-dev libstemmer-dev wordnet-base
          clang libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ ! -f build/build.ninja ]; then
  meson setup build --buildtype=release >/dev/null
fi
ninja -C build >/dev/null
