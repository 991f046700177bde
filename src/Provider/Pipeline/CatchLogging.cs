namespace LoguStyle.Pipeline;

/// <summary>What a stack walk needs of the Catch whose record is being logged on the thread (<see cref="CatchFrames"/>).</summary>
/// <param name="Exception">The exception Catch logs.</param>
/// <param name="Caller">The member that called Catch, as the compiler named it.</param>
/// <param name="RunFrames">The <see cref="CatchFrames.Run"/> frames to pass from the top of the stack, the last being Catch's own; -1 when Catch's caller is not on the stack.</param>
/// <param name="Stack">
/// The exception's stack as it stands in Catch's filter. With <c>reraise</c> the runtime goes on adding the frames the
/// exception passes through after the filter, so a queued sink that read the stack later wrote more frames than a direct
/// one; every sink writes this text instead (api.md: the thrower's frames, not Catch's or its callers').
/// </param>
internal sealed record CatchLogging(Exception Exception, string Caller, int RunFrames, string? Stack);
