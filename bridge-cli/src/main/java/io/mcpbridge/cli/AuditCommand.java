package io.mcpbridge.cli;

import picocli.CommandLine.Command;

/** {@code bridge audit}: audit trail tools. */
@Command(name = "audit", mixinStandardHelpOptions = true, subcommands = {AuditVerifyCommand.class},
    description = "Audit trail tools (see docs/operations/audit-runbook.md).")
final class AuditCommand {}
