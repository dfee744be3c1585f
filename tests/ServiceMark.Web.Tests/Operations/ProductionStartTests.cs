using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Tests.Infrastructure;

namespace ServiceMark.Web.Tests.Operations;

/// <summary>Outside Development there is no demo data and no well-known password: only a generated admin.</summary>
public sealed class ProductionStartTests
{
    [Fact]
    public async Task First_production_start_creates_one_admin_and_no_demo_data_even_if_demo_mode_is_set()
    {
        await using var app = new ProductionApp();
        app.ClientFor(null).Dispose(); // starts the host

        var users = await app.WithDbAsync(db => db.Users.ToListAsync());
        var admin = Assert.Single(users);
        Assert.Equal("admin", admin.UserName);
        Assert.True(admin.IsAdministrator);
        Assert.False(await app.WithDbAsync(db => db.People.AnyAsync()));

        using var client = app.ClientFor(null);
        var demo = await client.PostAsync(new Uri("/api/v1/auth/token", UriKind.Relative),
            System.Net.Http.Json.JsonContent.Create(new { userName = "admin", password = Web.Features.Demo.DemoSeeder.DemoPassword }));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, demo.StatusCode);
    }

    private sealed class ProductionApp : TestApp
    {
        protected override void Configure(IWebHostBuilder builder) => builder.UseEnvironment("Production");
    }
}
