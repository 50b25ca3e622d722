# Kluis: two commands for a newcomer on Debian/Ubuntu.
#   make app   installs what is missing, builds, and starts the app (with a demo vault on offer)
#   make test  installs what is missing, builds everything, runs every check and test suite

SHELL := /bin/bash
APT_PACKAGES := build-essential pkg-config libwebkit2gtk-4.1-dev xvfb xauth \
	webkit2gtk-driver strace poppler-utils qpdf sqlite3 dbus xclip
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: deps ui build lint test test-rust test-ui test-e2e app demo bench bindings soak

deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@command -v cargo >/dev/null || { echo "Rust is missing: install it with rustup (https://rustup.rs) and rerun."; exit 1; }
	@node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null || \
	  { echo "Node.js 20.19 or newer is needed for the UI build (node --version: $$(node --version 2>/dev/null || echo none))."; exit 1; }

# The web UI; its build (ui/dist) is embedded into the app binary at compile time.
ui: deps
	cd ui && npm ci --no-audit --no-fund --loglevel=error && npm run build

build: ui
	cargo build --workspace --all-targets

lint: ui
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings

# Property tests run from a fixed seed so CI is repeatable; explore new cases with
# `make test-rust PROPTEST_SEED=$$RANDOM` (failures are saved in *.proptest-regressions).
PROPTEST_SEED ?= 20261130
test-rust: build
	PROPTEST_RNG_SEED=$(PROPTEST_SEED) cargo test --workspace

test-ui: ui
	cd ui && npm run check && npm test

test-e2e: build
	bash tests/e2e/run.sh

test: lint test-rust test-ui test-e2e

# The crash test at length: 2,000 kills during saves (make test runs 200).
soak: build
	KLUIS_KILL_ROUNDS=2000 cargo test --test tests suite::vault::kill_during_save -- --nocapture

# Rewrites ui/src/lib/bindings from the Rust types (commit the result).
bindings:
	KLUIS_WRITE_BINDINGS=1 cargo test -p kluis-app bindings

bench: deps
	cargo bench --bench vault
	cargo bench --bench report

# A synthetic demo vault; its passphrase is public (demo data only).
demo: deps
	cargo build --bin kluis
	target/debug/kluis demo --orgs 12 --dossiers 2000 --years 5 --seed 1 "$$(mktemp -d -t kluis-demo-XXXXXX)/demo.kluis"

# Starts the app. Without VAULT=..., the start screen offers the synthetic demo vault
# (generated into a temporary folder, passphrase shown on screen).
app: ui
	cargo build --workspace --bins
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  echo "No display found: run 'make app' in a desktop session (or: xvfb-run make app)."; exit 1; \
	fi
	KLUIS_VAULT="$(VAULT)" target/debug/kluis-app
