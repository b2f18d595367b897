# Vigil: `make run` and `make test` are the two set-up commands (README.md).
SWIFT        ?= swift
REPO         ?= $(CURDIR)
PREFIX       ?= /usr/local
APT_PACKAGES := libgit2-dev libpcre2-dev libsqlite3-dev pkg-config git

.PHONY: all deps build release run test test-deps fuzz bench bench-rescan bench-daemon install clean

all: build

# Installs the Debian packages Vigil builds against, only when one is missing.
deps:
	@missing=""; \
	for package in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "vigil: installing missing packages:$$missing"; \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  $$sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Starts the daemon in the foreground watching REPO (default: this checkout), with its config, queue
# and alert log under ./.vigil/. The first sight of REPO checks its newest 100 commits; after that,
# every commit that arrives. Ctrl-C stops it.
# REPO and the state folder reach the shell as environment variables, not as text spliced into the
# command, so a path with quotes or spaces cannot break the recipe; in the TOML they are escaped.
STATE := $(CURDIR)/.vigil
run: export VIGIL_RUN_REPO := $(REPO)
run: export VIGIL_RUN_STATE := $(STATE)
run: release
	@mkdir -p "$$VIGIL_RUN_STATE"
	@repo=$$(printf '%s' "$$VIGIL_RUN_REPO" | sed 's/\\/\\\\/g; s/"/\\"/g'); \
	state=$$(printf '%s' "$$VIGIL_RUN_STATE" | sed 's/\\/\\\\/g; s/"/\\"/g'); \
	printf '# Written by `make run`.\n[daemon]\npoll_interval = "5s"\nstate_dir = "%s"\nalert_log = "%s/alerts.jsonl"\n\n[[repos]]\npath = "%s"\ninitial = "last:100"\n' \
	  "$$state" "$$state" "$$repo" > "$$VIGIL_RUN_STATE/vigil.toml"
	@echo "vigil: watching $$VIGIL_RUN_REPO"
	@echo "vigil: alerts are logged to $$VIGIL_RUN_STATE/alerts.jsonl and queued in $$VIGIL_RUN_STATE/queue.sqlite"
	@echo "vigil: follow them with:  .build/release/vigil tail --follow --config .vigil/vigil.toml"
	@echo "vigil: list the queue with: .build/release/vigil queue list --config .vigil/vigil.toml"
	.build/release/vigil run --config "$$VIGIL_RUN_STATE/vigil.toml"

# The SARIF tests validate against the OASIS schema (vendored in Tests/Fixtures) with Debian's
# python3-jsonschema, installed by apt when missing: never pip, since Debian's Python is externally
# managed (PEP 668) and may have no pip at all.
test-deps: deps
	@/usr/bin/python3 -c 'import jsonschema' 2>/dev/null || { \
	  echo "vigil: installing missing package: python3-jsonschema"; \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  $$sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q python3-jsonschema; }

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The fuzz loops (test suites named Fuzz*: damaged packs and indexes, delta application, reference
# files, config) at FUZZ_SCALE times their share in `make test`, built with AddressSanitizer in a
# build folder of their own (.build/asan), so that an out-of-bounds read fails the run even where
# it would not crash. A new seed each run unless VIGIL_FUZZ_SEED is set; the seed is printed first:
# a crash kills the test process before any test can report it, and the seed is what replays the run.
FUZZ_SCALE ?= 50
FUZZ_BUILD := --sanitize=address --scratch-path .build/asan
fuzz: test-deps
	$(SWIFT) build --build-tests $(FUZZ_BUILD)
	@seed=$${VIGIL_FUZZ_SEED:-$$(date +%s)}; \
	echo "vigil: fuzzing under AddressSanitizer at $(FUZZ_SCALE)x their make-test share, VIGIL_FUZZ_SEED=$$seed"; \
	VIGIL_FUZZ_SCALE=$(FUZZ_SCALE) VIGIL_FUZZ_SEED=$$seed ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
	  $(SWIFT) test --skip-build $(FUZZ_BUILD) --filter Fuzz

# The benchmarks (bench/RESULTS.md): the rescan against git's own diff, then the daemon's poll cost,
# memory, push-to-log latency and scan child spawn. Never part of `make test`.
bench: bench-rescan bench-daemon

bench-rescan: release
	bench/run.sh

bench-daemon: release
	python3 bench/daemon.py

install: release
	install -D -m 0755 .build/release/vigil $(DESTDIR)$(PREFIX)/bin/vigil
	install -D -m 0644 config/vigil.toml $(DESTDIR)/etc/vigil/vigil.toml.example

clean:
	rm -rf .build .vigil
