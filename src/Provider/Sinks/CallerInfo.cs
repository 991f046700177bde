namespace LoguStyle;

/// <summary>Where a sink takes the caller (<c>{function}</c>, <c>{file}</c>, <c>{line}</c>) of a plain MEL call from (<c>CallerInfo</c>).</summary>
public enum CallerInfo
{
    /// <summary>
    /// Only the Loguru-style methods (<c>logger.Info($"...")</c>) carry a caller, given by the compiler; a plain MEL call
    /// (<c>LogInformation</c>) has none. Costs nothing. The default.
    /// </summary>
    None,

    /// <summary>
    /// A plain MEL call carries the first frame of its stack outside MEL and LoguStyle, found once per record the sink
    /// may write (a stack walk: microseconds, see docs/api.md "Caller info"); file and line need the caller's PDB, and a
    /// Native AOT app gets the method only. Loguru-style calls keep their compiler-given caller.
    /// </summary>
    StackTrace,
}
