#!/usr/bin/env bash
# One command for the side-by-side run against compromise on the same BBC articles:
#   1. native: article-explorer's CLI (release, `batch`) vs compromise in Node;
#   2. browser: our wasm build vs compromise's browser build in headless Chromium, same page
#      (skipped when chromium/chromedriver or trunk are missing; COMPARE_BROWSER=0 skips it;
#      DIST=dir uses an existing release dist instead of building target/compare-dist).
# Usage: bash scripts/compare/run.sh [--limit N]
# Needs node + npm (compromise is installed here; node_modules is not committed) and the
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
target="${CARGO_TARGET_DIR:-$root/target}"
node "$here/compare.mjs" --bin "$target/release/article-explorer" --bbc "$bbc" "$@"

if [ "${COMPARE_BROWSER:-1}" = 0 ]; then
  exit 0
fi
# The pinned wasm-opt and trunk, as the other scripts find them.
[ -f "$root/scripts/env.sh" ] && . "$root/scripts/env.sh"
for tool in chromium chromedriver; do
  command -v "$tool" >/dev/null || { echo "skipped (browser): $tool not found"; exit 0; }
done
dist="${DIST:-}"
if [ -z "$dist" ]; then
  command -v trunk >/dev/null || { echo "skipped (browser): trunk not found (run scripts/setup.sh)"; exit 0; }
  dist="$target/compare-dist"
  (cd "$root" && trunk build --release --dist "$dist" >/dev/null 2>&1) \
    || { echo "skipped (browser): trunk build --release failed"; exit 0; }
fi
node "$here/browser.mjs" --dist "$dist" --bbc "$bbc" "$@"
