# The README's two commands: `make demo` and `make test`. Each runs the setup first, so a fresh
# Debian 12 clone needs nothing else. Extra arguments: make demo ARGS="--duration 120 --speed max".
.PHONY: all setup build demo test test-asan test-slow bench fuzz format format-check clean

# Cache hits across clones (CI builds a fresh clone): ccache rewrites paths under here.
export CCACHE_BASEDIR ?= $(CURDIR)

ARGS ?=
JOBS ?= $(shell nproc)
# Warnings are errors in CI (CI=true) and for anyone who asks: make build WERROR=ON
WERROR ?= $(if $(filter true 1,$(CI)),ON,OFF)
CONFIGURE = cmake --preset $(1) -DSTRAJA_WERROR=$(WERROR) >/dev/null

all: build

setup:
	@scripts/setup

build: setup
	@$(call CONFIGURE,release)
	cmake --build --preset release -j $(JOBS)
	@echo "built: build/release/straja"
	@scripts/build-web

demo: build
	build/release/straja demo $(ARGS)

test: build
	ctest --preset release -j $(JOBS)

test-asan: setup
	@$(call CONFIGURE,asan)
	cmake --build --preset asan -j $(JOBS)
	ctest --preset asan -j $(JOBS)

test-slow: build
	ctest --preset slow

bench: build
	bench/run $(ARGS)

fuzz: setup
	@$(call CONFIGURE,fuzz)
	cmake --build --preset fuzz -j $(JOBS)
	fuzz/run $(ARGS)

format:
	scripts/format --fix

format-check: setup
	scripts/format

clean:
	rm -rf build
