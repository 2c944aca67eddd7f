package io.stratus.cli;

import java.io.PrintWriter;
import org.apiguardian.api.API;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code stratus} command. Exit codes: {@value #OK} success, {@value #POLICY_BREACHED} a cost policy was breached
 * ({@code --budget}, {@code --max-increase}), {@value #USAGE} wrong arguments, {@value #BAD_INPUT} an input file
 * could not be read or is invalid, {@value #FAILURE} any other failure. Errors print one line; {@code --debug} adds
 * the stack trace.
 *
 * <p>Not thread-safe; one instance per run.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Command(name = "stratus", mixinStandardHelpOptions = true, version = "stratus 0.1.0-SNAPSHOT",
    description = "Cost estimates for infrastructure as code, CI cost gates, simulations, billing ingestion and reports.",
    subcommands = {EstimateCommand.class, ScheduleCommand.class, SimulateCommand.class, IngestCommand.class,
        ReportCommand.class, ComplianceCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:a cost policy was breached (--budget, --max-increase) or a compliance"
        + " control failed (--fail-on-fail)", "2:wrong arguments",
        "3:an input file could not be read or is invalid", "4:any other failure"})
public final class Stratus {
  /** Success. */
  public static final int OK = 0;
  /** A cost policy was breached. */
  public static final int POLICY_BREACHED = 1;
  /** Wrong arguments. */
  public static final int USAGE = 2;
  /** An input file could not be read or is invalid. */
  public static final int BAD_INPUT = 3;
  /** Any other failure. */
  public static final int FAILURE = 4;

  @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean debug;

  /** Creates the command; picocli calls it. */
  public Stratus() {}

  /**
   * Runs the command line and exits the JVM with its exit code.
   *
   * @param args the arguments; never null
   */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Runs the command line with the given streams, for embedding and tests.
   *
   * @param args the arguments; never null
   * @param out where results go; never null
   * @param err where errors go; never null
   * @return the exit code
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine line = new CommandLine(new Stratus());
    line.setOut(out);
    line.setErr(err);
    line.setExitCodeExceptionMapper(Errors::exitCode);
    line.setExecutionExceptionHandler((e, cmd, parsed) -> {
      boolean debug = parsed.originalArgs().contains("--debug");
      cmd.getErr().println("stratus: " + Errors.message(e));
      if (debug) {
        e.printStackTrace(cmd.getErr());
      }
      cmd.getErr().flush();
      return Errors.exitCode(e);
    });
    line.setParameterExceptionHandler((e, a) -> {
      e.getCommandLine().getErr().println("stratus: " + e.getMessage());
      e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName()
          + " --help' for more information.");
      return USAGE;
    });
    int code = line.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
