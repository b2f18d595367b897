#!/usr/bin/env python3
"""Generates a synthetic repository for Vigil's benchmarks with `git fast-import`.

The history is deterministic (seeded), with a realistic mix: source files edited a few lines at a
time, some files added and deleted, every seventh commit carrying an AI tool's trailer, and now and
then a planted credential-shaped string, so the secrets rules have real work to do.

With LAYOUT `packed` (the default) the repository is fully repacked, one pack. With `pushed` it
looks like a repository that receives pushes: history in several packs (one per fast-import run, as
one per push), and the newest commits' objects loose (as git receives pushes under
`transfer.unpackLimit`), so that packed objects share fan-out folders with loose ones.

usage: make_repo.py PATH [COMMITS] [LAYOUT]
"""
import glob
import os
import random
import subprocess
import sys

AI_TRAILERS = [
    "Co-Authored-By: Claude Sonnet 4.5 <noreply@anthropic.com>",
    "Co-authored-by: aider (gpt-4o) <aider@aider.chat>",
    "Co-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>",
    "Co-authored-by: Codex <noreply@openai.com>",
]
WORDS = ("value count index buffer result config token handler request response client server "
         "session user order item price total parse render update delete create fetch store").split()


def line(rng):
    kind = rng.random()
    a, b, c = rng.choice(WORDS), rng.choice(WORDS), rng.choice(WORDS)
    if kind < 0.002:
        key = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16))
        return f'    aws_access_key_id = "AKIA{key}"'
    if kind < 0.004:
        return f'    password = "{rng.getrandbits(64):x}{rng.getrandbits(64):x}"'
    if kind < 0.3:
        return f"    let {a}{b.capitalize()} = {c}({rng.randint(0, 9999)})"
    if kind < 0.5:
        return f"    if {a} > {rng.randint(0, 100)} {{ return {b}.{c}() }}"
    if kind < 0.7:
        return f"    // {a} {b} {c}: keep the {a} in step with the {c}"
    return f"    {a}.{b}({c}, {rng.randint(0, 500)})"


def main():
    path = sys.argv[1]
    commits = int(sys.argv[2]) if len(sys.argv) > 2 else 12000
    rng = random.Random(20261129)
    os.makedirs(path, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", path], check=True)
    files = {}
    out = []
    mark = 0
    when = 1_700_000_000
    for n in range(commits):
        mark += 1
        when += 600
        changes = []
        for _ in range(rng.randint(1, 4)):
            if not files or rng.random() < 0.08:
                name = f"src/{rng.choice(WORDS)}/{rng.choice(WORDS)}_{n}.swift"
                files[name] = [line(rng) for _ in range(rng.randint(20, 120))]
            else:
                name = rng.choice(sorted(files))
                body = files[name]
                for _ in range(rng.randint(1, 8)):
                    at = rng.randint(0, len(body))
                    if body and rng.random() < 0.35:
                        del body[min(at, len(body) - 1)]
                    else:
                        body.insert(at, line(rng))
            changes.append(name)
        if len(files) > 40 and rng.random() < 0.03:
            victim = rng.choice(sorted(files))
            del files[victim]
            changes.append(("D", victim))
        ai = n % 7 == 3
        message = f"Update {rng.choice(WORDS)} handling ({n})\n\nAdjusts the {rng.choice(WORDS)} path.\n"
        if ai:
            message += "\n" + AI_TRAILERS[n % len(AI_TRAILERS)] + "\n"
        data = message.encode()
        out.append(f"commit refs/heads/main\nmark :{mark}\n")
        out.append(f"author Dana Developer <dana@example.com> {when} +0000\n")
        out.append(f"committer Dana Developer <dana@example.com> {when} +0000\n")
        out.append(f"data {len(data)}\n{message}\n")
        for change in changes:
            if isinstance(change, tuple):
                out.append(f"D {change[1]}\n")
            elif change in files:
                content = ("\n".join(files[change]) + "\n").encode()
                out.append(f"M 100644 inline {change}\ndata {len(content)}\n")
                out.append(content.decode() + "\n")
        out.append("\n")
    layout = sys.argv[3] if len(sys.argv) > 3 else "packed"
    if layout == "packed":
        stream = "".join(out).encode()
        subprocess.run(["git", "-C", path, "fast-import", "--quiet"], input=stream, check=True)
        subprocess.run(["git", "-C", path, "repack", "-a", "-d", "-q"], check=True)
        return
    # One fast-import run per "push": seven packs, then the last 5% of commits unpacked loose.
    starts = [i for i, part in enumerate(out) if part.startswith("commit ")]
    loose_from = max(1, commits - max(1, commits // 20))
    bounds = [commits * k // 7 for k in range(7)] + [loose_from, commits]
    bounds = sorted(set(b for b in bounds if b <= loose_from)) + [commits]
    for first, last in zip(bounds, bounds[1:]):
        begin = starts[first]
        end = starts[last] if last < commits else len(out)
        parts = out[begin:end]
        if first > 0:
            # The first commit of a later run continues the branch (marks do not carry over).
            header_end = next(i for i, part in enumerate(parts) if part.startswith("data "))
            parts = parts[:header_end + 1] + ["from refs/heads/main^0\n"] + parts[header_end + 1:]
        before = set(glob.glob(os.path.join(path, ".git/objects/pack/*.pack")))
        subprocess.run(["git", "-C", path, "fast-import", "--quiet"], input="".join(parts).encode(), check=True)
        if first == loose_from:
            for pack in set(glob.glob(os.path.join(path, ".git/objects/pack/*.pack"))) - before:
                with open(pack, "rb") as data:
                    content = data.read()
                os.remove(pack)
                os.remove(pack[:-5] + ".idx")
                subprocess.run(["git", "-C", path, "unpack-objects", "-q"], input=content, check=True)


if __name__ == "__main__":
    main()
