using Microsoft.Extensions.Compliance.Classification;

namespace LoguStyle.Hosting.Tests.Telemetry;

/// <summary>A data classification of the tests' own taxonomy, as an application defines its own.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
internal sealed class SensitiveAttribute : DataClassificationAttribute
{
    public static readonly DataClassification Sensitive = new("LoguStyleTests", "Sensitive");

    public SensitiveAttribute()
        : base(Sensitive)
    {
    }
}
