using System.Reflection;
using System.Runtime.InteropServices;
using LoguStyle.Sinks;
using LoguStyle.Tool.Cli;
using LoguStyle.Tool.Commands;
using LoguStyle.Tool.Output;

namespace LoguStyle.Tool;

/// <summary>logu's entry point: parses the command line, runs the command, maps the outcome to an exit code.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        ToolArguments arguments;
        try
        {
            arguments = ArgumentParser.Parse(args, DateTimeOffset.Now);
        }
        catch (ArgumentProblem problem)
        {
            await Console.Error.WriteLineAsync(problem.Message).ConfigureAwait(false);
            await Console.Error.WriteLineAsync("Try 'logu --help'.").ConfigureAwait(false);
            return ExitCodes.BadArgument;
        }

        switch (arguments.Command)
        {
            case CommandKind.Help:
                Console.Out.Write(UsageText.Text + Environment.NewLine);
                return ExitCodes.Success;
            case CommandKind.Version:
                Console.Out.WriteLine(typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);
                return ExitCodes.Success;
        }

        var colored = !arguments.Json && ColorPolicy.ShouldColorize(arguments.Color, !Console.IsOutputRedirected, Environment.GetEnvironmentVariable);
        using var output = new RecordOutput(StandardStream.Open(ConsoleOutput.Stdout), arguments.Json ? null : new RecordRenderer(arguments.Format, colored));
        using var stop = new CancellationTokenSource();
        using var term = arguments.Follow ? StopOnSignals(stop) : null;
        try
        {
            return arguments.Command == CommandKind.View
                ? ViewCommand.Run(arguments, output, Console.Error)
                : await TailCommand.RunAsync(arguments, output, Console.Error, stop.Token).ConfigureAwait(false);
        }
        catch (OutputClosedException)
        {
            // logu view x | head -1: the reader has what it wanted; no exception text, a clean exit.
            return ExitCodes.Success;
        }
    }

    /// <summary>Ctrl+C and SIGTERM end tail -f as a normal exit: what was read is flushed, the exit code is 0.</summary>
    private static PosixSignalRegistration StopOnSignals(CancellationTokenSource stop)
    {
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        return PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
    }
}
