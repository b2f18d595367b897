#!/bin/sh
# `make bench-report`: `vigil report` against a shell loop of `git blame --line-porcelain -M -C`,
# on a real history with AI-written commits and git-ai notes (git-ai-project/git-ai by default,
# mirrored into bench/work/ on first use). Prints the per-file cross-check and the times side by side.
set -eu
repo=${REPORT_REPO:-bench/work/git-ai.git}
range=${REPORT_RANGE:-v1.6.0..v1.6.23}
tags=${REPORT_TAGS:-v1.6.*}
if [ ! -d "$repo" ]; then
  mkdir -p "$(dirname "$repo")"
  git clone -q --mirror https://github.com/git-ai-project/git-ai "$repo"
fi
echo "vigil: report benchmark on $repo ($(git -C "$repo" rev-list --count "$range") commits in $range," \
  "$(git -C "$repo" tag -l "$tags" | wc -l) tags matching $tags; $(nproc) cores)"
exec python3 bench/report_crosscheck.py .build/release/vigil "$repo" --range "$range" --by-tag "$tags" --show 30
