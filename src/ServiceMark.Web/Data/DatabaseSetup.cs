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
            services.AddDbContextFactory<PostgresAppDbContext>(o => o.UseNpgsql(connectionString));
            Register<PostgresAppDbContext>(services);
        }
        else
        {
            var pragmas = new SqlitePragmas(config["Database:SqliteSynchronous"] ?? "FULL");
            var connectionString = SqliteConnectionString(config);
            services.AddDbContextFactory<SqliteAppDbContext>(o => o.UseSqlite(connectionString).AddInterceptors(pragmas));
            Register<SqliteAppDbContext>(services);
        }

        return services;
    }

    private static void Register<TContext>(IServiceCollection services)
        where TContext : AppDbContext
    {
        services.AddSingleton<IDbContextFactory<AppDbContext>, ProviderContextFactory<TContext>>();
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext());
    }

    /// <summary>Applies pending migrations; on SQLite also switches the file to WAL (a persistent setting).</summary>
    public static async Task MigrateAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
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

    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = commandText;
        command.ExecuteNonQuery();
    }
}
