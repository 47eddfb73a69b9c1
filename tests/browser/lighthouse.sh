#!/usr/bin/env bash
# Lighthouse (12.2.3, which runs on Node 20) on the landing page of the default site, with
# Debian's chromium. A script, not a test: it prints the four category scores.
# Usage: bash tests/browser/lighthouse.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
tools="${LIGHTHOUSE_PREFIX:-$HOME/.cache/yanbao-lighthouse}"
if [ ! -x "$tools/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error lighthouse@12.2.3
fi
cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
work="$(mktemp -d)"
trap 'kill ${server:-0} 2>/dev/null; rm -rf "$work"' EXIT
"$repo/target/release/yanbao" build --root "$repo" --output "$work/site" >/dev/null
node -e "
  import('$here/serve.mjs').then(async ({ serve }) => {
    const s = await serve('$work/site', '/');
    console.log(s.url);
  });
" >"$work/url" &
server=$!
for _ in $(seq 50); do [ -s "$work/url" ] && break; sleep 0.1; done
url="$(cat "$work/url")aigc-2024/"
CHROME_PATH=/usr/bin/chromium "$tools/node_modules/.bin/lighthouse" "$url" --quiet \
  --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run --disable-sync" \
  --output=json --output-path="$work/report.json" --only-categories=performance,accessibility,best-practices,seo
node -e "
  const r = require('$work/report.json');
  for (const [k, c] of Object.entries(r.categories)) console.log(k.padEnd(16), Math.round(c.score * 100));
"
