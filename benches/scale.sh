#!/usr/bin/env bash
# Scale benchmark of yanbao against a floor (pulldown-cmark alone on every core, benches/floor.rs)
# on generated sites (benches/corpus.rs), and of the preview server. Prints medians, peak RSS, the
# ratio to the floor, and PASS/FAIL for each target. It reports; it never tunes itself to pass.
#
#   bash benches/scale.sh            # full: 1,000 and 10,000 pages, 5 rounds (~30 min on 2 cores)
#   bash benches/scale.sh --quick    # 1,000 pages only, 2 rounds (~1 min)
#   bash benches/scale.sh --rounds 7 # more rounds
#
# Corpora (a page = one chapter in one language, ~8 KB of Markdown, ~11 links, 3 charts a report):
#   N       N pages in zh+en, reports of 50 chapters
#   N-big   the same chapters in reports of 1,000 chapters (quick: 500, one report)
#   N-zh    N pages in Chinese only, reports of 50 chapters (what bilingual costs)
#   N-ns    N pages in zh+en with `search: false` (what the search index costs)
# Each round runs, for every corpus, the floor and then `yanbao build` into an empty folder
# (interleaved, so load from other processes hits both alike), timed with /usr/bin/time (wall
# seconds, peak RSS); for N it also times a rebuild into that build's output ("N-again"), as an
# author rebuilds into public/, where unchanged chart PNGs are reused.
# Outputs go to /dev/shm when it exists, so disk speed is out of the picture.
set -euo pipefail

quick=0
rounds=5
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1; rounds=2 ;;
    --rounds) rounds="$2"; shift ;;
    *) echo "usage: bash benches/scale.sh [--quick] [--rounds N]" >&2; exit 2 ;;
  esac
  shift
done

repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (apt-get install time)" >&2
  apt-get install -y -qq time >/dev/null
fi

echo "== building (release)"
cargo build --release --quiet --bin yanbao
exes="$(cargo bench --no-run --quiet --bench corpus --bench floor --message-format=json 2>/dev/null |
  jq -r 'select(.executable != null) | .executable')"
corpus="$(grep '/corpus-' <<<"$exes")"
floor="$(grep '/floor-' <<<"$exes")"
yanbao="$repo/target/release/yanbao"
[ -x "$corpus" ] && [ -x "$floor" ] || { echo "could not build benches/corpus.rs and benches/floor.rs (cargo bench --no-run)" >&2; exit 1; }

base=/tmp
[ -d /dev/shm ] && base=/dev/shm
work="$(mktemp -d "$base/yanbao-scale.XXXXXX")"
serve_pid=""
cleanup() {
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== machine"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) cores visible"
echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); work folder: $work"
echo "yanbao: $(git -C "$repo" rev-parse --short HEAD) ($(git -C "$repo" log -1 --format=%cd --date=short))"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$quick" = 1 ]; then
  big=1000; cases=("1000 1000 50 zh,en" "1000-big 1000 500 zh,en" "1000-zh 1000 50 zh" "1000-ns 1000 50 zh,en")
else
  big=10000
  cases=("1000 1000 50 zh,en" "10000 10000 50 zh,en" "10000-big 10000 1000 zh,en" "10000-zh 10000 50 zh" "10000-ns 10000 50 zh,en")
fi

echo "== corpora"
for c in "${cases[@]}"; do
  read -r name pages per langs <<<"$c"
  printf '%-10s ' "$name"
  "$corpus" --pages "$pages" --per-report "$per" --langs "$langs" --out "$work/site-$name"
  case "$name" in *-ns) echo "search: false" >>"$work/site-$name/content/site.yaml" ;; esac
done
# The generator must be deterministic: a second run gives the same bytes.
"$corpus" --pages 1000 --out "$work/site-again" >/dev/null
diff -rq "$work/site-1000" "$work/site-again" >/dev/null ||
  { echo "FAIL: the corpus generator is not deterministic" >&2; exit 1; }
rm -rf "$work/site-again"

# run TOOL CASE ROUND: one timed run, appended to results as "case tool round wall-s kib cpu-s"
# (cpu-s = user + system seconds: on a loaded machine the wall time mostly measures the load).
run() {
  local tool="$1" name="$2" round="$3" out="$work/out-$2-$1" t="$work/time"
  if [ "$tool" = again ]; then
    out="$work/out-$2-yanbao"; name="$2-again"; tool=yanbao
  else
    rm -rf "$out"
  fi
  if [ "$tool" = floor ]; then
    /usr/bin/time -o "$t" -f '%e %M %U %S' "$floor" "$work/site-$name" "$out" >"$work/last.log" 2>&1
  else
    /usr/bin/time -o "$t" -f '%e %M %U %S' "$yanbao" build --root "$work/site-${name%-again}" --output "$out" \
      >"$work/last.log" 2>&1 || { echo "yanbao build failed on $name:" >&2; tail -30 "$work/last.log" >&2; exit 1; }
  fi
  echo "$name $tool $round $(awk '{print $1, $2, $3 + $4}' "$t")" >>"$work/results"
  if [ "$round" = 0 ]; then
    sed 's/^/  /' "$work/last.log" | tail -1
  else
    printf '  %-10s %-6s %6s s %5s MiB %6s CPU-s\n' "$name" "$tool" $(awk '{printf "%s %.0f %.2f", $1, $2/1024, $3 + $4}' "$t")
  fi
}

echo "== warm-up (round 0, not counted)"
for c in "${cases[@]}"; do
  read -r name _ <<<"$c"
  run floor "$name" 0
  run yanbao "$name" 0
done
: >"$work/results"

for round in $(seq "$rounds"); do
  echo "== round $round/$rounds (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  for c in "${cases[@]}"; do
    read -r name _ <<<"$c"
    run floor "$name" "$round"
    run yanbao "$name" "$round"
    [ "$name" = "$big" ] && run again "$name" "$round"
  done
done

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# Per case and tool: median wall seconds, maximum peak RSS (KiB → MiB), median CPU seconds.
secs() { awk -v n="$1" -v t="$2" '$1==n && $2==t {print $4}' "$work/results" | median; }
cpus() { awk -v n="$1" -v t="$2" '$1==n && $2==t {print $6}' "$work/results" | median; }
rss() { awk -v n="$1" -v t="$2" '$1==n && $2==t && $5>m {m=$5} END {printf "%.0f", m/1024}' "$work/results"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a/b : 0)}'; }

echo
echo "== results: medians of $rounds rounds (wall seconds; CPU = user + system seconds), peak RSS over all rounds"
printf '| %-10s | %6s | %7s | %7s | %9s | %8s | %8s | %10s | %12s | %11s |\n' corpus pages "floor s" "floor CPU" "floor MiB" \
  "yanbao s" "yanbao CPU" "yanbao MiB" "wall / floor" "CPU / floor"
printf '|%s|\n' "------------|--------|---------|-----------|-----------|----------|------------|------------|--------------|-------------"
for c in "${cases[@]}" "$big-again $big"; do
  read -r name pages _ <<<"$c"
  base="${name%-again}"
  fs="$(secs "$base" floor)"; ys="$(secs "$name" yanbao)"; fc="$(cpus "$base" floor)"; yc="$(cpus "$name" yanbao)"
  printf '| %-10s | %6s | %7s | %9s | %9s | %8s | %10s | %10s | %11s× | %10s× |\n' "$name" "$pages" "$fs" "$fc" \
    "$(rss "$base" floor)" "$ys" "$yc" "$(rss "$name" yanbao)" "$(ratio "$ys" "$fs")" "$(ratio "$yc" "$fc")"
done

# preview MEASURE-SITE: edit → served latency (10 edits) and idle CPU of `yanbao serve`.
preview() {
  local site="$work/site-$1" log="$work/serve.log" times=() url page file start end ms tick cpu0 cpu1
  "$yanbao" serve --root "$site" --port 0 >"$log" 2>&1 &
  serve_pid=$!
  for _ in $(seq 6000); do grep -q 'http://' "$log" && break; sleep 0.1; done
  url="$(grep -o 'http://[0-9.:]*/' "$log" | head -1)"
  [ -n "$url" ] || { echo "yanbao serve did not start:" >&2; cat "$log" >&2; exit 1; }
  page="${url}r0000/s00000/"
  file="$site/content/reports/r0000/chapters/s00000.zh.md"
  sleep 1
  for i in $(seq 10); do
    marker="edit-probe-$i-$RANDOM"
    start=$(date +%s%N)
    printf '\n%s\n' "$marker" >>"$file"
    until curl -fs "$page" | grep -q "$marker"; do
      sleep 0.005
      if [ $(( ($(date +%s%N) - start) / 1000000000 )) -gt 300 ]; then
        echo "edit $i not served after 300 s" >&2; tail "$log" >&2; exit 1
      fi
    done
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    times+=("$ms")
    sleep 0.5
  done
  # Idle: nothing changes for 5 s; utime + stime (fields 14, 15 of /proc/PID/stat) in clock ticks.
  sleep 2
  tick="$(getconf CLK_TCK)"
  cpu0="$(awk '{print $14 + $15}' "/proc/$serve_pid/stat")"
  sleep 5
  cpu1="$(awk '{print $14 + $15}' "/proc/$serve_pid/stat")"
  serve_idle="$(awk -v a="$cpu0" -v b="$cpu1" -v t="$tick" 'BEGIN {printf "%.2f", (b - a) / t}')"
  # Three searches, each after an edit: the index is made again, on request, each time (a
  # request for one of its files waits for it), and counts in the peak RSS.
  for i in 1 2 3; do
    marker="search-probe-$i-$RANDOM"
    printf '\n%s\n' "$marker" >>"$file"
    until curl -fs "$page" | grep -q "$marker"; do sleep 0.005; done
    curl -fs "${url}search-index/zh/meta.json" >/dev/null
  done
  serve_rss="$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$serve_pid/status")"
  kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=""
  serve_median="$(printf '%s\n' "${times[@]}" | median)"
  echo "| preview $1 | edits (ms): ${times[*]} | median ${serve_median} ms | idle CPU ${serve_idle} s over 5 s | peak RSS ${serve_rss} MiB |"
}

echo
echo "== preview (yanbao serve): 10 edits of one chapter, edit → page served with the edit; then 3 edits each followed by a search"
preview 1000
small_median="$serve_median"; small_idle="$serve_idle"
if [ "$quick" = 0 ]; then
  preview 10000
fi

echo
echo "== targets (at $big pages$([ "$quick" = 1 ] && echo '; quick mode: the targets are set for 10,000'))"
verdict() { if awk -v a="$1" -v b="$2" 'BEGIN {exit !(a <= b)}'; then echo PASS; else echo FAIL; fi; }
r="$(ratio "$(secs "$big" yanbao)" "$(secs "$big" floor)")"
echo "$(verdict "$r" 3.3) full build ≤ 3.3× the floor: ${r}× (CPU seconds: $(ratio "$(cpus "$big" yanbao)" "$(cpus "$big" floor)")×)"
m="$(rss "$big" yanbao)"
echo "$(verdict "$m" 300) peak RSS ≤ 300 MiB: ${m} MiB"
r="$(ratio "$(secs "$big-big" yanbao)" "$(secs "$big" yanbao)")"
c="$(ratio "$(cpus "$big-big" yanbao)" "$(cpus "$big" yanbao)")"
echo "$(verdict "$r" 1.2) reports of $([ "$quick" = 1 ] && echo 500 || echo 1,000) chapters ≤ 1.2× reports of 50: ${r}× (CPU seconds: ${c}×)"
echo "$(verdict "$serve_median" 100) preview edit → served median ≤ 100 ms: ${serve_median} ms"
echo "$(verdict "$serve_idle" 0.05) serve idle CPU ≈ 0 (≤ 0.05 s over 5 s): ${serve_idle} s"
limit="$(awk -v m="$m" 'BEGIN {printf "%.0f", m * 1.5}')"
echo "$(verdict "$serve_rss" "$limit") serve peak RSS ≤ 1.5× the build's (${limit} MiB), searches included: ${serve_rss} MiB"
[ "$quick" = 0 ] && echo "      (at 1,000 pages: edit → served ${small_median} ms, idle CPU ${small_idle} s)"
r="$(ratio "$(secs "$big-ns" yanbao)" "$(secs "$big" floor)")"
echo "info  with search: false: ${r}× the floor ($(secs "$big-ns" yanbao) s, $(rss "$big-ns" yanbao) MiB);" \
  "a rebuild into the last output: $(ratio "$(secs "$big-again" yanbao)" "$(secs "$big" floor)")× ($(secs "$big-again" yanbao) s)"
zh="$(secs "$big-zh" yanbao)"; bi="$(secs "$big" yanbao)"
echo "info  bilingual cost: $big pages zh+en take ${bi} s (×$(ratio "$bi" "$(secs "$big" floor)") the floor)," \
  "$big pages zh only ${zh} s (×$(ratio "$zh" "$(secs "$big-zh" floor)") the floor); zh+en / zh = $(ratio "$bi" "$zh")× wall, $(ratio "$(cpus "$big" yanbao)" "$(cpus "$big-zh" yanbao)")× CPU"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
