package io.mcpbridge.cli;

import io.mcpbridge.auth.DevelopmentTokenMinter;
import io.mcpbridge.core.config.AppConfig;
import io.mcpbridge.core.error.InvalidInputException;
import io.mcpbridge.core.model.Role;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bridge token mint}: prints a development token, and nothing else, on stdout. */
@Command(name = "mint", mixinStandardHelpOptions = true,
    description = {"Mint an HS256 development token signed with AUTH_DEV_SECRET.",
        "Refused unless ENVIRONMENT is development, local or test and AUTH_DEV_SECRET (at least 32 bytes) is set.",
        "Prints only the token, so that TOKEN=$(bridge token mint ...) works."})
final class TokenMintCommand implements Callable<Integer> {
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)([smhd])");

  @Spec CommandSpec spec;

  @Option(names = "--sub", required = true, paramLabel = "SUBJECT", description = "The token's subject (sub).")
  String subject;

  @Option(names = "--roles", required = true, split = ",", paramLabel = "ROLE",
      description = "Comma-separated roles: viewer, operator, admin (admin includes operator includes viewer).")
  List<String> roles;

  @Option(names = "--ttl", defaultValue = "15m", paramLabel = "DURATION",
      description = "Lifetime, e.g. 90s, 15m, 2h, 1d or ISO-8601 PT15M; at most 7 days (default: ${DEFAULT-VALUE}).")
  String ttl;

  @Option(names = "--single-use", description = "Mark the token single-use: the bridge accepts it once.")
  boolean singleUse;

  @Override
  public Integer call() {
    Set<Role> granted = parseRoles(roles);
    Duration lifetime = parseDuration(ttl);
    AppConfig config = AppConfig.load(ProcessConfigSource.fromProcess()).requireValid();
    DevelopmentTokenMinter minter =
        DevelopmentTokenMinter.fromSettings(config.auth(), config.server().environment(), Clock.systemUTC());
    String token = singleUse ? minter.mintSingleUse(subject, granted, lifetime) : minter.mint(subject, granted, lifetime);
    PrintWriter out = spec.commandLine().getOut();
    out.println(token);
    out.flush();
    return ExitCodes.OK;
  }

  static Set<Role> parseRoles(List<String> names) {
    Set<Role> granted = EnumSet.noneOf(Role.class);
    for (String name : names) {
      if (name.isBlank()) {
        continue;
      }
      granted.add(Role.parse(name).orElseThrow(() ->
          new InvalidInputException("unknown role '" + name.trim() + "': use viewer, operator or admin")));
    }
    return granted;
  }

  static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = SHORT_DURATION.matcher(t);
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
          case "s":
            return Duration.ofSeconds(n);
          case "m":
            return Duration.ofMinutes(n);
          case "h":
            return Duration.ofHours(n);
          default:
            return Duration.ofDays(n);
        }
      }
      return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      throw new InvalidInputException("--ttl '" + text + "' is not a duration like 90s, 15m, 2h, 1d or PT15M");
    }
  }
}
