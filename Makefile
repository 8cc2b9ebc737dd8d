# MCP Bridge — build, run and release gates. `make help` lists the targets.
SHELL := /bin/bash
MVN   ?= mvn -B -ntp
JAR   := bridge-cli/target/bridge.jar
SOURCES := $(shell find . -path ./var -prune -o \( -name '*.java' -o -name 'pom.xml' -o -name '*.xml' -path '*/resources*' \) -print 2>/dev/null | grep -v '/target/')

.PHONY: help tools build run check compliance bench docs clean

help: ## List the targets
	@grep -E '^[a-z]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

tools: ## Install missing build tools (JDK 17+, Maven) from Debian packages
	@scripts/ensure-tools.sh

$(JAR): $(SOURCES) | tools
	$(MVN) -q -DskipTests -DskipITs package

build: $(JAR) ## Build the self-contained jar (./bridge runs it)

run: $(JAR) ## Start the server on the embedded default (thread jobs, SQLite, local audit, bundled models, development auth)
	@mkdir -p var
	ENVIRONMENT=$${ENVIRONMENT:-development} ./bridge serve

check: tools ## The whole test suite: unit tests, integration tests against real components, architecture rules
	$(MVN) verify

compliance: tools ## Release gates: architecture rules (later: MCP conformance, tool-contract snapshot, audit verification)
	$(MVN) -pl bridge-architecture-tests -am verify -DskipITs -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dtest='Architecture*Test'

docs: $(JAR) ## Regenerate docs/configuration.md from the configuration catalog
	./bridge config reference > docs/configuration.md

clean: ## Remove build output (keeps var/)
	$(MVN) -q clean
