package io.mcpbridge.cli;

import picocli.CommandLine.Command;

/** {@code bridge sensitivity}: sensitivity analyses of a model. */
@Command(name = "sensitivity", mixinStandardHelpOptions = true, subcommands = {SensitivityRunCommand.class, SensitivityGlobalCommand.class},
    description = "Sensitivity analyses of a .pkml model: OSP's local method (run) and Sobol or Morris (global).")
final class SensitivityCommand {}
