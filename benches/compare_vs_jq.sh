#!/usr/bin/env bash
# `consult compare --dir … --format json` against jq computing the same per-item counts,
# on generated responses (benches/support/generate.rs): 10,000 files of about 40 KB.
#
#   bash benches/compare_vs_jq.sh            # COUNT=10000 RUNS=5 DATA=/tmp/consult-bench
#
# It checks that both give the same counts before timing anything, then reports the
# median wall time and peak memory (maximum resident set size, from /usr/bin/time) of
# each, their ratio, and whether the targets hold: under 1 s, at least 5× faster than jq,
# peak memory no more than jq's. Needs jq and GNU time (apt-get install -y jq time).
# Generated data stays under $DATA, never in the repository.
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT=${COUNT:-10000}
RUNS=${RUNS:-5}
DATA=${DATA:-/tmp/consult-bench}
RESPONSES="$DATA/responses"
SET=questions/integrating-care.json

for tool in jq /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install -y jq time)" >&2; exit 1; }
done

cargo build --release --quiet --bin consult --example generate_responses
CONSULT=target/release/consult

mkdir -p "$DATA"
if [ "$(find "$RESPONSES" -name '*.json' 2>/dev/null | wc -l)" -ne "$COUNT" ]; then
    rm -rf "$RESPONSES"
    target/release/examples/generate_responses "$RESPONSES" "$COUNT"
fi
echo "$(du -sh "$RESPONSES" | cut -f1) in $COUNT files under $RESPONSES"

# Per item with a scale: the count for every option (zeros included) and how many gave no
# position. jq streams the files (`inputs`), keeping only the running counts.
cat > "$DATA/counts.jq" <<'JQ'
def options($s; $scale): [$s.scales[] | select(.id == $scale) | .options[].id];
$set[0] as $s
| reduce inputs as $r ({n: 0, c: {}};
    .n += 1
    | reduce ($r.answers[] | select(.position != null)) as $a (.; .c[$a.item][$a.position] += 1))
| . as $t
| [ $s.sections[].items[] | select(.scale != null)
    | .id as $id
    | options($s; .scale) as $opts
    | { id: $id,
        counts: (reduce $opts[] as $o ({}; .[$o] = ($t.c[$id][$o] // 0))),
        no_position: ($t.n - ([$t.c[$id][]?] | add // 0)) } ]
JQ

consult_cmd=("$CONSULT" compare --dir "$RESPONSES" --format json)
jq_cmd=(jq -n --slurpfile set "$SET" -f "$DATA/counts.jq" "$RESPONSES"/*.json)

# Same answers first (this also warms the page cache for both).
"${consult_cmd[@]}" > "$DATA/consult.json"
"${jq_cmd[@]}" > "$DATA/jq.json"
if ! cmp -s <(jq -S -c . "$DATA/jq.json") \
    <(jq -S -c '[.items[] | select(.scale != null) | {id, counts, no_position}]' "$DATA/consult.json"); then
    echo "consult and jq disagree on the counts: compare $DATA/consult.json and $DATA/jq.json" >&2
    exit 1
fi
echo "same per-item counts from both"

# OUTPUT COMMAND… → "median_seconds median_peak_kb" over $RUNS runs.
measure() {
    local out=$1 times=() peaks=() seconds kb
    shift
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%e %M" -o "$DATA/time.txt" "$@" > "$out"
        read -r seconds kb < "$DATA/time.txt"
        times+=("$seconds"); peaks+=("$kb")
    done
    local middle=$(( RUNS / 2 + 1 ))
    echo "$(printf '%s\n' "${times[@]}" | sort -n | sed -n "${middle}p") $(printf '%s\n' "${peaks[@]}" | sort -n | sed -n "${middle}p")"
}
read -r consult_s consult_kb <<< "$(measure "$DATA/consult.json" "${consult_cmd[@]}")"
read -r jq_s jq_kb <<< "$(measure "$DATA/jq.json" "${jq_cmd[@]}")"

ratio=$(awk -v a="$jq_s" -v b="$consult_s" 'BEGIN { printf "%.1f", a / b }')
printf '\n%-8s %10s %14s\n' "" "median s" "peak memory"
printf '%-8s %10s %11s MB\n' consult "$consult_s" "$(awk -v k="$consult_kb" 'BEGIN { printf "%.1f", k / 1024 }')"
printf '%-8s %10s %11s MB\n' "jq" "$jq_s" "$(awk -v k="$jq_kb" 'BEGIN { printf "%.1f", k / 1024 }')"
echo "consult is ${ratio}× faster than jq ($(jq --version)), $(nproc) cores, median of $RUNS runs"
verdict() { if [ "$1" = 1 ]; then echo "met"; else echo "NOT met"; fi; }
echo "under 1 s: $(verdict "$(awk -v s="$consult_s" 'BEGIN { print (s < 1) }')")"
echo "at least 5x faster than jq: $(verdict "$(awk -v r="$ratio" 'BEGIN { print (r >= 5) }')")"
echo "peak memory no more than jq's: $(verdict "$(awk -v a="$consult_kb" -v b="$jq_kb" 'BEGIN { print (a <= b) }')")"
