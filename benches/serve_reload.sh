#!/usr/bin/env bash
# Edit-to-reload latency of `yanbao serve` on the default site: save a chapter, then poll the
# served page until it shows the change. Prints every run and the median (ms).
# Usage: bash benches/serve_reload.sh [RUNS]
set -euo pipefail
runs="${1:-15}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
site="$(mktemp -d)"
cp -r "$repo/content" "$repo/templates" "$repo/static" "$site/"
log="$site/serve.log"
"$repo/target/release/yanbao" serve --root "$site" --port 0 >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$site"' EXIT
for _ in $(seq 100); do grep -q "http://" "$log" && break; sleep 0.05; done
url="$(grep -o 'http://[0-9.:]*/' "$log" | head -1)"
page="${url}en/aigc-2024/risks/"
file="$site/content/reports/aigc-2024/chapters/risks.en.md"
times=()
for i in $(seq "$runs"); do
  marker="reload-probe-$i-$RANDOM"
  start=$(date +%s%N)
  printf '\n%s\n' "$marker" >>"$file"
  until curl -fs "$page" | grep -q "$marker"; do sleep 0.005; done
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  echo "run $i: ${ms} ms"
  sleep 0.3
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
echo "median edit-to-reload: ${median} ms over $runs runs"
