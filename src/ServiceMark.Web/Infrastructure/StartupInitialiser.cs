using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Calendars;
using ServiceMark.Web.Features.Demo;
using ServiceMark.Web.Features.ServiceLevels;
using ServiceMark.Web.Features.Tickets;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Infrastructure;

/// <summary>
/// Runs before the app takes requests: applies migrations, then either seeds the demo company (demo mode,
/// never in Production) or, on a first production run, creates an administrator with a generated password; and makes
/// sure the shared data-protection key ring has a key. All of it under the database's startup lock, so that instances
/// started at the same moment on one database do it one after the other (the later one finds it done).
/// </summary>
internal sealed partial class StartupInitialiser(
    IServiceProvider services,
    IOptions<ServiceMarkOptions> options,
    IHostEnvironment environment,
    ILogger<StartupInitialiser> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var startup = await DatabaseSetup.StartupLockAsync(db, cancellationToken);
        await DatabaseSetup.MigrateAsync(db, cancellationToken);

        // Under the lock, so instances started together agree on one key instead of each creating its own.
        scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("ServiceMark.Startup").Protect([1]);
        await ReferenceData.SeedAsync(db, cancellationToken);

        // Tickets recorded before service-level outcomes were stored are measured once; later starts find none.
        await scope.ServiceProvider.GetRequiredService<TicketOutcomes>().BackfillAsync(db, cancellationToken);

        if (options.Value.DemoMode && environment.IsProduction())
        {
            LogDemoRefused(logger);
        }
        else if (options.Value.DemoMode)
        {
            var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
            if (await seeder.SeedAsync(cancellationToken) && options.Value.DemoHistoryTickets > 0)
            {
                await scope.ServiceProvider.GetRequiredService<DemoHistory>().GenerateAsync(options.Value.DemoHistoryTickets, Console.Out, ct: cancellationToken);
                await scope.ServiceProvider.GetRequiredService<DemoAssessment>().SeedAsync(Console.Out, cancellationToken);
            }

            DemoSeeder.PrintSignIns(Console.Out);
            return;
        }

        if (!await db.Users.AnyAsync(cancellationToken))
        {
            var admins = scope.ServiceProvider.GetRequiredService<AdminAccounts>();
            var (userName, password) = await admins.CreateAsync("admin", cancellationToken);
            await Console.Out.WriteLineAsync(
                $"First run: created administrator '{userName}' with password: {password}{Environment.NewLine}" +
                "This password is shown once. Sign in and change it.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "ServiceMark:DemoMode is ignored in Production: no demo data or demo sign-ins are created.")]
    private static partial void LogDemoRefused(ILogger logger);
}
