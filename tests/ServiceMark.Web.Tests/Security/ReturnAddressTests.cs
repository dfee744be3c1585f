using System.Net;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Account;

namespace ServiceMark.Web.Tests.Security;

/// <summary>A return address is followed only when it is a plain local path: never another host, never control characters.</summary>
public sealed class ReturnAddressTests(TestApp app) : IClassFixture<TestApp>
{
    [Theory]
    [InlineData("/%09/evil.example")]
    [InlineData("/%0d%0a/evil.example")]
    [InlineData("/%0a/evil.example")]
    [InlineData("/tickets%00")]
    [InlineData("//evil.example")]
    [InlineData("/%5c/evil.example")]
    [InlineData("https://evil.example/")]
    public async Task The_language_switch_never_follows_a_return_address_that_is_not_a_plain_local_path(string returnUrl)
    {
        using var client = app.ClientFor(null);
        var response = await client.GetAsync(new Uri($"/culture/en?returnUrl={returnUrl}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_language_switch_follows_a_local_return_address()
    {
        using var client = app.ClientFor(null);
        var response = await client.GetAsync(new Uri("/culture/en?returnUrl=%2Ftickets%3Fpage%3D2", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/tickets?page=2", response.Headers.Location?.OriginalString);
    }

    /// <summary>The one check the sign-in page and the language switch share.</summary>
    [Theory]
    [InlineData("/tickets", true)]
    [InlineData("/", true)]
    [InlineData("/\t/evil.example", false)]
    [InlineData("/\r\n/evil.example", false)]
    [InlineData("/\n/evil.example", false)]
    [InlineData("/a\u0085b", false)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_plain_local_paths_are_local(string? url, bool local) => Assert.Equal(local, AccountEndpoints.IsLocal(url));
}
