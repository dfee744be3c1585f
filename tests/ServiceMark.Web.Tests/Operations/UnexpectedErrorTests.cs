using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Tests.Operations;

/// <summary>A bug answers 500 with a correlation id and nothing of its internals, on the API and on pages.</summary>
public sealed class UnexpectedErrorTests
{
    [Fact]
    public async Task A_failure_inside_a_handler_is_a_500_with_only_a_correlation_id()
    {
        await using var app = new BrokenDatabaseApp();
        using var hr = app.ClientFor("hr");
        var response = await hr.GetAsync(new Uri("/api/v1/people", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret connection detail", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        var correlationId = (await response.ReadJsonAsync()).GetProperty("correlationId").GetString();
        Assert.Matches("^[0-9a-f]{32}$", correlationId);
    }

    private sealed class BrokenDatabaseApp : TestApp
    {
        protected override void Configure(IWebHostBuilder builder) =>
            builder.ConfigureTestServices(services => services.AddSingleton<IDbContextFactory<AppDbContext>, ThrowingFactory>());
    }

    private sealed class ThrowingFactory : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => throw new InvalidOperationException("secret connection detail");
    }
}
