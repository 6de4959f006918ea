#!/usr/bin/env bash
# One command for the side-by-side run: article-explorer's CLI (release) vs compromise on the
# same BBC articles. Usage: bash scripts/compare/run.sh [--limit N]
# Needs node + npm (compromise is installed here, node_modules is not committed) and the
# corpus at ../shared/data/news/bbc (or $SHARED_DATA/news/bbc); skips cleanly without it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${SHARED_DATA:-$root/../shared/data}"
bbc="$data/news/bbc"
if [ ! -d "$bbc" ]; then
  echo "skipped: BBC corpus not found at $bbc (set SHARED_DATA)"
  exit 0
fi
for tool in node npm cargo; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool not found"; exit 0; }
done
if [ ! -d "$here/node_modules/compromise" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
(cd "$root" && cargo build --release --quiet --bin article-explorer)
bin="${CARGO_TARGET_DIR:-$root/target}/release/article-explorer"
node "$here/compare.mjs" --bin "$bin" --bbc "$bbc" "$@"
