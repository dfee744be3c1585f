using System.CommandLine;
using Microsoft.Data.Sqlite;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Demo;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Infrastructure.Cli;

/// <summary>
/// The operator's command line: the same program and configuration as the web app
/// (see docs/operations.md). Exit code 0 on success, 1 on a refused or failed command.
/// </summary>
public static class OperatorCommands
{
    private static readonly string[] Names = ["migrate", "seed-demo", "create-admin", "backup", "restore", "score"];

    public static bool Handles(string[] args) => args.Length > 0 && Names.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("ServiceMark operator commands");

        var migrate = new Command("migrate", "Apply pending database migrations.");
        migrate.SetAction((_, ct) => WithHost(async app => { await MigrateAsync(app, ct); await Console.Out.WriteLineAsync("Database is up to date."); return 0; }));

        var tickets = new Option<int>("--tickets") { Description = "Also generate this many historical tickets (e.g. 100000) for volume tests.", DefaultValueFactory = _ => 0 };
        var people = new Option<int>("--people") { Description = "Grow the organisation to this many people with extra engineers (e.g. 2000) for scoring tests.", DefaultValueFactory = _ => 0 };
        var lifecycle = new Option<int>("--lifecycle-tickets")
        {
            Description = "On SQLite, how many of the tickets take the real lifecycle; the rest are copies made in SQL (faster).",
            DefaultValueFactory = _ => DemoHistory.LifecycleTickets,
        };
        var parts = new Option<int>("--parts") { Description = "Grow the parts catalogue to this many parts (e.g. 2000) for volume tests.", DefaultValueFactory = _ => 0 };
        var ledger = new Option<int>("--ledger-entries")
        {
            Description = "Also generate a year of stock movements: this many ledger entries (e.g. 1000000), balances to match.", DefaultValueFactory = _ => 0,
        };
        var seedDemo = new Command("seed-demo", "Seed the demo company into an empty database (not in Production).") { tickets, people, lifecycle, parts, ledger };
        seedDemo.SetAction((parse, ct) => WithHost(async app =>
        {
            if (app.Environment.IsProduction())
            {
                await Console.Error.WriteLineAsync("seed-demo is refused in Production: demo sign-ins share a published password.");
                return 1;
            }

            await MigrateAsync(app, ct);
            await using var scope = app.Services.CreateAsyncScope();
            var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(ct);
            await Console.Out.WriteLineAsync(seeded ? "Demo company seeded." : "The database already has an organisation; nothing seeded.");
            if (parse.GetValue(people) is > 0 and var total)
            {
                await scope.ServiceProvider.GetRequiredService<DemoHistory>().AddEngineersAsync(total, Console.Out, ct);
            }

            if (parse.GetValue(tickets) is > 0 and var count)
            {
                await scope.ServiceProvider.GetRequiredService<DemoHistory>().GenerateAsync(count, Console.Out, parse.GetValue(lifecycle), ct);
            }

            if (parse.GetValue(ledger) is > 0 and var entries)
            {
                await scope.ServiceProvider.GetRequiredService<DemoPartsHistory>().GenerateAsync(Math.Max(parse.GetValue(parts), 12), entries, Console.Out, ct);
            }

            DemoSeeder.PrintSignIns(Console.Out);
            return 0;
        }));

        var userName = new Option<string>("--user-name") { Description = "The administrator's user name.", DefaultValueFactory = _ => "admin" };
        var createAdmin = new Command("create-admin", "Create an administrator with a generated password, printed once.") { userName };
        createAdmin.SetAction((parse, ct) => WithHost(async app =>
        {
            await MigrateAsync(app, ct);
            await using var scope = app.Services.CreateAsyncScope();
            try
            {
                var (name, password) = await scope.ServiceProvider.GetRequiredService<AdminAccounts>().CreateAsync(parse.GetValue(userName)!, ct);
                await Console.Out.WriteLineAsync($"Created administrator '{name}' with password: {password}");
                return 0;
            }
            catch (InvalidOperationException e)
            {
                await Console.Error.WriteLineAsync($"Could not create the administrator: {e.Message}");
                return 1;
            }
        }));

        var backupFile = new Argument<FileInfo>("file") { Description = "Where to write the backup (must not exist)." };
        var backup = new Command("backup", "Online backup of the SQLite database to a file.") { backupFile };
        backup.SetAction((parse, _) => WithHost(app => Task.FromResult(SqliteBackup.Backup(app.Configuration, parse.GetValue(backupFile)!))));

        var restoreFile = new Argument<FileInfo>("file") { Description = "A backup made with the backup command." };
        var restore = new Command("restore", "Replace the SQLite database with a backup (stop the app first).") { restoreFile };
        restore.SetAction((parse, ct) => WithHost(async app =>
        {
            var code = SqliteBackup.Restore(app.Configuration, parse.GetValue(restoreFile)!);
            if (code == 0)
            {
                await MigrateAsync(app, ct);
            }

            return code;
        }));

        // Offline scoring needs no database: HR tries a plan file against a facts file before adopting it (docs/assessment-plans.md).
        var planFile = new Option<FileInfo>("--plan") { Description = "The plan document (JSON).", Required = true };
        var factsFile = new Option<FileInfo>("--facts") { Description = "The facts file: indicator code → input (JSON).", Required = true };
        var score = new Command("score", "Score a plan file against a facts file and print the score sheet as JSON.") { planFile, factsFile };
        score.SetAction(async (parse, ct) =>
        {
            var plan = parse.GetValue(planFile)!;
            var facts = parse.GetValue(factsFile)!;
            foreach (var file in new[] { plan, facts }.Where(f => !f.Exists))
            {
                await Console.Error.WriteLineAsync($"{file.FullName}: no such file.");
                return 2;
            }

            var result = Domain.Assessment.Plans.OfflineScoring.Run(await File.ReadAllTextAsync(plan.FullName, ct), await File.ReadAllTextAsync(facts.FullName, ct));
            if (!result.Succeeded)
            {
                foreach (var e in result.Refusal!.Errors.DefaultIfEmpty(new Domain.Common.FieldError("", result.Refusal.Code, result.Refusal.Message)))
                {
                    await Console.Error.WriteLineAsync($"{e.Field}: {e.Message}");
                }

                return 1;
            }

            await Console.Out.WriteLineAsync(result.Value);
            return 0;
        });

        root.Subcommands.Add(score);
        root.Subcommands.Add(migrate);
        root.Subcommands.Add(seedDemo);
        root.Subcommands.Add(createAdmin);
        root.Subcommands.Add(backup);
        root.Subcommands.Add(restore);
        return await root.Parse(args).InvokeAsync();
    }

    private static async Task<int> WithHost(Func<WebApplication, Task<int>> action)
    {
        var builder = WebApplication.CreateBuilder(AppContentRoot.Options([]));
        builder.AddServiceMark();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        await using var app = builder.Build();
        return await action(app);
    }

    private static async Task MigrateAsync(WebApplication app, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var startup = await DatabaseSetup.StartupLockAsync(db, ct);
        await DatabaseSetup.MigrateAsync(db, ct);
        await ReferenceData.SeedAsync(db, ct);
        await scope.ServiceProvider.GetRequiredService<Features.Tickets.TicketOutcomes>().BackfillAsync(db, ct);
    }
}

/// <summary>SQLite online backup and restore through SQLite's backup API (consistent while the app writes).</summary>
public static class SqliteBackup
{
    public static int Backup(IConfiguration config, FileInfo target)
    {
        if (DatabaseSetup.ProviderFrom(config) != DatabaseProvider.Sqlite)
        {
            Console.Error.WriteLine("backup works on the SQLite database; for PostgreSQL use pg_dump (see docs/operations.md).");
            return 1;
        }

        if (File.Exists(target.FullName))
        {
            Console.Error.WriteLine($"{target.FullName} already exists; choose a new file name.");
            return 1;
        }

        target.Directory?.Create();
        using var source = new SqliteConnection(DatabaseSetup.SqliteConnectionString(config));
        using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target.FullName, Pooling = false }.ToString());
        source.Open();
        destination.Open();
        source.BackupDatabase(destination);
        Console.WriteLine($"Backup written to {target.FullName} ({new FileInfo(target.FullName).Length:N0} bytes).");
        return 0;
    }

    public static int Restore(IConfiguration config, FileInfo backupFile)
    {
        if (DatabaseSetup.ProviderFrom(config) != DatabaseProvider.Sqlite)
        {
            Console.Error.WriteLine("restore works on the SQLite database; for PostgreSQL use pg_restore (see docs/operations.md).");
            return 1;
        }

        if (!File.Exists(backupFile.FullName))
        {
            Console.Error.WriteLine($"{backupFile.FullName} does not exist.");
            return 1;
        }

        using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backupFile.FullName, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        source.Open();
        if (!IsServiceMarkDatabase(source, out var problem))
        {
            Console.Error.WriteLine($"{backupFile.FullName} is not a usable ServiceMark backup: {problem}");
            return 1;
        }

        using var destination = new SqliteConnection(DatabaseSetup.SqliteConnectionString(config));
        destination.Open();
        source.BackupDatabase(destination);
        SqliteConnection.ClearAllPools();
        Console.WriteLine($"Restored the database from {backupFile.FullName}.");
        return 0;
    }

    private static bool IsServiceMarkDatabase(SqliteConnection connection, out string problem)
    {
        try
        {
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            if (check.ExecuteScalar() as string != "ok")
            {
                problem = "integrity check failed";
                return false;
            }

            check.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name='__EFMigrationsHistory';";
            problem = "it has no ServiceMark migration history";
            return Convert.ToInt64(check.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
        }
        catch (SqliteException e)
        {
            problem = e.Message;
            return false;
        }
    }
}
