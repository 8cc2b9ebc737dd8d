package io.mcpbridge.cli;

import io.mcpbridge.core.error.BridgeException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

/** The {@code bridge} command. */
@Command(name = "bridge", mixinStandardHelpOptions = true, versionProvider = BridgeMain.VersionProvider.class,
    description = "MCP Bridge: simulate OSP .pkml models natively, over MCP, REST and this CLI.",
    subcommands = {ServeCommand.class, WorkerCommand.class, QueueCommand.class, McpCommand.class, CallCommand.class, RunCommand.class, PopulationCommand.class, PkCommand.class,
        SensitivityCommand.class,
        ConfigCommand.class, AuditCommand.class, TokenCommand.class, CommandLine.HelpCommand.class},
    footerHeading = "%nExit codes:%n",
    footer = {"  0  ok                          1  failed or invalid (e.g. config check)",
        "  2  usage or invalid input      3  not authenticated or not allowed",
        "  4  dependency unavailable      5  not found",
        "  6  timed out or cancelled     70  internal error"})
public final class BridgeMain {
  @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of failures (for bug reports).")
  boolean verbose;

  /** Entry point; exits with the documented code. */
  public static void main(String[] args) {
    // UTF-8 whatever the locale: result files carry units such as µmol.
    System.exit(run(args, new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true)));
  }

  /** Runs the command line with the given streams and returns its exit code (used by tests). */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    BridgeMain root = new BridgeMain();
    SingleCommandRoot single = new SingleCommandRoot();
    CommandLine cli = singleCommandLine(args, single).orElseGet(() -> new CommandLine(root));
    BooleanSupplier verbose = () -> root.verbose || single.verbose;
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(BridgeMain::exitCodeOf);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("error: " + oneLine(e));
      if (verbose.getAsBoolean()) {
        e.printStackTrace(commandLine.getErr());
      }
      commandLine.getErr().flush();
      return exitCodeOf(e);
    });
    cli.setParameterExceptionHandler((e, args2) -> {
      e.getCommandLine().getErr().println("error: " + e.getMessage());
      e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      return ExitCodes.USAGE;
    });
    return cli.execute(args);
  }

  /**
   * When the command line starts with the name of a subcommand, a tree with only that subcommand:
   * building the whole tree reflects over every command and initialises what they hold, which a
   * one-shot command such as {@code bridge run} would pay for at every start. Anything else (no
   * subcommand, an option first, {@code help}, an unknown name) gets the whole tree.
   */
  private static Optional<CommandLine> singleCommandLine(String[] args, SingleCommandRoot root) {
    if (args.length == 0) {
      return Optional.empty();
    }
    for (Class<?> type : BridgeMain.class.getAnnotation(Command.class).subcommands()) {
      Command command = type.getAnnotation(Command.class);
      if (type == CommandLine.HelpCommand.class || command == null || !names(command).contains(args[0])) {
        continue;
      }
      CommandLine cli = new CommandLine(root);
      try {
        cli.addSubcommand(CommandLine.defaultFactory().create(type));
      } catch (Exception e) {
        return Optional.empty();
      }
      return Optional.of(cli);
    }
    return Optional.empty();
  }

  private static List<String> names(Command command) {
    List<String> names = new ArrayList<>(List.of(command.aliases()));
    names.add(command.name());
    return names;
  }

  /** The root of a single-subcommand tree: the same name, options and version as {@link BridgeMain}. */
  @Command(name = "bridge", mixinStandardHelpOptions = true, versionProvider = BridgeMain.VersionProvider.class)
  static final class SingleCommandRoot {
    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
        description = "Print stack traces of failures (for bug reports).")
    boolean verbose;
  }

  private static int exitCodeOf(Throwable e) {
    return e instanceof BridgeException b ? ExitCodes.forCode(b.code()) : ExitCodes.INTERNAL;
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replace('\n', ' ');
  }

  /** Reads the version stamped into the jar. */
  static final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"bridge " + Versions.current(), "Java " + Runtime.version()};
    }
  }
}
