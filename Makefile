# Kluis: two commands for a newcomer on Debian/Ubuntu.
#   make app   installs what is missing, builds, and starts the app with a demo vault
#   make test  installs what is missing, builds everything, runs every check and test suite

SHELL := /bin/bash
APT_PACKAGES := build-essential pkg-config libwebkit2gtk-4.1-dev xvfb xauth \
	webkit2gtk-driver strace poppler-utils qpdf sqlite3
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: deps build test lint app demo bench

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

build: deps
	cargo build --workspace --all-targets

lint: deps
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings

test: lint
	cargo build --workspace --all-targets
	cargo test --workspace

bench: deps
	cargo bench --bench vault

# A synthetic demo vault in a temporary folder; its passphrase is public (demo data only).
DEMO_DIR ?= $(shell mktemp -d -t kluis-demo-XXXXXX)
demo: deps
	cargo build --bin kluis
	target/debug/kluis demo --orgs 12 --dossiers 2000 --years 5 --seed 1 "$(DEMO_DIR)/demo.kluis"

app: deps
	cargo build --workspace --bins
	@if [ -z "$(VAULT)" ]; then \
	  target/debug/kluis demo --orgs 12 --dossiers 2000 --years 5 --seed 1 "$(DEMO_DIR)/demo.kluis"; \
	  echo "Demo vault: $(DEMO_DIR)/demo.kluis"; \
	fi
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  echo "No display found: run 'make app' in a desktop session (or under xvfb-run)."; exit 1; \
	fi
	target/debug/kluis-app
