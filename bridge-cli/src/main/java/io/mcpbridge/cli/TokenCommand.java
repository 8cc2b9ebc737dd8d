package io.mcpbridge.cli;

import picocli.CommandLine.Command;

/** {@code bridge token}: development tokens. */
@Command(name = "token", mixinStandardHelpOptions = true, subcommands = {TokenMintCommand.class},
    description = "Development tokens (HS256 with AUTH_DEV_SECRET; development, local and test only; see docs/auth.md).")
final class TokenCommand {}
