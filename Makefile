# TenantLens — every target installs what it needs first (scripts/setup.sh).
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Outside the module and quiet: with no Go (or an old one) setup.sh says what to do.
GOBIN   := $(shell cd / && go env GOPATH 2>/dev/null)/bin
WAILS   := $(GOBIN)/wails
TAGS    := webkit2_41
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X tenantlens/backend/config.Version=$(VERSION)
# Tests keep their temporary files inside the checkout, never in the shared /tmp.
export TMPDIR := $(CURDIR)/.cache/tmp
# An older Go (1.21+) fetches go.mod's toolchain through the module proxy;
# GOTOOLCHAIN=local set by the user is kept (setup.sh then says what to do).
export GOTOOLCHAIN ?= auto
BIN     := build/bin/tenantlens

.PHONY: help setup-build setup-test setup-demo frontend bindings build build-windows demo \
        test test-go test-race test-fuzz test-frontend test-walks test-e2e test-long lint \
        bench bench-go bench-grid fuzz clean package-windows test-package test-setup screenshots

help:
	@echo "make demo    open TenantLens on the built-in demo MSP"
	@echo "make test    run every test (Go, frontend, end to end)"
	@echo "make build   Linux binary ($(BIN));  make build-windows  tenantlens.exe"
	@echo "make package-windows  Windows installer build/bin/TenantLens-<version>-amd64-installer.exe (NSIS)"
	@echo "make bench   MSP-scale benchmarks; writes docs/PERFORMANCE.md (long: about an hour)"
	@echo "make fuzz    every fuzz target for 10 minutes;  make test-long  crash test with 100 kills"

$(TMPDIR):
	@mkdir -p $(TMPDIR)

setup-build: | $(TMPDIR)
	@scripts/setup.sh build
setup-test: | $(TMPDIR)
	@scripts/setup.sh test
setup-demo: | $(TMPDIR)
	@scripts/setup.sh demo

frontend: setup-build
	cd frontend && npm run build

# Regenerates frontend/wailsjs from the bound Go methods.
bindings: setup-build
	$(WAILS) generate module -tags $(TAGS) >/dev/null
	@chmod 644 frontend/wailsjs/runtime/* # wails generate and wails dev disagree on modes

# No -trimpath here (the Windows installer has it): the same compile flags as
# go test, so a cold make test compiles the dependencies once, not twice.
build: setup-build
	$(WAILS) build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o tenantlens -m -nosyncgomod

build-windows: setup-build frontend
	$(WAILS) build -platform windows/amd64 -ldflags "$(LDFLAGS)" -o tenantlens.exe -s -m -nosyncgomod -skipbindings
	@file build/bin/tenantlens.exe

# The Windows installer (NSIS, per-user): scripts/package-windows.sh installs
# nsis itself; the version is wails.json's info.productVersion.
package-windows: | $(TMPDIR)
	@scripts/package-windows.sh

# Builds the installer and checks it (file type, version resources, contents);
# about 3 minutes, so not part of make test.
test-package: | $(TMPDIR)
	@scripts/package-windows-check.sh

# setup.sh's one-line answers when Go or Node.js is missing or old (fake
# toolchains on a stripped PATH; about 20 s, mostly apt-cache).
test-setup:
	@scripts/setup-check.sh

# Opens the window on the demo MSP; under Xvfb when there is no display.
demo: setup-demo build
	@if [ -n "$$DISPLAY" ]; then scripts/with-keyring.sh $(BIN) demo; \
	 else echo "no DISPLAY: running under Xvfb"; scripts/with-keyring.sh xvfb-run -a -s '-screen 0 1280x800x24' $(BIN) demo; fi

lint: setup-test bindings
	@echo "== gofmt"; out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	@echo "== go vet"; go vet -tags $(TAGS) ./...
	@echo "== go vet (windows)"; GOOS=windows go vet ./backend/winconsole ./backend/store ./backend/secrets
	@echo "== tsc --noEmit"; cd frontend && npx tsc --noEmit

test: lint test-go test-race test-fuzz test-frontend test-walks test-e2e
	@echo "make test: all suites passed"

test-go: setup-test
	@echo "== go test (real SQLite, real gnome-keyring over D-Bus)"
	scripts/with-keyring.sh go test -vet=off -tags $(TAGS) -count=1 ./...

# The race detector on the packages where goroutines meet: the sync engine
# (tenants at once, requests in flight) and the store (one writer, readers).
# -short skips the long ground-truth tests there (test-go runs them); each
# says so when skipped.
test-race: setup-test
	@echo "== go test -race (sync engine, store, composition root, bound services)"
	scripts/with-keyring.sh go test -race -short -vet=off -tags $(TAGS) -count=1 ./backend/sync/... ./backend/store/... ./backend/services/... ./backend/bridge/...

# A few seconds per fuzz target (make fuzz runs each for 10 minutes).
test-fuzz: setup-test
	@echo "== fuzz targets, 5 s each"
	scripts/fuzz.sh 5

fuzz: setup-test
	scripts/fuzz.sh 600

# The long runs: the crash test with 100 kills (TENANTLENS_LONG=1).
test-long: setup-test build
	@echo "== crash test, long mode (>= 100 SIGKILLs)"
	TENANTLENS_LONG=1 scripts/with-keyring.sh go test -vet=off -tags $(TAGS) -count=1 -timeout 90m ./backend/crashtest/...

test-frontend: setup-test
	@echo "== vitest"
	cd frontend && npx vitest run

# The standalone emulator walked with curl, and a headless connect + sync
# through the CLI against it: how scripts and CI use them.
test-walks: setup-test build
	@echo "== emulator walk (curl) and headless connect walk (CLI)"
	scripts/emulator-walk.sh
	scripts/connect-walk.sh $(BIN)

test-e2e: setup-test build
	@echo "== end to end (the app in dev mode under Xvfb, Chromium via playwright-core; the real window and its screenshots)"
	scripts/e2e.sh

# Screenshots of the real window on every page, light and dark, into
# test-artifacts/screenshots/ (make test writes them too; this runs only them).
screenshots: setup-test build
	TL_E2E_TESTS=e2e/10-screens.test.mjs TL_E2E_OFFLINE=0 scripts/e2e.sh

# MSP-scale benchmarks (docs/PERFORMANCE.md); see scripts/bench.sh for flags.
bench: setup-test build
	scripts/bench.sh $(BENCH_FLAGS)

# The users grid with 50,000 rows in Chromium: first render and one
# quick-filter keystroke; figures into docs/PERFORMANCE.md (not in make test).
bench-grid: setup-test
	cd frontend && node bench/users-grid.mjs

# Every Go micro-benchmark of the repository.
bench-go: setup-test
	scripts/with-keyring.sh go test -tags $(TAGS) -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf build/bin frontend/dist/assets .cache
