package io.mcpbridge.cli;

import picocli.CommandLine.Command;

/** {@code bridge population}: virtual populations. */
@Command(name = "population", mixinStandardHelpOptions = true, subcommands = {PopulationRunCommand.class},
    description = "Run virtual populations of a .pkml model (PK-Sim population files or sampled variability).")
final class PopulationCommand {}
