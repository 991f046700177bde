namespace LoguStyle.Files;

/// <summary>What <see cref="RotationPeriod.Judge"/> says to do before a record.</summary>
internal enum PeriodVerdict
{
    /// <summary>Write the record into the active file.</summary>
    Write,

    /// <summary>Rotate first, then write it into the next file.</summary>
    Rotate,

    /// <summary>The boundary passed over an empty file: begin its period again, then write.</summary>
    Restart,
}
