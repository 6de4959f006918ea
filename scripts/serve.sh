#!/usr/bin/env bash
#! README command 1: install what is missing, then build and serve the app on 127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh
exec trunk serve --release --address 127.0.0.1 --port "${PORT:-8080}"
