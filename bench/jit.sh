#!/usr/bin/env bash
# PCRE2's JIT against its interpreter on a full rescan, side by side in one run (bench/RESULTS.md,
# "PCRE2's JIT under MemoryDenyWriteExecute"):
#
#   jit:          vigil rescan --all --dry-run --scope all, gitleaks' default rules, JSON to /dev/null
#   interpreter:  the same command under bench/mdwe.py, the rule MemoryDenyWriteExecute=yes
#                 enforces, where PCRE2's JIT cannot allocate and the interpreter matches
#
# Each round runs both, in alternating order; the table reports median wall times and the ratio,
# and checks that both found the same alerts. Usage: bench/jit.sh [COMMITS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
commits=${1:-12000}
rounds=${2:-5}
source bench/setup.sh

rescan=(rescan --config "$work/bench.toml" --all --dry-run --scope all --format json "$repo")
now() { date +%s.%N; }
declare -A times
run() { # name output command...
    local name=$1 output=$2; shift 2
    local start end
    start=$(now)
    "$@" > "$output" || true
    end=$(now)
    times[$name]+="$(awk "BEGIN { print $end - $start }") "
}

for round in $(seq 1 "$rounds"); do
    if (( round % 2 )); then
        run jit "$work/jit.jsonl" "$vigil" "${rescan[@]}"
        run interpreter "$work/interpreter.jsonl" python3 bench/mdwe.py "$vigil" "${rescan[@]}"
    else
        run interpreter "$work/interpreter.jsonl" python3 bench/mdwe.py "$vigil" "${rescan[@]}"
        run jit "$work/jit.jsonl" "$vigil" "${rescan[@]}"
    fi
done

alerts() { grep '"kind":"alert"' "$1" | sed 's/.*"id":"\([0-9a-f]*\)".*/\1/' | sort; }
if ! cmp -s <(alerts "$work/jit.jsonl") <(alerts "$work/interpreter.jsonl"); then
    echo "bench: the interpreter found other alerts than the JIT" >&2
    exit 1
fi

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
jit=$(echo "${times[jit]}" | median)
printf '%-12s %10s %8s   (%s commits, %s rounds, %s cores, %s alerts each)\n' \
    command median ratio "$commits" "$rounds" "$(nproc)" "$(alerts "$work/jit.jsonl" | wc -l)"
for name in jit interpreter; do
    m=$(echo "${times[$name]}" | median)
    printf '%-12s %9.3fs %7.2fx\n' "$name" "$m" "$(awk "BEGIN { print $m / $jit }")"
done
