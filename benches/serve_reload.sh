#!/usr/bin/env bash
# Edit-to-reload latency of `yanbao serve`: save a chapter, then poll the served page until it
# shows the change. Prints every run, the median (ms) and the server's peak RSS.
# Usage: bash benches/serve_reload.sh [--pages N] [--searches K] [RUNS]
#   without --pages: the default site (content/ of this repository);
#   with --pages N: a generated site of N pages (benches/corpus.rs, reports of 50 chapters);
#   with --searches K: then K times an edit followed by a search (the index is made again on
#   request), timing the index's first answer; the peak RSS printed includes them.
set -euo pipefail
pages=""
searches=0
while [ $# -gt 1 ]; do
  case "$1" in
    --pages) pages="$2"; shift 2 ;;
    --searches) searches="$2"; shift 2 ;;
    *) break ;;
  esac
done
runs="${1:-15}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
cargo build --release --quiet --manifest-path "$repo/Cargo.toml" --bin yanbao
base=/tmp
[ -d /dev/shm ] && base=/dev/shm
site="$(mktemp -d "$base/yanbao-reload.XXXXXX")"
if [ -n "$pages" ]; then
  corpus="$(cd "$repo" && cargo bench --no-run --quiet --bench corpus --message-format=json 2>/dev/null |
    jq -r 'select(.executable != null) | .executable' | grep '/corpus-')"
  "$corpus" --pages "$pages" --out "$site" >/dev/null
  page_path="r0000/s00000/"
  file="$site/content/reports/r0000/chapters/s00000.zh.md"
else
  cp -r "$repo/content" "$repo/templates" "$repo/static" "$site/"
  page_path="en/aigc-2024/risks/"
  file="$site/content/reports/aigc-2024/chapters/risks.en.md"
fi
log="$site/serve.log"
"$repo/target/release/yanbao" serve --root "$site" --port 0 >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$site"' EXIT
for _ in $(seq 6000); do grep -q "http://" "$log" && break; sleep 0.05; done
url="$(grep -o 'http://[0-9.:]*/' "$log" | head -1)"
page="${url}${page_path}"
# The first search index may still be in the making: it gives way to every rebuild.
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
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
median=$(printf '%s\n' "${times[@]}" | median)
lang="$(grep -q '^default_language: en' "$site/content/site.yaml" && echo en || echo zh)"
found=()
for i in $(seq "$searches"); do
  marker="search-probe-$i-$RANDOM"
  printf '\n%s\n' "$marker" >>"$file"
  until curl -fs "$page" | grep -q "$marker"; do sleep 0.005; done
  start=$(date +%s%N)
  # Asking for a file of the index waits until the index of the newest pages is made.
  curl -fs "${url}search-index/$lang/meta.json" >/dev/null
  end=$(date +%s%N)
  found+=("$(( (end - start) / 1000000 ))")
  echo "search $i: index answered in ${found[-1]} ms"
done
[ "$searches" -gt 0 ] && echo "median first search after an edit: $(printf '%s\n' "${found[@]}" | median) ms over $searches"
rss="$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$pid/status")"
echo "median edit-to-reload: ${median} ms over $runs runs ($([ -n "$pages" ] && echo "$pages pages" || echo "default site")); serve peak RSS ${rss} MiB"
grep -E '^rebuilt' "$log" | tail -3 | sed 's/^/  server: /'
