#!/usr/bin/env python3
"""The daemon's benchmarks (issue 8), side by side in one run, on the release build.

  poll:     CPU of one poll cycle over N idle bare repositories watched through one glob, per
            repository, with inotify and without it; beside one `git for-each-ref` per repository
  memory:   the daemon's VmRSS and VmHWM while it watches them
  latency:  end of `git push` to the alert's line in the alert log, poll_interval "30s"
            (so only inotify can be fast), alone and beside the N idle repositories
  spawn:    `vigil scan-batch` answering a request with nothing new, beside `vigil version`

Cycles are observed, not assumed: every cycle expands the glob, which opens the repositories'
folder, and an inotify watch on that folder reports each open. CPU is read from /proc at each
open: utime+stime from /proc/PID/stat (clock ticks) over the window, and the sum of the threads'
/proc/PID/task/*/schedstat (nanoseconds) per cycle.

Usage: bench/daemon.py [--repos N] [--cycles N] [--interval D] [--pushes N] [--spawns N]
(VIGIL_BENCH_BINARY=path runs another build, such as .build/debug/vigil to try the script.)
Every daemon it starts is stopped on exit, whatever the exit.
"""
import argparse
import ctypes
import json
import os
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "bench", "work", "daemon")
VIGIL = os.environ.get("VIGIL_BENCH_BINARY", os.path.join(ROOT, ".build", "release", "vigil"))
AWS_KEY = "AKIAQYLPMN5HHHFPZAM2"
# A user id no account uses: the daemon runs as it without inotify (see `start_daemon`).
NO_INOTIFY_UID = 64_917
TICK = os.sysconf("SC_CLK_TCK")

libc = ctypes.CDLL(None, use_errno=True)
IN_OPEN = 0x20
IN_NONBLOCK = 0o4000

daemons = []


def stop_daemons():
    for process in daemons:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in daemons:
        try:
            process.wait(timeout=12)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    daemons.clear()


def on_signal(number, _frame):
    stop_daemons()
    sys.exit(128 + number)


def git(*args, cwd=None, env=None):
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)


GIT_ENV = dict(
    os.environ, GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.com",
    GIT_COMMITTER_NAME="Bench", GIT_COMMITTER_EMAIL="bench@example.com",
    GIT_CONFIG_NOSYSTEM="1", HOME=os.path.join(WORK, "home"))


# MARK: - Fixtures

def make_idle_repositories(count):
    """`count` copies of one bare repository: 3 packed branches and 2 packed tags (as after a gc),
    and 2 loose branches (pushed since)."""
    folder = os.path.join(WORK, f"idle-{count}")
    if os.path.isdir(folder) and len(os.listdir(folder)) == count:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    template = os.path.join(WORK, "idle-template.git")
    shutil.rmtree(template, ignore_errors=True)
    clone = os.path.join(WORK, "idle-template-work")
    shutil.rmtree(clone, ignore_errors=True)
    git("init", "-q", "--bare", template, env=GIT_ENV)
    git("init", "-q", "-b", "main", clone, env=GIT_ENV)
    for index in range(3):
        with open(os.path.join(clone, f"file{index}.txt"), "w") as handle:
            handle.write(f"content {index}\n")
        git("add", ".", cwd=clone, env=GIT_ENV)
        git("commit", "-q", "-m", f"Commit {index}", cwd=clone, env=GIT_ENV)
    git("tag", "v1", "HEAD~1", cwd=clone, env=GIT_ENV)
    git("tag", "v2", "HEAD", cwd=clone, env=GIT_ENV)
    git("branch", "release", "HEAD~1", cwd=clone, env=GIT_ENV)
    git("branch", "old", "HEAD~2", cwd=clone, env=GIT_ENV)
    git("push", "-q", template, "main", "release", "old", "v1", "v2", cwd=clone, env=GIT_ENV)
    git("--git-dir", template, "pack-refs", "--all", env=GIT_ENV)
    # Two loose branches besides, as a repository that received pushes after a gc has.
    for branch, rev in (("topic", "HEAD"), ("fix", "HEAD~1")):
        sha = subprocess.check_output(["git", "rev-parse", rev], cwd=clone, text=True).strip()
        git("--git-dir", template, "update-ref", f"refs/heads/{branch}", sha, env=GIT_ENV)
    shutil.rmtree(clone)
    # Old stamps: the copies keep them (`cp -a`), so no signature is within the racy window.
    past = time.time() - 3600
    for base, dirs, files in os.walk(template):
        for name in dirs + files:
            os.utime(os.path.join(base, name), (past, past), follow_symlinks=False)
    os.makedirs(folder)
    for index in range(count):
        subprocess.run(["cp", "-a", template, os.path.join(folder, f"r{index:04d}.git")], check=True)
    return folder


class PushedRepository:
    """A watched bare repository and the clone that pushes commits with an AWS key into it."""

    def __init__(self, name):
        self.bare = os.path.join(WORK, name + ".git")
        self.clone = os.path.join(WORK, name + "-work")
        for path in (self.bare, self.clone):
            shutil.rmtree(path, ignore_errors=True)
        git("init", "-q", "--bare", self.bare, env=GIT_ENV)
        git("init", "-q", "-b", "main", self.clone, env=GIT_ENV)
        git("remote", "add", "origin", self.bare, cwd=self.clone, env=GIT_ENV)
        self.count = 0
        self.commit_with_key("README.md", "app\n")
        self.push()

    def commit_with_key(self, name=None, text=None):
        self.count += 1
        name = name or f"config{self.count}.env"
        with open(os.path.join(self.clone, name), "w") as handle:
            handle.write(text or f'aws_access_key_id = "{AWS_KEY}"\n')
        git("add", name, cwd=self.clone, env=GIT_ENV)
        git("commit", "-q", "-m", f"Add {name}", cwd=self.clone, env=GIT_ENV)
        return subprocess.check_output(["git", "rev-parse", "HEAD"], cwd=self.clone, text=True).strip()

    def push(self):
        git("push", "-q", "origin", "HEAD:refs/heads/main", cwd=self.clone, env=GIT_ENV)

    def head(self):
        return subprocess.check_output(["git", "--git-dir", self.bare, "rev-parse", "main"], text=True).strip()


# MARK: - The daemon

def write_config(name, poll_interval, repos, owner=None):
    folder = os.path.join(WORK, "runs", name)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(os.path.join(folder, "state"))
    os.makedirs(os.path.join(folder, "log"))
    text = f'[daemon]\npoll_interval = "{poll_interval}"\nstate_dir = "{folder}/state"\n' \
           f'alert_log = "{folder}/log/alerts.jsonl"\n'
    for path, scope in repos:
        text += f'\n[[repos]]\npath = "{path}"\ninitial = "baseline"\nscope = "{scope}"\n'
    config = os.path.join(folder, "vigil.toml")
    with open(config, "w") as handle:
        handle.write(text)
    if owner is not None:
        for base, dirs, files in os.walk(folder):
            for entry in [base] + [os.path.join(base, name) for name in files]:
                os.chown(entry, owner, owner)
    return folder, config, text


def exhaust_inotify_instances():
    """Runs in the daemon's process before exec, as the unused user: takes every inotify instance
    that user may have (fs.inotify.max_user_instances is per user), so the daemon's own
    inotify_init1 fails with EMFILE and it polls only. No other user is affected."""
    libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: never outlive the harness
    os.setgroups([])
    os.setgid(NO_INOTIFY_UID)
    os.setuid(NO_INOTIFY_UID)
    while libc.inotify_init1(0) >= 0:
        pass


def die_with_parent():
    libc.prctl(1, signal.SIGKILL)


def start_daemon(folder, config, inotify=True):
    stderr = open(os.path.join(folder, "daemon.stderr"), "w")
    process = subprocess.Popen(
        [VIGIL, "run", "--config", config], stdin=subprocess.DEVNULL, stdout=stderr, stderr=stderr,
        preexec_fn=die_with_parent if inotify else exhaust_inotify_instances, close_fds=inotify)
    daemons.append(process)
    deadline = time.time() + 300
    while time.time() < deadline:
        with open(stderr.name) as handle:
            text = handle.read()
        if '"ready"' in text or " ready" in text:
            return process, stderr.name
        if process.poll() is not None:
            sys.exit(f"bench: the daemon exited ({process.returncode}):\n{text}")
        time.sleep(0.05)
    sys.exit("bench: the daemon was not ready within 300 s")


def stop_daemon(process):
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=15)
    daemons.remove(process)


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)


def cpu_ns(pid):
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as handle:
                total += int(handle.read().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total


def memory(pid):
    values = {}
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(value.split()[0]) / 1024  # kB -> MiB
    return values


class FolderOpens:
    """Reports each open of one folder (the glob's expansion: one per poll cycle)."""

    def __init__(self, folder):
        self.fd = libc.inotify_init1(0)
        if self.fd < 0 or libc.inotify_add_watch(self.fd, folder.encode(), IN_OPEN) < 0:
            sys.exit("bench: inotify on the repositories' folder failed")

    def wait(self):
        data = os.read(self.fd, 4096)
        # Several opens in one read would be several cycles; count them.
        count, offset = 0, 0
        while offset < len(data):
            _, mask, _, length = struct.unpack_from("iIII", data, offset)
            offset += 16 + length
            if mask & IN_OPEN:
                count += 1
        return count

    def close(self):
        os.close(self.fd)


def measure_cycles(process, folder, cycles, touch_all=None):
    """CPU per cycle over `cycles` consecutive cycles, read at the start of each."""
    # Listed before the watch starts: this harness's own open of the folder would count as a cycle.
    names = os.listdir(folder)
    opens = FolderOpens(folder)
    opens.wait()  # align on a cycle start
    start_ticks, start_ns, start = cpu_ticks(process.pid), cpu_ns(process.pid), time.monotonic()
    per_cycle, seen, last = [], 0, start_ns
    while seen < cycles:
        seen += opens.wait()
        now = cpu_ns(process.pid)
        per_cycle.append(now - last)
        last = now
    end_ticks, end = cpu_ticks(process.pid), time.monotonic()
    full_read = None
    if touch_all:
        # Every repository's refs/heads folder gets a new (non-racy) stamp: the next cycle reads
        # every repository, as a safety-net read does.
        past = time.time() - 60
        for name in names:
            os.utime(os.path.join(folder, name, "refs", "heads"), (past, past))
        opens.wait()
        before = cpu_ns(process.pid)
        opens.wait()
        full_read = cpu_ns(process.pid) - before
    opens.close()
    return {
        "cycles": seen, "seconds": end - start,
        "cpu_s": (end_ticks - start_ticks) / TICK,
        "per_cycle_ns": per_cycle, "full_read_cycle_ns": full_read,
    }


def for_each_ref(folder):
    repos = sorted(os.path.join(folder, name) for name in os.listdir(folder))
    before = os.times()
    for repo in repos:
        subprocess.run(["git", "--git-dir", repo, "for-each-ref"], stdout=subprocess.DEVNULL, check=True)
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return cpu, len(repos)


# MARK: - Latency

class LogFollower:
    def __init__(self, path):
        self.path, self.offset, self.partial = path, 0, b""

    def commits(self):
        try:
            with open(self.path, "rb") as handle:
                handle.seek(self.offset)
                data = handle.read()
        except FileNotFoundError:
            return []
        self.offset += len(data)
        data = self.partial + data
        lines = data.split(b"\n")
        self.partial = lines.pop()
        found = []
        for line in lines:
            try:
                found.append(json.loads(line).get("commit"))
            except ValueError:
                pass
        return found


def measure_latency(pushed, log, pushes):
    follower = LogFollower(log)
    follower.commits()
    latencies = []
    for _ in range(pushes):
        commit = pushed.commit_with_key()
        pushed.push()
        pushed_at = time.monotonic()
        deadline = pushed_at + 60
        while True:
            if commit in follower.commits():
                latencies.append(time.monotonic() - pushed_at)
                break
            if time.monotonic() > deadline:
                sys.exit(f"bench: no log line for {commit} within 60 s")
            time.sleep(0.002)
    return latencies


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


# MARK: - Spawn

def measure_spawns(pushed, config_text, config, spawns):
    head = pushed.head()
    request = json.dumps({
        "repository": os.path.realpath(pushed.bare), "tips": [{"name": "refs/heads/main", "target": head}],
        "seen": [head], "moved": [], "deleted": [], "limit": 1000, "workers": 1, "config": config_text,
    }).encode()
    commands = {
        "scan-batch": ([VIGIL, "scan-batch", "--config", config, "--memory-limit", "0"], request),
        "version": ([VIGIL, "version"], b""),
        "true": (["/bin/true"], b""),
    }
    output = subprocess.run(commands["scan-batch"][0], input=request, capture_output=True, check=True).stdout
    records = [json.loads(line) for line in output.splitlines()]
    results = {name: {"wall": [], "cpu": 0.0} for name in commands}
    for round_index in range(spawns):
        order = list(commands) if round_index % 2 == 0 else list(reversed(commands))
        for name in order:
            argv, stdin = commands[name]
            before, start = os.times(), time.monotonic()
            subprocess.run(argv, input=stdin, stdout=subprocess.DEVNULL, check=True)
            end, after = time.monotonic(), os.times()
            results[name]["wall"].append(end - start)
            results[name]["cpu"] += (after.children_user - before.children_user) \
                + (after.children_system - before.children_system)
    return results, records, request


# MARK: - Main

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repos", type=int, default=1000)
    parser.add_argument("--cycles", type=int, default=120)
    parser.add_argument("--interval", default="250ms")
    parser.add_argument("--pushes", type=int, default=100)
    parser.add_argument("--spawns", type=int, default=100)
    args = parser.parse_args()
    if not os.access(VIGIL, os.X_OK):
        sys.exit(f"bench: {VIGIL} not found: `make release` first")
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    os.makedirs(os.path.join(WORK, "home"), exist_ok=True)
    try:
        run(args)
    finally:
        stop_daemons()


def run(args):
    idle = make_idle_repositories(args.repos)
    glob = os.path.join(idle, "*.git")
    repos = args.repos
    report = {}

    print(f"poll: {repos} idle repositories, poll_interval {args.interval}, {args.cycles} cycles", flush=True)
    folder, config, _ = write_config("poll-inotify", args.interval, [(glob, "ai")])
    process, _ = start_daemon(folder, config)
    poll = measure_cycles(process, idle, args.cycles, touch_all=True)
    report["poll-inotify"] = (poll, memory(process.pid))
    stop_daemon(process)

    git_cpu, git_repos = for_each_ref(idle)

    can_drop_inotify = os.geteuid() == 0
    if can_drop_inotify:
        folder, config, _ = write_config("poll-no-inotify", args.interval, [(glob, "ai")], owner=NO_INOTIFY_UID)
        process, stderr = start_daemon(folder, config, inotify=False)
        with open(stderr) as handle:
            if "inotify unavailable" not in handle.read():
                sys.exit("bench: the daemon without inotify did not say it polls only")
        poll = measure_cycles(process, idle, args.cycles)
        report["poll-no-inotify"] = (poll, memory(process.pid))
        stop_daemon(process)

    print(f"\n{'poll cycle':<26} {'cycles':>6} {'period':>7} {'CPU/cycle':>10} {'µs/repo':>8} {'ratio':>6}"
          f" {'p50 cycle':>9} {'max cycle':>9} {'VmRSS':>8} {'VmHWM':>8}")
    git_per_repo = git_cpu / git_repos * 1e6
    for name, (poll, mem) in report.items():
        per_cycle = poll["cpu_s"] / poll["cycles"]
        per_repo = per_cycle / repos * 1e6
        samples = [value / 1e6 for value in poll["per_cycle_ns"][1:]]
        print(f"{name:<26} {poll['cycles']:>6} {poll['seconds'] / poll['cycles'] * 1e3:>5.0f}ms {per_cycle * 1e3:>8.2f}ms {per_repo:>8.1f}"
              f" {per_repo / git_per_repo:>6.3f} {statistics.median(samples):>7.2f}ms {max(samples):>7.2f}ms"
              f" {mem['VmRSS']:>6.1f}Mi {mem['VmHWM']:>6.1f}Mi")
        if poll["full_read_cycle_ns"]:
            full = poll["full_read_cycle_ns"] / 1e9
            print(f"{'  cycle reading every repo':<26} {1:>6} {'':>7} {full * 1e3:>8.2f}ms {full / repos * 1e6:>8.1f}")
    print(f"{'git for-each-ref, each':<26} {git_repos:>6} {'':>7} {git_cpu * 1e3:>8.0f}ms {git_per_repo:>8.1f} {1:>6.3f}")
    if not can_drop_inotify:
        print("poll without inotify: skipped (needs root to run the daemon as an unused user)")

    pushed = PushedRepository("latency")
    print(f"\nlatency: end of `git push` to the alert's log line, poll_interval 30s, {args.pushes} pushes", flush=True)
    print(f"{'watched':<26} {'p50':>8} {'p90':>8} {'p99':>8} {'max':>8}")
    config_text, config = None, None
    for name, repos_list in (
        ("1 repository", [(pushed.bare, "all")]),
        (f"1 + {repos} idle", [(pushed.bare, "all"), (glob, "ai")]),
    ):
        folder, config, config_text = write_config("latency-" + name.replace(" ", "-"), "30s", repos_list)
        process, _ = start_daemon(folder, config)
        latencies = measure_latency(pushed, os.path.join(folder, "log", "alerts.jsonl"), args.pushes)
        mem = memory(process.pid)
        stop_daemon(process)
        print(f"{name:<26} " + " ".join(f"{percentile(latencies, q) * 1e3:>6.0f}ms" for q in (0.5, 0.9, 0.99))
              + f" {max(latencies) * 1e3:>6.0f}ms   (VmRSS {mem['VmRSS']:.1f} MiB, VmHWM {mem['VmHWM']:.1f} MiB)",
              flush=True)

    results, records, request = measure_spawns(pushed, config_text, config, args.spawns)
    kinds = [str(record.get("kind")) for record in records]
    print(f"\nspawn: {args.spawns} runs each, alternating; scan-batch answered: {', '.join(kinds)}")
    print(f"{'command':<26} {'p50 wall':>9} {'mean wall':>9} {'CPU each':>9}")
    for name, result in results.items():
        print(f"{name:<26} {statistics.median(result['wall']) * 1e3:>7.1f}ms"
              f" {statistics.mean(result['wall']) * 1e3:>7.1f}ms {result['cpu'] / args.spawns * 1e3:>7.1f}ms")
    if shutil.which("perf"):
        profile_spawns(request, config)


def profile_spawns(request, config, runs=30):
    """Where a spawn's CPU goes: `perf record` (software clock) over `runs` scan-batch spawns."""
    data = os.path.join(WORK, "spawn.perf")
    request_file = os.path.join(WORK, "spawn-request.json")
    with open(request_file, "wb") as handle:
        handle.write(request)
    loop = f'for i in $(seq {runs}); do "$0" scan-batch --config "$1" --memory-limit 0 < "$2" > /dev/null; done'
    recorded = subprocess.run(
        ["perf", "record", "-q", "-e", "cpu-clock", "-F", "4000", "-g", "-o", data, "--",
         "sh", "-c", loop, VIGIL, config, request_file], capture_output=True)
    if recorded.returncode != 0:
        print("spawn profile: perf record failed; skipped")
        return
    for sort, top in (("dso", 8), ("sym", 20)):
        report = subprocess.run(
            ["perf", "report", "-i", data, "--no-children", "--sort", sort, "--stdio", "-g", "none",
             "--percent-limit", "0.5", "--comm", "vigil"], capture_output=True, text=True).stdout
        rows = [line for line in report.splitlines() if line.strip() and not line.startswith("#")][:top]
        print(f"\nspawn profile, {runs} scan-batch runs, by {sort} (share of the child's CPU samples):")
        print("\n".join(row[:140] for row in rows))


if __name__ == "__main__":
    main()
