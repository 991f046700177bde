namespace LoguStyle.Tests.Pipeline;

/// <summary>Runs <see cref="CaptureAllocationTests"/> after the parallel tests, alone.</summary>
[CollectionDefinition(nameof(CaptureAllocationTests), DisableParallelization = true)]
public class CaptureAllocationRunAlone
{
}
