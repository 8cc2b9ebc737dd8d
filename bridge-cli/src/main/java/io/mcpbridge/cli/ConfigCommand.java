package io.mcpbridge.cli;

import picocli.CommandLine.Command;

/** {@code bridge config}: configuration tools. */
@Command(name = "config", mixinStandardHelpOptions = true, subcommands = {ConfigCheckCommand.class, ConfigReferenceCommand.class},
    description = "Configuration tools (see docs/configuration.md).")
final class ConfigCommand {}
