#!/usr/bin/env bash
# Set-up, build, then the main job on the seed articles: per statement, who
# said it, which outlets reported it first and in which words (Markdown).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
./build/src/quotetrace report seeds/
