#!/usr/bin/env python3
"""Generates a synthetic repository for Vigil's benchmarks with `git fast-import`.

The history is deterministic (seeded), with a realistic mix: source files edited a few lines at a
time, some files added and deleted, every seventh commit carrying an AI tool's trailer, and now and
then a planted credential-shaped string, so the secrets rules have real work to do.

usage: make_repo.py PATH [COMMITS]
"""
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
    stream = "".join(out).encode()
    subprocess.run(["git", "-C", path, "fast-import", "--quiet"], input=stream, check=True)
    subprocess.run(["git", "-C", path, "repack", "-a", "-d", "-q"], check=True)


if __name__ == "__main__":
    main()
