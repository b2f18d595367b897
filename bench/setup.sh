# Sourced by bench/run.sh and bench/jit.sh after `cd` to the checkout, with $commits set: the
# generated repository ($repo, made once per size), the release binary ($vigil) and a config that
# loads gitleaks' default rules ($work/bench.toml), so both benchmarks scan exactly alike.
work=bench/work
repo=$work/repo-$commits
vigil=.build/release/vigil
rules=Tests/Fixtures/gitleaks-default.toml
mkdir -p "$work"
if [ ! -d "$repo" ]; then
    echo "generating a $commits-commit repository in $repo"
    python3 bench/make_repo.py "$repo" "$commits"
fi
[ -f "$rules" ] || { echo "bench: $rules not found (vendored under Tests/Fixtures)" >&2; exit 2; }
cat > "$work/bench.toml" <<TOML
[checks.secrets]
rules = "$(cd "$(dirname "$rules")" && pwd)/$(basename "$rules")"
TOML
