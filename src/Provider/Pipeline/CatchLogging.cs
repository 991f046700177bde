namespace LoguStyle.Pipeline;

/// <summary>What a stack walk needs of the Catch whose record is being logged on the thread (<see cref="CatchFrames"/>).</summary>
/// <param name="Exception">The exception Catch logs.</param>
/// <param name="Caller">The member that called Catch, as the compiler named it.</param>
/// <param name="RunFrames">The <see cref="CatchFrames.Run"/> frames to pass from the top of the stack, the last being Catch's own; -1 when Catch's caller is not on the stack.</param>
internal sealed record CatchLogging(Exception Exception, string Caller, int RunFrames);
