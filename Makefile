# Vigil: `make run` and `make test` are the two set-up commands (README.md).
SWIFT        ?= swift
REPO         ?= $(CURDIR)
PREFIX       ?= /usr/local
APT_PACKAGES := libgit2-dev libpcre2-dev libsqlite3-dev pkg-config git

.PHONY: all deps build release run test test-deps fuzz bench bench-rescan bench-daemon bench-jit bench-report install \
	uninstall docs verify-units manual-tool clean

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
	$(MAKE) --no-print-directory manual-tool verify-units MANUAL_CONFIG=debug VIGIL_BIN=$$($(SWIFT) build --show-bin-path)/vigil
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
# memory, push-to-log latency and scan child spawn, the JIT against the interpreter, then the report
# against git blame. Never part of `make test`.
bench: bench-rescan bench-daemon bench-jit bench-report

bench-rescan: release
	bench/run.sh

bench-daemon: release
	python3 bench/daemon.py

# PCRE2's JIT against its interpreter (what MemoryDenyWriteExecute=yes leaves) on a full rescan.
bench-jit: release
	bench/jit.sh

# `make install` (PREFIX, DESTDIR): the binary, the systemd units, the sysusers and tmpfiles
# snippets, the config as /etc/vigil/vigil.toml (only when there is none: an edited config is never
# overwritten; this version's default is always /etc/vigil/vigil.toml.example), the logrotate
# snippet, the man page and shell completions. `make uninstall` removes them again, and the config
# only when it is unedited; never the queue (/var/lib/vigil) or the alert log (/var/log/vigil).
# VIGIL_BIN installs an already-built binary instead of building the release one.
BINDIR      ?= $(PREFIX)/bin
SYSCONFDIR  ?= /etc
UNITDIR     ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
TMPFILESDIR ?= $(PREFIX)/lib/tmpfiles.d
MANDIR      ?= $(PREFIX)/share/man
BASHDIR     ?= $(PREFIX)/share/bash-completion/completions
ZSHDIR      ?= $(PREFIX)/share/zsh/site-functions
FISHDIR     ?= $(PREFIX)/share/fish/vendor_completions.d
VIGIL_BIN   ?=
INSTALL_BIN  = $(or $(VIGIL_BIN),.build/release/vigil)
UNITS       := vigil.service vigil-rescan@.service vigil-rescan-all.service vigil-rescan-all.timer
DOCS_DIR    := .build/vigil-docs
# swift-argument-parser's generate-manual, built by its GenerateManual plugin (offline, from the
# checkout SwiftPM already has) in MANUAL_CONFIG's folder; whichever build has one is used.
MANUAL_CONFIG ?= release
MANUAL_TOOLS  := .build/release/generate-manual-tool .build/debug/generate-manual-tool

manual-tool:
	@for tool in $(MANUAL_TOOLS); do [ -x $$tool ] && exit 0; done; \
	$(SWIFT) package plugin generate-manual --configuration $(MANUAL_CONFIG) >/dev/null

# The man page and completions, generated from the binary being installed.
docs: manual-tool
	@rm -rf $(DOCS_DIR) && mkdir -p $(DOCS_DIR)/man
	@for tool in $(MANUAL_TOOLS); do [ -x $$tool ] && break; done; \
	echo "$$tool $(INSTALL_BIN) --section 1 --output-directory $(DOCS_DIR)/man"; \
	$$tool $(INSTALL_BIN) --section 1 --output-directory $(DOCS_DIR)/man
	$(INSTALL_BIN) --generate-completion-script bash > $(DOCS_DIR)/vigil.bash
	$(INSTALL_BIN) --generate-completion-script zsh > $(DOCS_DIR)/_vigil
	$(INSTALL_BIN) --generate-completion-script fish > $(DOCS_DIR)/vigil.fish

install: $(if $(VIGIL_BIN),,release)
	$(MAKE) --no-print-directory docs VIGIL_BIN=$(INSTALL_BIN)
	install -D -m 0755 $(INSTALL_BIN) $(DESTDIR)$(BINDIR)/vigil
	@for unit in $(UNITS); do \
	  sed 's|@bindir@|$(BINDIR)|g' systemd/$$unit > $(DOCS_DIR)/$$unit && \
	  install -D -m 0644 $(DOCS_DIR)/$$unit $(DESTDIR)$(UNITDIR)/$$unit || exit 1; \
	done
	install -D -m 0644 systemd/vigil.sysusers $(DESTDIR)$(SYSUSERSDIR)/vigil.conf
	install -D -m 0644 systemd/vigil.tmpfiles $(DESTDIR)$(TMPFILESDIR)/vigil.conf
	install -D -m 0644 config/vigil.logrotate $(DESTDIR)$(SYSCONFDIR)/logrotate.d/vigil
	install -D -m 0644 config/vigil.toml $(DESTDIR)$(SYSCONFDIR)/vigil/vigil.toml.example
	@if [ -e $(DESTDIR)$(SYSCONFDIR)/vigil/vigil.toml ]; then \
	  echo "vigil: keeping $(DESTDIR)$(SYSCONFDIR)/vigil/vigil.toml (this version's default: vigil.toml.example)"; \
	else \
	  install -m 0644 config/vigil.toml $(DESTDIR)$(SYSCONFDIR)/vigil/vigil.toml; \
	fi
	install -D -m 0644 $(DOCS_DIR)/man/vigil.1 $(DESTDIR)$(MANDIR)/man1/vigil.1
	install -D -m 0644 $(DOCS_DIR)/vigil.bash $(DESTDIR)$(BASHDIR)/vigil
	install -D -m 0644 $(DOCS_DIR)/_vigil $(DESTDIR)$(ZSHDIR)/_vigil
	install -D -m 0644 $(DOCS_DIR)/vigil.fish $(DESTDIR)$(FISHDIR)/vigil.fish
	@# Installing into this system as root: create the user and folders, and tell systemd.
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" -eq 0 ]; then \
	  if command -v systemd-sysusers >/dev/null; then systemd-sysusers $(SYSUSERSDIR)/vigil.conf; fi; \
	  if command -v systemd-tmpfiles >/dev/null; then systemd-tmpfiles --create $(TMPFILESDIR)/vigil.conf; fi; \
	  if [ -d /run/systemd/system ]; then systemctl daemon-reload; fi; \
	fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/vigil
	rm -f $(addprefix $(DESTDIR)$(UNITDIR)/,$(UNITS))
	rm -f $(DESTDIR)$(SYSUSERSDIR)/vigil.conf $(DESTDIR)$(TMPFILESDIR)/vigil.conf
	rm -f $(DESTDIR)$(SYSCONFDIR)/logrotate.d/vigil
	rm -f $(DESTDIR)$(MANDIR)/man1/vigil.1 $(DESTDIR)$(BASHDIR)/vigil $(DESTDIR)$(ZSHDIR)/_vigil \
	  $(DESTDIR)$(FISHDIR)/vigil.fish
	@if cmp -s config/vigil.toml $(DESTDIR)$(SYSCONFDIR)/vigil/vigil.toml; then \
	  rm -f $(DESTDIR)$(SYSCONFDIR)/vigil/vigil.toml; \
	elif [ -e $(DESTDIR)$(SYSCONFDIR)/vigil/vigil.toml ]; then \
	  echo "vigil: keeping the edited $(DESTDIR)$(SYSCONFDIR)/vigil/vigil.toml"; \
	fi
	rm -f $(DESTDIR)$(SYSCONFDIR)/vigil/vigil.toml.example
	-rmdir $(DESTDIR)$(SYSCONFDIR)/vigil 2>/dev/null
	@echo "vigil: the queue (/var/lib/vigil) and the alert log (/var/log/vigil) are kept"
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ] && [ "$$(id -u)" -eq 0 ]; then systemctl daemon-reload; fi

# `systemd-analyze verify` on every unit (Debian's systemd package is installed when missing),
# with @bindir@ pointing at the binary being installed so that verify finds it; any message fails.
# Then the exposure score of vigil.service (`systemd-analyze security --offline=yes`).
verify-units:
	@command -v systemd-analyze >/dev/null || { \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  $$sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q systemd; }
	@units=$$(mktemp -d) && trap 'rm -rf "$$units"' EXIT && \
	bindir=$$(cd "$$(dirname "$(INSTALL_BIN)")" && pwd) && \
	for unit in $(UNITS); do sed "s|@bindir@|$$bindir|g" systemd/$$unit > "$$units/$$unit" || exit 1; done && \
	messages=$$(cd "$$units" && systemd-analyze verify --man=no $(UNITS) 2>&1) && [ -z "$$messages" ] || \
	  { echo "$$messages"; echo "vigil: systemd-analyze verify found problems"; exit 1; }; \
	echo "vigil: systemd-analyze verify: every unit clean"; \
	systemd-analyze security --offline=yes --no-pager "$$units/vigil.service" | tail -1

# `vigil report` against a shell loop of `git blame -M -C` on a real history (REPORT_REPO, REPORT_RANGE,
# REPORT_TAGS; by default git-ai-project/git-ai, mirrored into bench/work/ on first use).
bench-report: release
	bench/report.sh

clean:
	rm -rf .build .vigil
