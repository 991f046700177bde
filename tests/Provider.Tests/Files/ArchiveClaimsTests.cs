using LoguStyle.Files;

namespace LoguStyle.Tests.Files;

public class ArchiveClaimsTests
{
    [Fact]
    public void TryClaim_HeldByAnother_Fails_UntilReleasedByItsOwner()
    {
        var path = "/claims/" + Guid.NewGuid().ToString("N") + ".log";
        object first = new(), second = new();

        Assert.True(ArchiveClaims.TryClaim(path, first));
        Assert.True(ArchiveClaims.TryClaim(path, first));
        Assert.False(ArchiveClaims.TryClaim(path, second));
        Assert.True(ArchiveClaims.IsClaimedByAnother(path, second));
        Assert.False(ArchiveClaims.IsClaimedByAnother(path, first));

        ArchiveClaims.Release(path, second);
        Assert.False(ArchiveClaims.TryClaim(path, second));

        ArchiveClaims.Release(path, first);
        Assert.True(ArchiveClaims.TryClaim(path, second));
        ArchiveClaims.Release(path, second);
        Assert.False(ArchiveClaims.IsClaimedByAnother(path, first));
    }
}
