# seed-webhooks: the two commands are `make run` and `make test`.
SWIFT ?= swift
CONFIG ?= examples/config.yaml
BIN := .build/release/seed-webhooks

.PHONY: setup build run test bench fuzz fuzz-smoke clean soak tls-scan stress leakcheck

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

# Reliability checks beyond `make test` (docs/reliability.md). Not run in CI.
# soak: SOAK_SECONDS (default 600) of serve under load with certificate rotation, state changes
# and SIGHUP storms; prints requests, errors (must be 0) and RSS.
soak: build
	@bash scripts/soak

# tls-scan: testssl.sh against serve (about 90 s); make test runs the faster sslscan check.
tls-scan: build
	@bash scripts/tls-scan

# stress: the hostile-client suite plus 10,000 idle connections against the executable.
stress: setup
	$(SWIFT) build --build-tests
	SEED_WEBHOOKS_STRESS_CONNECTIONS=$${SEED_WEBHOOKS_STRESS_CONNECTIONS:-10000} $(SWIFT) test --skip-build --filter HostileClientTests

# leakcheck: the end-to-end and server tests once under AddressSanitizer/LeakSanitizer
# (separate build directory).
leakcheck: setup
	@bash scripts/leakcheck
