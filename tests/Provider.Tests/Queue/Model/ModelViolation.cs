namespace LoguStyle.Tests.Queue.Model;

/// <summary>An invariant of the queue protocol broken in some interleaving of the model.</summary>
internal sealed class ModelViolation(string message) : Exception(message);
