#!/usr/bin/env bash
# Builds the default site (at the root and under a sub-path), the chart stress fixture and the
# library fixture, and runs the browser suite on all four.
# Installs what it needs on a fresh machine: Debian's chromium, CJK fonts, a Java runtime and
# poppler-utils (pdftotext reads the printed PDFs back), and
# the suite's npm packages from the committed lock file. Usage: bash tests/browser/run.sh [SITE_ROOT]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
site_root="${1:-$repo}"

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if [ ! -d "$here/node_modules/playwright-core" ] || [ "$here/package-lock.json" -nt "$here/node_modules" ]; then
  # --ignore-scripts: vnu-jar ships its jar; nothing may be downloaded at install time.
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi

cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
bin="$repo/target/release/yanbao"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$bin" build --root "$site_root" --output "$work/root"
# The search index's reader in plain node: the tokenizer cases shared with the Rust tests, the
# search logic on a hand-made index, and real queries on the built site's index.
node "$here/search-index.test.mjs" --site "$work/root" --base /
node "$here/suite.mjs" --site "$work/root" --base / --shots "$here/screenshots"

"$bin" build --root "$site_root" --output "$work/sub" --base-url https://example.org/research/aigc/
node "$here/search-index.test.mjs" --site "$work/sub" --base /research/aigc/
node "$here/suite.mjs" --site "$work/sub" --base /research/aigc/

# The chart stress fixture: every chart kind with stress data, measured at six widths.
stress="$work/stress-src"
mkdir -p "$stress"
cp -r "$repo/tests/fixtures/charts-stress/content" "$stress/"
cp -r "$repo/content/i18n" "$stress/content/"
cp -r "$repo/templates" "$repo/static" "$stress/"
"$bin" build --root "$stress" --output "$work/stress"
node "$here/suite.mjs" --site "$work/stress" --base /

# The library fixture (13 reports, one in Chinese only, sector/series/list pages, an about page)
# on the built-in theme: it has no templates/ or static/ of its own.
"$bin" build --root "$repo/tests/fixtures/library" --output "$work/library"
node "$here/suite.mjs" --site "$work/library" --base /
