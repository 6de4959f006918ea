#!/usr/bin/env bash
# Bundle size of the release site: wasm, JS, CSS and HTML in dist/, raw / gzip -9 / brotli 11,
# against the budget (whole dist <= 1 MB gzipped). Prints OVER BUDGET when over; exits 0
# either way (a report, not a gate).
# Usage: bash scripts/bundle-size.sh [--build] [DIST_DIR]
#   --build   run `trunk build --release` first (otherwise an existing dist/ is read)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build=0
dist="$root/dist"
for arg in "$@"; do
  case "$arg" in
    --build) build=1 ;;
    *) dist="$arg" ;;
  esac
done
if [ "$build" = 1 ]; then
  # The pinned wasm-opt and trunk, as the other scripts find them.
  [ -f "$root/scripts/env.sh" ] && . "$root/scripts/env.sh"
  (cd "$root" && trunk build --release --dist "$dist")
fi
if [ ! -d "$dist" ] || [ -z "$(ls -A "$dist" 2>/dev/null)" ]; then
  echo "skipped: no build in $dist (run: trunk build --release, or pass --build)"
  exit 0
fi
budget_gzip="${BUNDLE_BUDGET_GZIP:-1000000}"
if command -v node >/dev/null; then
  # Node's zlib has both gzip and brotli, so no extra package is needed.
  node - "$dist" "$budget_gzip" <<'JS'
const fs = require("fs"), path = require("path"), zlib = require("zlib");
const [dist, budget] = [process.argv[2], Number(process.argv[3])];
const files = [];
(function walk(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p); else if (e.isFile()) files.push(p);
  }
})(dist);
const kindOf = (f) => {
  const ext = path.extname(f).toLowerCase();
  return { ".wasm": "wasm", ".js": "js", ".mjs": "js", ".css": "css", ".html": "html" }[ext] || "other";
};
const totals = {};
const rows = files.sort().map((f) => {
  const raw = fs.readFileSync(f);
  const gz = zlib.gzipSync(raw, { level: 9 }).length;
  const br = zlib.brotliCompressSync(raw, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  }).length;
  const kind = kindOf(f);
  for (const k of [kind, "total"]) {
    totals[k] ??= { raw: 0, gz: 0, br: 0 };
    totals[k].raw += raw.length; totals[k].gz += gz; totals[k].br += br;
  }
  return [path.relative(dist, f), kind, raw.length, gz, br];
});
const n = (x) => x.toLocaleString("en-US");
const line = (a, b, c, d, e) => console.log(`${String(a).padEnd(44)}${String(b).padEnd(7)}${String(c).padStart(12)}${String(d).padStart(12)}${String(e).padStart(12)}`);
line("file", "kind", "raw", "gzip", "brotli");
for (const r of rows) line(r[0], r[1], n(r[2]), n(r[3]), n(r[4]));
console.log("");
for (const k of ["wasm", "js", "css", "html", "other", "total"]) {
  if (totals[k]) line(k === "total" ? "whole dist" : `all ${k}`, "", n(totals[k].raw), n(totals[k].gz), n(totals[k].br));
}
const gz = totals.total ? totals.total.gz : 0;
const pct = (100 * gz / budget).toFixed(0);
console.log(`\nbudget: whole dist <= ${n(budget)} B gzipped; now ${n(gz)} B (${pct}%)` + (gz > budget ? "  OVER BUDGET" : "  within budget"));
JS
else
  echo "node not found: gzip sizes only (python3)"
  python3 - "$dist" "$budget_gzip" <<'PY'
import gzip, os, sys
dist, budget = sys.argv[1], int(sys.argv[2])
total_raw = total_gz = 0
for d, _, fs in os.walk(dist):
    for f in sorted(fs):
        raw = open(os.path.join(d, f), "rb").read()
        gz = len(gzip.compress(raw, 9))
        total_raw += len(raw); total_gz += gz
        print(f"{os.path.relpath(os.path.join(d, f), dist):<44}{len(raw):>12,}{gz:>12,}")
print(f"{'whole dist':<44}{total_raw:>12,}{total_gz:>12,}")
print(f"budget: whole dist <= {budget:,} B gzipped; now {total_gz:,} B" + ("  OVER BUDGET" if total_gz > budget else "  within budget"))
PY
fi
