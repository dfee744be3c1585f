using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Demo;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Tests.Operations;

/// <summary>
/// A route or query value that does not parse (?from=abc) is a 400 ProblemDetails naming the parameter in Production too —
/// where ASP.NET Core would otherwise answer an empty 400 — never a 500.
/// </summary>
public sealed class QueryBindingTests
{
    [Fact]
    public async Task Outside_development_a_query_value_that_does_not_parse_is_a_400_naming_the_parameter()
    {
        await using var app = new ProductionApp();
        app.ClientFor(null).Dispose(); // starts the host: the generated admin exists
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var admin = (await users.FindByNameAsync("admin"))!;
            Assert.True((await users.RemovePasswordAsync(admin)).Succeeded);
            Assert.True((await users.AddPasswordAsync(admin, DemoSeeder.DemoPassword)).Succeeded);
        }

        using var client = app.ClientFor("admin");
        var refused = await client.GetAsync(new Uri("/api/v1/assessment/plan-review?code=x&from=abc", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["from"], await refused.FieldErrorsAsync());

        var missing = await client.GetAsync(new Uri("/api/v1/assessment/plan-review?code=x&to=2026-02-30", UriKind.Relative));
        Assert.Equal(["to"], await missing.FieldErrorsAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/assessment/plan-review?code=x&from=2026-01-01", UriKind.Relative))).StatusCode);
    }

    private sealed class ProductionApp : TestApp
    {
        protected override void Configure(IWebHostBuilder builder) => builder.UseEnvironment("Production");
    }
}
