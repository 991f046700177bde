namespace LoguStyle.Tool.Cli;

/// <summary>A bad command line: the one-line message names the argument and what is accepted (exit code 1).</summary>
internal sealed class ArgumentProblem : Exception
{
    public ArgumentProblem(string message)
        : base(message)
    {
    }

    public ArgumentProblem()
    {
    }

    public ArgumentProblem(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
