namespace LoguStyle;

/// <summary>A format template that cannot be compiled: an unknown token or tag, an unclosed tag or brace, a bad alignment or format.</summary>
public sealed class FormatTemplateException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="sinkName">The sink whose template failed; empty for <see cref="FormatTemplate.Validate"/>.</param>
    /// <param name="template">The whole template.</param>
    /// <param name="position">The 0-based position of the problem in <paramref name="template"/>.</param>
    /// <param name="problem">What is wrong and what is accepted.</param>
    internal FormatTemplateException(string sinkName, string template, int position, string problem)
        : base($"{(sinkName.Length == 0 ? "Format" : $"Sink '{sinkName}': format")} {Describe(template, position, problem)}")
    {
        SinkName = sinkName;
        Template = template;
        Position = position;
        Problem = problem;
    }

    /// <summary>The sink whose template failed; empty when the template was checked by <see cref="FormatTemplate.Validate"/>, outside a sink.</summary>
    public string SinkName { get; }

    /// <summary>The whole template.</summary>
    public string Template { get; }

    /// <summary>The 0-based position of the problem in <see cref="Template"/>.</summary>
    public int Position { get; }

    /// <summary>What is wrong and what is accepted.</summary>
    public string Problem { get; }

    /// <summary>
    /// The message without the sink's name (<c>template error at position 7: ...</c>), for a message that names the
    /// sink itself (the start-up validator's key path), so the sink is named once.
    /// </summary>
    internal string Detail => Describe(Template, Position, Problem);

    private static string Describe(string template, int position, string problem) =>
        $"template error at position {position}: {problem} Template: \"{template}\"";
}
