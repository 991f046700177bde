using LoguStyle.Formatting;

namespace LoguStyle.Tests.Formatting;

/// <summary>
/// <c>{file}</c> is the name after the last <c>/</c> or <c>\</c> of the path the compiler saw: code compiled on Windows
/// (a drive letter, backslashes, a UNC share) and logging on Linux still shows the file name alone.
/// </summary>
public class CallerFileTests
{
    [Theory]
    [InlineData(@"C:\src\Shop\Orders\OrderService.cs", "OrderService.cs")]
    [InlineData(@"D:\a\1\s\src\Program.cs", "Program.cs")]
    [InlineData(@"\\build\share\src\Worker.cs", "Worker.cs")]
    [InlineData(@"C:/mixed\seps/Api.cs", "Api.cs")]
    [InlineData("/home/ci/src/Shop/OrderService.cs", "OrderService.cs")]
    [InlineData("OrderService.cs", "OrderService.cs")]
    [InlineData(@"C:\src\", "")]
    [InlineData("", "")]
    public void Name_WindowsOrUnixPath_IsTheTextAfterTheLastSeparator(string path, string expected)
    {
        Assert.Equal(expected, CallerFile.Name(path).ToString());
    }

    [Fact]
    public void Name_NoPath_IsEmpty()
    {
        Assert.True(CallerFile.Name(null).IsEmpty);
    }
}
