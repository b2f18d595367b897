#!/usr/bin/env bash
# Vigil's benchmarks, side by side in one run (the machine is shared and noisy: compare ratios).
#
#   rescan:      vigil rescan --all --dry-run --scope all, gitleaks' default rules, JSON to /dev/null
#   floor:       git log -p -U0 over the same commits (git's own diff machinery), to /dev/null
#   attribution: vigil attribution --format json over the same commits
#
# Each round runs every command once, in alternating order; the table reports the median wall time
# and the ratio to the floor. Usage: bench/run.sh [COMMITS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
commits=${1:-12000}
rounds=${2:-5}
source bench/setup.sh

now() { date +%s.%N; }
declare -A times
run() { # name command...
    local name=$1; shift
    local start end
    start=$(now)
    "$@" > /dev/null
    end=$(now)
    times[$name]+="$(awk "BEGIN { print $end - $start }") "
}

for round in $(seq 1 "$rounds"); do
    if (( round % 2 )); then
        run floor git -C "$repo" log -p -U0 --no-color --no-ext-diff main
        run rescan "$vigil" rescan --config "$work/bench.toml" --all --dry-run --scope all --format json "$repo" || true
        run attribution "$vigil" attribution --config "$work/bench.toml" --format json "$repo"
    else
        run attribution "$vigil" attribution --config "$work/bench.toml" --format json "$repo"
        run rescan "$vigil" rescan --config "$work/bench.toml" --all --dry-run --scope all --format json "$repo" || true
        run floor git -C "$repo" log -p -U0 --no-color --no-ext-diff main
    fi
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
floor=$(echo "${times[floor]}" | median)
printf '%-12s %10s %8s   (%s commits, %s rounds, %s cores)\n' command median ratio "$commits" "$rounds" "$(nproc)"
for name in floor rescan attribution; do
    m=$(echo "${times[$name]}" | median)
    printf '%-12s %9.3fs %7.2fx\n' "$name" "$m" "$(awk "BEGIN { print $m / $floor }")"
done
