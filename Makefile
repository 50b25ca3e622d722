# Kluis: two commands for a newcomer on Debian/Ubuntu.
#   make app   installs what is missing, builds, and starts the app (with a demo vault on offer)
#   make test  installs what is missing, builds everything, runs every check and test suite

SHELL := /bin/bash
APT_PACKAGES := build-essential pkg-config libwebkit2gtk-4.1-dev xvfb xauth \
	webkit2gtk-driver strace poppler-utils qpdf sqlite3 dbus xclip \
	xdg-utils libfile-mimeinfo-perl desktop-file-utils shared-mime-info imagemagick x11-utils \
	minisign libxml2-utils unzip curl
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: deps schemas ui build lint test test-rust test-ui test-e2e test-package package bundle icons app demo bench bindings soak

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
test-rust: build schemas
	PROPTEST_RNG_SEED=$(PROPTEST_SEED) cargo test --workspace

# The UBL 2.1 schemas the e-invoice tests validate against (fetched once into .cache/).
schemas: deps
	bash tests/ubl/fetch-schemas.sh

test-ui: ui
	cd ui && npm run check && npm test

test-e2e: build
	bash tests/e2e/run.sh

# Builds the debug .deb, installs it on this machine (dpkg -i, as root), opens a demo vault
# with xdg-open under Xvfb, and removes the package again.
test-package: build
	bash tests/package/run.sh

test: lint test-rust test-ui test-e2e test-package

# Installers: a .deb and an .rpm in $(TARGET_DIR)/<profile>/bundle/ (Tauri's bundler), with the
# app, the kluis command in /usr/bin, a menu entry and the .kluis file type. The version is the
# workspace's (Cargo.toml). PACKAGE_PROFILE=debug bundles the debug binaries that `make build`
# made (tauri bundle; the same cargo command, so no rebuild: building only the bins would drop
# the dev-dependency features and relink the app); release builds them with `tauri build`. `make bundle` is
# the same without building the UI first (ui/dist must exist).
PACKAGE_PROFILE ?= release
PACKAGE_BUNDLES ?= deb,rpm
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
TAURI := $(CURDIR)/ui/node_modules/.bin/tauri
package: ui
	@$(MAKE) --no-print-directory bundle

bundle:
	mkdir -p src-tauri/gen/package
	gzip -9n < CHANGELOG.md > src-tauri/gen/package/changelog.gz
ifeq ($(PACKAGE_PROFILE),debug)
	cargo build --workspace --all-targets
	install -D -m 0755 $(TARGET_DIR)/debug/kluis src-tauri/gen/package/kluis
	$(TAURI) bundle --ci --debug --no-binary-patching --bundles $(PACKAGE_BUNDLES)
else
	cargo build --release --bin kluis
	install -D -m 0755 $(TARGET_DIR)/release/kluis src-tauri/gen/package/kluis
	$(TAURI) build --ci --bundles $(PACKAGE_BUNDLES)
endif
	@ls -l $(TARGET_DIR)/$(PACKAGE_PROFILE)/bundle/deb/*.deb $(TARGET_DIR)/$(PACKAGE_PROFILE)/bundle/rpm/*.rpm 2>/dev/null || true

# Regenerates every icon size in src-tauri/icons from assets/icon.svg (commit the result).
icons: ui
	rm -rf src-tauri/gen/icons
	$(TAURI) icon assets/icon.svg -o src-tauri/gen/icons
	cp src-tauri/gen/icons/{32x32,64x64,128x128,icon}.png src-tauri/gen/icons/icon.{ico,icns} \
	  src-tauri/icons/
	cp src-tauri/gen/icons/128x128@2x.png src-tauri/icons/256x256.png

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
