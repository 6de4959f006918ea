#!/usr/bin/env bash
# Fuzzes the core for a bounded time per target and fails on any crash (a panic, a span
# that does not slice the text, a run over the timeout). Called by .ci/run.
#
# Targets (fuzz/fuzz_targets/): `analyze` (any bytes -> decode / lossy UTF-8 -> analyze +
# export) and `html` (any bytes -> html::to_text -> analyze + export). The seed corpus is
# every file under tests/data, copied into fuzz/corpus/<target>/ at run time (not committed).
#
# Fuzz longer, e.g. an hour per target:   FUZZ_SECONDS=3600 .ci/fuzz.sh
# One target, bigger inputs, all cores:    RUSTC_BOOTSTRAP=1 cargo fuzz run -s none -a analyze \
#                                            -- -max_len=65536 -jobs=2 -workers=2
# A crash leaves its input in fuzz/artifacts/<target>/; replay it with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run -s none -a <target> fuzz/artifacts/<target>/crash-...
# then keep it as a regression test (tests/bad_inputs.rs) once fixed.
set -euo pipefail
cd "$(dirname "$0")/.."

# cargo-fuzz passes nightly-only flags (-Z); the stable toolchain accepts them with this.
export RUSTC_BOOTSTRAP=1
# Pinned: a newer cargo-fuzz may need a newer rustc than this machine's.
CARGO_FUZZ_VERSION=0.13.2
if ! cargo fuzz --version 2>/dev/null | grep -qx "cargo-fuzz $CARGO_FUZZ_VERSION"; then
  cargo install cargo-fuzz --locked --version "=$CARGO_FUZZ_VERSION"
fi

seconds="${FUZZ_SECONDS:-60}"
for target in analyze html; do
  corpus="fuzz/corpus/$target"
  mkdir -p "$corpus"
  while IFS= read -r -d '' f; do
    cp "$f" "$corpus/seed-$(printf '%s' "$f" | tr '/' '_')"
  done < <(find tests/data -type f -size -512k -print0)
  echo "fuzz: $target for ${seconds}s (seeds: $(ls "$corpus" | wc -l))"
  # -s none: the core is safe Rust, so AddressSanitizer finds nothing panics would not;
  # -a: debug assertions, so integer overflow in span arithmetic is a crash too.
  # -max_len: 8 KB inputs keep ~200 runs/s; the big-input paths are the bench's job.
  # -timeout: one input running over 10 s counts as a crash (a quadratic path).
  cargo fuzz run -s none -a "$target" "$corpus" -- \
    -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
done
echo "fuzz: no crash"
