#!/usr/bin/env bash
#! Sourced by the other scripts: puts the pinned tools first on PATH (the good wasm-opt before
#! any system one).
TOOLS="${ARTICLE_EXPLORER_TOOLS:-$HOME/.local/share/article-explorer-tools}"
export PATH="$TOOLS/node_modules/.bin:$HOME/.cargo/bin:$PATH"
