#!/usr/bin/env bash
# `consult compare --format json|csv|md|html` over 1,000, 10,000 and 20,000 generated
# responses (benches/support/generate.rs, about 40 KB each): median wall time and peak
# memory (maximum resident set size, from GNU time) of each, with the JSON comparison as
# the peer, and whether the streaming targets hold: CSV, Markdown and HTML under 32 MB at
# 10,000 responses and flat from 1,000 to 20,000 (at most 8 MB more at 20,000 than at
# 1,000), the CSV within 1.5x the JSON's time at 10,000.
#
#   bash benches/compare_formats.sh          # RUNS=3 DATA=/tmp/consult-bench
#
# The three folders share one set of files (hard links); generated data stays under
# $DATA, never in the repository. Needs GNU time (apt-get install -y time).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
DATA=${DATA:-/tmp/consult-bench}
SIZES=(1000 10000 20000)
FORMATS=(json csv md html)

command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install -y time)" >&2; exit 1; }

cargo build --release --quiet --bin consult --example generate_responses
CONSULT=target/release/consult

ALL="$DATA/formats-20000"
mkdir -p "$DATA"
if [ "$(find "$ALL" -name '*.json' 2>/dev/null | wc -l)" -ne 20000 ]; then
    rm -rf "$ALL"
    target/release/examples/generate_responses "$ALL" 20000
fi
for n in "${SIZES[@]}"; do
    dir="$DATA/formats-$n"
    [ "$n" = 20000 ] && continue
    if [ "$(find "$dir" -name '*.json' 2>/dev/null | wc -l)" -ne "$n" ]; then
        rm -rf "$dir"
        mkdir -p "$dir"
        find "$ALL" -name '*.json' | sort | sed -n "1,${n}p" | xargs -I{} ln {} "$dir/"
    fi
done

# FORMAT N → "median_seconds median_peak_kb" over $RUNS runs, the document to /dev/null.
measure() {
    local times=() peaks=() seconds kb
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%e %M" -o "$DATA/time.txt" \
            "$CONSULT" compare --dir "$DATA/formats-$2" --format "$1" > /dev/null 2>&1
        read -r seconds kb < <(tail -1 "$DATA/time.txt")
        times+=("$seconds"); peaks+=("$kb")
    done
    local middle=$(( RUNS / 2 + 1 ))
    echo "$(printf '%s\n' "${times[@]}" | sort -n | sed -n "${middle}p") $(printf '%s\n' "${peaks[@]}" | sort -n | sed -n "${middle}p")"
}

declare -A S K
printf '%-6s %8s %10s %14s\n' format files "median s" "peak memory"
for n in "${SIZES[@]}"; do
    # Interleaved: every format at one size before the next size.
    for f in "${FORMATS[@]}"; do
        read -r S[$f$n] K[$f$n] <<< "$(measure "$f" "$n")"
        printf '%-6s %8s %10s %11s MB\n' "$f" "$n" "${S[$f$n]}" \
            "$(awk -v k="${K[$f$n]}" 'BEGIN { printf "%.1f", k / 1024 }')"
    done
done

verdict() { if [ "$1" = 1 ]; then echo "met"; else echo "NOT met"; fi; }
echo
for f in csv md html; do
    under=$(awk -v k="${K[${f}10000]}" 'BEGIN { print (k < 32 * 1024) }')
    flat=$(awk -v a="${K[${f}1000]}" -v b="${K[${f}20000]}" 'BEGIN { print (b - a <= 8 * 1024) }')
    echo "$f under 32 MB at 10,000: $(verdict "$under"); flat from 1,000 to 20,000: $(verdict "$flat")"
done
ratio=$(awk -v c="${S[csv10000]}" -v j="${S[json10000]}" 'BEGIN { printf "%.2f", c / j }')
echo "csv at 10,000 takes ${ratio}x the JSON's time: within 1.5x $(verdict "$(awk -v r="$ratio" 'BEGIN { print (r <= 1.5) }')")"
echo "$(nproc) cores, median of $RUNS runs"
