namespace LoguStyle.Files;

/// <summary>The clock schedules a <see cref="ScheduledRotation"/> follows.</summary>
internal enum RotationSchedule
{
    Hourly,
    Daily,
    Weekly,
    Monthly,
    Yearly,
}
