using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Cli;

// Operator commands (migrate, seed-demo, create-admin, backup, restore) share the app's configuration.
if (OperatorCommands.Handles(args))
{
    return await OperatorCommands.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(AppContentRoot.Options(args));
builder.AddServiceMark();

var app = builder.Build();
app.UseServiceMark();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so that the tests' WebApplicationFactory can host it.</summary>
public partial class Program;
