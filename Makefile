# seed-webhooks: the two commands are `make run` and `make test`.
SWIFT ?= swift
CONFIG ?= examples/config.yaml
BIN := .build/release/seed-webhooks

.PHONY: setup build run test bench fuzz fuzz-smoke clean

setup:
	@bash scripts/setup

build: setup
	$(SWIFT) build -c release --product seed-webhooks

run: build
	@echo
	@echo "seed-webhooks is starting on https://localhost:2721 (Ctrl-C stops it). From another shell:"
	@echo "  curl --cacert certs/ca.crt https://localhost:2721/healthz"
	@echo
	$(BIN) serve --config $(CONFIG)

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: build
	@bash bench/run

# libFuzzer + AddressSanitizer harnesses in fuzz/, FUZZ_SECONDS per target (fuzz/run explains).
FUZZ_SECONDS ?= 60
fuzz: setup
	@bash fuzz/run $(FUZZ_SECONDS)

fuzz-smoke: setup
	@bash fuzz/run 5

clean:
	rm -rf .build .build-fuzz
