# MCP Bridge — build, run and release gates. `make help` lists the targets.
SHELL := /bin/bash
MVN   ?= mvn -B -ntp
JAR   := bridge-cli/target/bridge.jar
SOURCES := $(shell find . -path ./var -prune -o \( -name '*.java' -o -name 'pom.xml' -o -name '*.xml' -path '*/resources*' \) -print 2>/dev/null | grep -v '/target/')

FUZZ_TARGETS := pkmlReader simModelReader formulaParser

.PHONY: help tools sundials prometheus browser build run check fuzz compliance bench docs clean

help: ## List the targets
	@grep -E '^[a-z]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

tools: ## Install missing build tools (JDK 17+, Maven) from Debian packages
	@scripts/ensure-tools.sh

$(JAR): $(SOURCES) | tools
	$(MVN) -q -DskipTests -DskipITs package

build: $(JAR) ## Build the self-contained jar (./bridge runs it)

run: $(JAR) ## Start the server on the embedded default (thread jobs, SQLite, local audit, bundled models, development auth)
	@mkdir -p var && chmod 700 var
	@[[ -s var/dev-secret ]] || (umask 077; head -c 48 /dev/urandom | base64 | tr -d '\n/+=' > var/dev-secret)
	@echo "development tokens: export AUTH_DEV_SECRET=\$$(cat var/dev-secret); ./bridge token mint --sub you --roles operator"
	ENVIRONMENT=$${ENVIRONMENT:-development} AUTH_DEV_SECRET=$${AUTH_DEV_SECRET:-$$(cat var/dev-secret)} \
	  AUTH_ALLOW_ANONYMOUS=$${AUTH_ALLOW_ANONYMOUS:-true} ./bridge serve

sundials: ## Install SUNDIALS CVODES from Debian packages (the engine tests' integrator oracle)
	@scripts/sundials.sh

prometheus: ## Install Prometheus and promtool from Debian packages (the metrics and alert-rule tests)
	@scripts/prometheus.sh

browser: ## Install Debian's Chromium and the console browser test's npm packages (playwright-core, @axe-core/playwright)
	@scripts/browser-tools.sh >/dev/null

check: tools sundials prometheus browser ## The whole test suite: unit tests, integration tests against real components, architecture rules, bounded fuzzing
	$(MVN) verify
	$(MAKE) fuzz

fuzz: tools ## Coverage-guided fuzzing (Jazzer) of the pkml and SimModel readers and the formula parser, 60 s per target
	@for target in $(FUZZ_TARGETS); do \
	  echo "fuzzing $$target"; \
	  JAZZER_FUZZ=1 $(MVN) -q -pl bridge-engine-pkml -am test -DskipITs -Dsurefire.failIfNoSpecifiedTests=false \
	    -Dtest="ReaderFuzzTest#$$target" || exit 1; \
	done

compliance: tools ## Release gates: architecture rules, tool-contract snapshot, MCP conformance (fixtures and product)
	$(MVN) -pl bridge-architecture-tests,bridge-cli -am package -DskipITs -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dtest='Architecture*Test,ToolContractSnapshotTest'
	scripts/mcp-conformance.sh all

docs: $(JAR) ## Regenerate docs/configuration.md from the configuration catalog
	./bridge config reference > docs/configuration.md

bench: $(JAR) ## Engine benchmarks: JMH load and warm run time per reference model, then `bridge run` end to end
	$(MVN) -q -Pbench -pl bridge-engine-pkml -am -DskipTests -DskipITs package
	@dir="$$(pwd)"; while [[ "$$dir" != / && ! -d "$$dir/shared/reference/pkml" ]]; do dir="$$(dirname "$$dir")"; done; \
	  model="$$dir/shared/reference/pkml/models/esqlabsR_simple.pkml"; \
	  if [[ ! -f "$$model" ]]; then echo "bench: no shared/reference/pkml above $$(pwd)" >&2; exit 2; fi; \
	  echo; echo "bridge run esqlabsR_simple.pkml > /dev/null, end to end:"; \
	  if command -v hyperfine >/dev/null; then hyperfine --warmup 2 --runs 20 "./bridge run '$$model' > /dev/null"; \
	  else start=$$(date +%s%N); for i in $$(seq 20); do ./bridge run "$$model" > /dev/null; done; \
	    echo "mean $$(( ($$(date +%s%N) - start) / 20000000 )) ms per run (20 runs)"; fi

clean: ## Remove build output (keeps var/)
	$(MVN) -q clean
