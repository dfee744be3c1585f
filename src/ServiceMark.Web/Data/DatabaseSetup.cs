using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ServiceMark.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Chooses the provider from configuration (`Database:Provider`, `ConnectionStrings:ServiceMark`).</summary>
public static class DatabaseSetup
{
    public static DatabaseProvider ProviderFrom(IConfiguration config) =>
        string.Equals(config["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase)
        || string.Equals(config["Database:Provider"], "PostgreSQL", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    /// <summary>The SQLite connection string: configured, or `servicemark.db` in the data directory (default ./data).</summary>
    public static string SqliteConnectionString(IConfiguration config)
    {
        var configured = config.GetConnectionString("ServiceMark");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var dataDirectory = Path.GetFullPath(config["ServiceMark:DataDirectory"] ?? "data");
        Directory.CreateDirectory(dataDirectory);
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "servicemark.db") }.ToString();
    }

    public static IServiceCollection AddServiceMarkDatabase(this IServiceCollection services, IConfiguration config)
    {
        if (ProviderFrom(config) == DatabaseProvider.Postgres)
        {
            var connectionString = config.GetConnectionString("ServiceMark")
                ?? throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:ServiceMark is not set.");
            services.AddDbContextFactory<PostgresAppDbContext>(o => o.UseNpgsql(connectionString).LogFailuresWhereTheyAreHandled());
            Register<PostgresAppDbContext>(services);
        }
        else
        {
            var pragmas = new SqlitePragmas(config["Database:SqliteSynchronous"] ?? "FULL");
            var connectionString = SqliteConnectionString(config);
            services.AddDbContextFactory<SqliteAppDbContext>(o => o.UseSqlite(connectionString).AddInterceptors(pragmas).LogFailuresWhereTheyAreHandled());
            Register<SqliteAppDbContext>(services);
        }

        return services;
    }

    /// <summary>
    /// EF Core logs every failed save and command as an error with its stack trace before the app has decided what the failure
    /// means. The app decides: UnexpectedErrorHandler logs bugs with their stack and answers a lost race (409) or an unreachable
    /// database (503) without one; jobs and the circuit host log their own failures. So EF's own lines are debug output, and an
    /// expected race (two instances drawing a code, the migrator probing its history table on a new database) logs no error.
    /// </summary>
    private static DbContextOptionsBuilder LogFailuresWhereTheyAreHandled(this DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(w => w.Log(
            (CoreEventId.SaveChangesFailed, LogLevel.Debug),
            (RelationalEventId.CommandError, LogLevel.Debug)));

    private static void Register<TContext>(IServiceCollection services)
        where TContext : AppDbContext
    {
        services.AddSingleton<IDbContextFactory<AppDbContext>, ProviderContextFactory<TContext>>();
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext());
    }

    /// <summary>Applies pending migrations; on SQLite also switches the file to WAL (a persistent setting).</summary>
    public static async Task MigrateAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        // Only when a migration is pending: MigrateAsync also builds the last migration's model and compares it with the
        // app's (a check for development), which every start paid for nothing (≈ 130 ms of start-up).
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>The PostgreSQL advisory-lock key of startup ("ServMark" in ASCII); any constant shared by all instances would do.</summary>
    internal const long StartupLockKey = 0x53657276_4D61726B;

    /// <summary>
    /// Serialises what every instance does once at start (migrating, first-run seeding, creating the first data-protection
    /// key) across the instances on one database, so that two started at the same moment do not both create the tables or
    /// the seed rows. On PostgreSQL: a session advisory lock, on a connection of its own (unpooled, so ending it surely
    /// ends the lock, also when the process dies). On SQLite: none. Only one process serves a SQLite file (docs/operations.md);
    /// EF Core's migrator takes its own lock, and the operator commands that may run beside the app (backup) do not seed.
    /// </summary>
    public static async Task<IAsyncDisposable> StartupLockAsync(AppDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return NoLock.Instance;
        }

        var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new Npgsql.NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", StartupLockKey);
            command.CommandTimeout = 0; // waits as long as the other instance's start takes; its crash ends its session and the lock
            await command.ExecuteNonQueryAsync(ct);
            return new PostgresLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class PostgresLock(Npgsql.NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            // Closing the (unpooled) session releases the lock; the explicit unlock only makes it immediate and visible.
            try
            {
                await using var command = new Npgsql.NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", StartupLockKey);
                await command.ExecuteNonQueryAsync();
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }

    private sealed class ProviderContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<AppDbContext>
        where TContext : AppDbContext
    {
        public AppDbContext CreateDbContext() => inner.CreateDbContext();
    }
}

/// <summary>
/// Per-connection SQLite settings: foreign keys on, a busy timeout so writers queue instead of failing,
/// and synchronous=FULL so that a confirmed commit survives a power cut (NORMAL is an opt-in).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private readonly string commandText;

    public SqlitePragmas(string synchronous)
    {
        var mode = synchronous.ToUpperInvariant() switch
        {
            "NORMAL" => "NORMAL",
            "EXTRA" => "EXTRA",
            _ => "FULL",
        };
        commandText = $"PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000; PRAGMA synchronous={mode};";
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The physical connections already set up. Microsoft.Data.Sqlite pools them: every DbContext opens a new SqliteConnection
    /// over a pooled native handle that keeps its PRAGMAs, so they are sent once per handle, not on every open (every request).
    /// Weak keys: a handle the pool closes drops out by itself.
    /// </summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> prepared = new();

    private void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } && !prepared.TryAdd(handle, handle))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = commandText;
        command.ExecuteNonQuery();
    }
}
