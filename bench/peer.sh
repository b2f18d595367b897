#!/usr/bin/env bash
# Vigil's secret scan side by side with gitleaks 8.30.1 (`gitleaks-peer`, installed by
# ../shared/tools/install-gitleaks.sh) on the same repository and the same rules (gitleaks' default
# rule file, vendored in Tests/Fixtures), then `vigil attribution` beside the `git log` that reads
# the same commit fields. Each round runs every command once, in alternating order, under
# /usr/bin/time; the table gives the median wall time, CPU time (user + system) and peak RSS, and
# each command's ratio to gitleaks (to git log for attribution). The machine is shared: compare
# ratios from one run, and read the load printed first.
#
# usage: bench/peer.sh REPO [ROUNDS]   (REPO: a bare or non-bare repository; all branches and tags)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(cd "$1" && pwd)
rounds=${2:-3}
vigil=${VIGIL:-.build/release/vigil}
rules=$PWD/Tests/Fixtures/gitleaks-default.toml
command -v gitleaks-peer >/dev/null || { echo "bench: gitleaks-peer missing: run ../shared/tools/install-gitleaks.sh" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '[checks.secrets]\nrules = "%s"\n' "$rules" > "$work/vigil.toml"

commits=$(git -C "$repo" rev-list --count --branches --tags)
echo "repository: $repo ($commits commits on branches and tags); load: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"

measure() { # name command... : appends "wall cpu rss_kb" to $work/name
    local name=$1; shift
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" > "$work/$name.out" 2> "$work/$name.err" || true
    awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/time" >> "$work/$name"
}
vigil_rescan() { measure vigil "$vigil" rescan --config "$work/vigil.toml" --all --scope all --dry-run --format json "$repo"; }
gitleaks() {
    rm -f "$work/report.json"
    measure gitleaks gitleaks-peer git --no-banner --config "$rules" --report-format json \
        --report-path "$work/report.json" --log-opts="--branches --tags" "$repo"
    cp "$work/report.json" "$work/gitleaks-report.json"
}
attribution() { measure attribution "$vigil" attribution --config "$work/vigil.toml" --format json "$repo"; }
gitlog() { measure gitlog git -C "$repo" log --branches --tags --format='%H%x00%an%x00%ae%x00%cn%x00%ce%x00%B'; }

for round in $(seq 1 "$rounds"); do
    if (( round % 2 )); then vigil_rescan; gitleaks; attribution; gitlog
    else gitlog; attribution; gitleaks; vigil_rescan; fi
done

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
column_median() { awk -v c="$2" '{print $c}' "$work/$1" | median; }
printf '%-26s %9s %9s %10s %8s %8s %8s\n' command wall cpu peak_rss wall_x cpu_x rss_x
row() { # name base label
    local w c r bw bc br
    w=$(column_median "$1" 1); c=$(column_median "$1" 2); r=$(column_median "$1" 3)
    bw=$(column_median "$2" 1); bc=$(column_median "$2" 2); br=$(column_median "$2" 3)
    printf '%-26s %8.2fs %8.2fs %7.0f MB %7.2fx %7.2fx %7.2fx\n' "$3" "$w" "$c" "$((r / 1024))" \
        "$(awk "BEGIN{print $w/$bw}")" "$(awk "BEGIN{print $c/$bc}")" "$(awk "BEGIN{print $r/$br}")"
}
row gitleaks gitleaks "gitleaks git"
row vigil gitleaks "vigil rescan --scope all"
row gitlog gitlog "git log (attribution fields)"
row attribution gitlog "vigil attribution"

# Findings: (commit, path, line, rule) from each; Vigil's secrets alerts only.
python3 - "$work/vigil.out" "$work/gitleaks-report.json" <<'PY'
import json, sys
vigil = set()
for line in open(sys.argv[1], encoding="utf-8"):
    record = json.loads(line)
    if record.get("kind") == "alert" and record.get("check", "").startswith("secrets."):
        vigil.add((record["commit"], record.get("path") or "", record.get("line") or 0, record["check"][len("secrets."):]))
peer = {(f["Commit"], f["File"], f["StartLine"], f["RuleID"]) for f in json.load(open(sys.argv[2], encoding="utf-8"))}
print(f"findings: vigil {len(vigil)}, gitleaks {len(peer)}, both {len(vigil & peer)}")
for name, only in (("only vigil", vigil - peer), ("only gitleaks", peer - vigil)):
    rules = {}
    for finding in only:
        rules[finding[3]] = rules.get(finding[3], 0) + 1
    print(f"{name}: {len(only)} by rule {sorted(rules.items(), key=lambda kv: -kv[1])[:12]}")
    for finding in sorted(only)[:8]:
        print("   ", finding)
PY
if [ -n "${BENCH_KEEP:-}" ]; then cp "$work/vigil.out" "$work/gitleaks-report.json" "$BENCH_KEEP"/; fi
