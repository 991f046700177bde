namespace LoguStyle.Formatting;

/// <summary>One parsed piece of a template, before it is compiled into a <see cref="FormatPlan"/>.</summary>
internal abstract record TemplateElement(int Position);

/// <summary>Literal text (braces and <c>\&lt;</c> already unescaped).</summary>
internal sealed record LiteralElement(int Position, string Text) : TemplateElement(Position);

/// <summary>A <c>{token[,alignment][:format]}</c>.</summary>
internal sealed record TokenElement(int Position, TokenKind Kind, int Alignment, string? Format, string? ExtraName)
    : TemplateElement(Position);

/// <summary>An opening colour tag: fixed SGR parameters, or the record level's colour.</summary>
internal sealed record OpenTagElement(int Position, string Name, string? Sgr, bool IsLevel) : TemplateElement(Position);

/// <summary>A closing tag (<c>&lt;/&gt;</c> or <c>&lt;/name&gt;</c>).</summary>
internal sealed record CloseTagElement(int Position) : TemplateElement(Position);
