package io.mcpbridge.cli;

import picocli.CommandLine.Command;

/** {@code bridge sensitivity}: sensitivity analyses of a model. */
@Command(name = "sensitivity", mixinStandardHelpOptions = true, subcommands = {SensitivityRunCommand.class},
    description = "Sensitivity analyses of a .pkml model (OSP's local method).")
final class SensitivityCommand {}
