using LoguStyle.Tool.Cli;
using LoguStyle.Tool.Output;
using LoguStyle.Tool.Reading;

namespace LoguStyle.Tool.Commands;

/// <summary><c>logu view &lt;path&gt;</c>: every kept record of the sink's files, the oldest file first.</summary>
internal static class ViewCommand
{
    public static int Run(ToolArguments arguments, RecordOutput output, TextWriter errors)
    {
        var files = LogFile.Files(arguments.Path);
        if (files.Count == 0)
        {
            errors.WriteLine(Messages.NoFiles(arguments.Path));
            return ExitCodes.NoFiles;
        }

        foreach (var line in SinkFileLines.Read(files, Messages.Damaged(errors)))
        {
            if (arguments.Filter.Keeps(line.Record))
            {
                output.Write(line);
            }
        }

        output.Flush();
        return ExitCodes.Success;
    }
}
