#!/usr/bin/env python3
"""Cross-checks and times `vigil report` against `git blame --line-porcelain -M -C A..B -- FILE`.

For one range A..B (and, with --by-tag, for every consecutive pair of tags matching a pattern in
version order, as `vigil report --by-tag` pairs them), every file that differs between A and B and
exists at B is blamed by git, one process per file, as a shell loop would; git's count of lines
not marked `boundary` is compared with the `lines` vigil reports for that file. Then the same work
is timed three ways in one run: vigil's own blame, vigil with libgit2's blame (`--blame libgit2`),
and the shell loop. Prints per-file differences and the figures for bench/RESULTS.md.

    bench/report_crosscheck.py VIGIL REPO --range A..B [--by-tag PATTERN] [--show N]
"""
import argparse
import json
import subprocess
import sys
import time


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True).stdout


def changed_files(repo, a, b):
    out = git(repo, "diff", "--no-renames", "--name-only", "-z", "--diff-filter=AMT", a, b)
    return [p.decode("utf-8", "surrogateescape") for p in out.split(b"\0") if p]


def git_blame_counts(repo, a, b, files):
    """Lines of each file at B that git blame -M -C A..B puts on a commit inside the range."""
    counts = {}
    for path in files:
        out = subprocess.run(
            ["git", "-C", repo, "blame", "--line-porcelain", "-M", "-C", f"{a}..{b}", "--", path],
            capture_output=True).stdout
        total = 0
        boundary = 0
        in_header = False
        for line in out.split(b"\n"):
            if line.startswith(b"\t"):
                total += 1
                in_header = False
            elif line == b"boundary":
                boundary += 1
        counts[path] = total - boundary
    return counts


def shell_loop_seconds(repo, pairs):
    """The loop a team would write: one git blame per file and range, output to /dev/null."""
    script = "".join(
        f"for f in {' '.join(sh_quote(p) for p in files)}; do "
        f"git -C {sh_quote(repo)} blame --line-porcelain -M -C {sh_quote(a + '..' + b)} -- \"$f\" >/dev/null; done\n"
        for a, b, files in pairs if files)
    start = time.monotonic()
    subprocess.run(["bash", "-c", script], check=True)
    return time.monotonic() - start


def sh_quote(text):
    return "'" + text.replace("'", "'\\''") + "'"


def vigil_json(vigil, repo, selection, engine="vigil"):
    start = time.monotonic()
    run = subprocess.run(
        [vigil, "report", repo, *selection, "--format", "json", "--blame", engine, "--paths", "**"],
        capture_output=True)
    seconds = time.monotonic() - start
    if run.returncode not in (0, 3):
        sys.exit(f"vigil report failed ({run.returncode}): {run.stderr.decode()}")
    records = [json.loads(line) for line in run.stdout.decode().splitlines() if line]
    return seconds, [r for r in records if r["kind"] == "release"]


def compare(release, git_counts, show):
    vigil_counts = {f["path"]: f["lines"] for f in release["by_file"]}
    skipped = {s["path"] for s in release["skipped"]}
    differences = []
    for path in sorted(set(git_counts) | set(vigil_counts)):
        if path in skipped:
            continue
        g = git_counts.get(path, 0)
        v = vigil_counts.get(path, 0)
        if g != v:
            differences.append((path, g, v))
    equal = sum(1 for p in git_counts if p not in skipped) - len(differences)
    print(f"  {release['from']}..{release['to']}: {len(git_counts)} files, {equal} equal, "
          f"{len(differences)} differ; lines git {sum(g for p, g in git_counts.items() if p not in skipped)} "
          f"vigil {sum(vigil_counts.values())}; skipped {len(skipped)}")
    for path, g, v in differences[:show]:
        print(f"    {path}: git {g}, vigil {v}")
    return len(differences)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("vigil")
    parser.add_argument("repo")
    parser.add_argument("--range", required=True)
    parser.add_argument("--by-tag")
    parser.add_argument("--show", type=int, default=20)
    args = parser.parse_args()
    a, b = args.range.split("..")

    print(f"range {args.range}")
    files = changed_files(args.repo, a, b)
    seconds_vigil, releases = vigil_json(args.vigil, args.repo, ["--range", args.range])
    seconds_libgit2, _ = vigil_json(args.vigil, args.repo, ["--range", args.range], engine="libgit2")
    seconds_loop = shell_loop_seconds(args.repo, [(a, b, files)])
    compare(releases[0], git_blame_counts(args.repo, a, b, files), args.show)
    print(f"  files {len(files)}; vigil {seconds_vigil:.2f} s, vigil --blame libgit2 {seconds_libgit2:.2f} s, "
          f"git blame loop {seconds_loop:.2f} s; loop/vigil {seconds_loop / seconds_vigil:.1f}x, "
          f"libgit2/vigil {seconds_libgit2 / seconds_vigil:.1f}x")

    if args.by_tag:
        print(f"by tag {args.by_tag}")
        seconds_vigil, releases = vigil_json(args.vigil, args.repo, ["--by-tag", args.by_tag])
        pairs = [(r["from"], r["to"], changed_files(args.repo, r["from"], r["to"])) for r in releases]
        seconds_loop = shell_loop_seconds(args.repo, pairs)
        differing = 0
        for release, (a, b, files) in zip(releases, pairs):
            differing += compare(release, git_blame_counts(args.repo, a, b, files), args.show)
        total_files = sum(len(p[2]) for p in pairs)
        print(f"  {len(releases)} releases, {total_files} file blames; vigil {seconds_vigil:.2f} s, "
              f"git blame loop {seconds_loop:.2f} s; loop/vigil {seconds_loop / seconds_vigil:.1f}x; "
              f"{differing} files differ")


if __name__ == "__main__":
    main()
