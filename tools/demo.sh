#!/usr/bin/env bash
# Set-up, build, then the main job on the seed articles: attributed quotes as JSON lines.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
./build/src/quotetrace quotes seeds/
