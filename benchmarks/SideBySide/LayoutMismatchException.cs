namespace LoguStyle.SideBySide;

/// <summary>The providers of a run wrote different layouts: their figures would not compare the same work.</summary>
internal sealed class LayoutMismatchException(string message) : Exception(message);
