using System.Globalization;

namespace LoguStyle.Tests.Api;

/// <summary>
/// The allocation budget of <c>logger.Info($"...")</c> (issue 20.1), measured in a process of its own
/// (tests/Provider.TestApp, mode interpolated-alloc) so no other test's threads or listeners count: a disabled call
/// allocates nothing; an enabled call with an int, a decimal and a string into a direct file sink allocates no more
/// than the same record through a <c>[LoggerMessage]</c> method, measured in the same process.
/// </summary>
public sealed class InterpolatedAllocationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task InterpolatedCall_DisabledAllocatesNothing_EnabledNoMoreThanLoggerMessage()
    {
        var (bytes, output) = await BytesPerCallAsync();

        Assert.Equal(0, bytes["disabled"]);
        Assert.True(bytes["interpolated"] <= bytes["loggermessage"], output);

        // The figure for the [LoggerMessage] path; today the call allocates the boxes of the int and the decimal.
        Assert.InRange(bytes["interpolated"], 0, 96);
    }

    [Fact]
    public async Task SuccessAndLogByName_DisabledAllocateNothing_EnabledAsMuchAsInfo()
    {
        var (bytes, output) = await BytesPerCallAsync();

        Assert.Equal(0, bytes["success-disabled"]);
        Assert.Equal(0, bytes["named-disabled"]);
        Assert.True(bytes["success"] <= bytes["interpolated"] + Amortised, output);
        Assert.True(bytes["named"] <= bytes["interpolated"] + Amortised, output);
    }

    // The figures are averages over many calls: what the process allocates now and then (the time text's cache, a
    // buffer that grows) adds a fraction of a byte per call that differs from run to run (56.41 and 56.57 seen for the
    // same call). A call that allocates more allocates at least one more 8-byte unit, so half a unit tells them apart.
    private const double Amortised = 4;

    /// <summary>Runs the test app's interpolated-alloc mode: the bytes per call of each kind of call, and its output.</summary>
    private async Task<(Dictionary<string, double> Bytes, string Output)> BytesPerCallAsync()
    {
        var run = await ProcessRun.StartAsync("dotnet", [RepositoryPaths.TestApp, "interpolated-alloc", _folder.File("alloc.log")], _folder.Path, new Dictionary<string, string?>(), TimeSpan.FromSeconds(120));
        Assert.True(run.ExitCode == 0, run.StandardError);
        var bytes = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0], parts => double.Parse(parts[1], CultureInfo.InvariantCulture));
        return (bytes, run.StandardOutput);
    }
}
