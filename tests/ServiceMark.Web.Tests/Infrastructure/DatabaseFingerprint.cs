using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Web.Data;

namespace ServiceMark.Tests.Infrastructure;

/// <summary>
/// A cheap picture of the whole database: the row count of every table and the sum of its Version column where it has one
/// (every edit bumps a version, every insert or delete moves a count). Equal fingerprints before and after a refused
/// request show it changed nothing; one query, so a sweep can take one after each write.
/// </summary>
public sealed class DatabaseFingerprint
{
    /// <summary>Tables that change without a request: the background jobs' leases.</summary>
    private static readonly string[] Ignored = ["JobLeases"];

    private readonly TestApp app;
    private readonly List<string> tables = [];
    private string? sql;

    public DatabaseFingerprint(TestApp app) => this.app = app;

    public async Task<IReadOnlyDictionary<string, string>> TakeAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        sql ??= Build(db);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var picture = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < tables.Count; i++)
        {
            picture[tables[i]] = Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
        }

        return picture;
    }

    /// <summary>The tables whose picture differs, "People: 30/41 → 31/41".</summary>
    public static List<string> Differences(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        before.Where(b => after[b.Key] != b.Value).Select(b => $"{b.Key}: {b.Value} → {after[b.Key]}").ToList();

    private string Build(AppDbContext db)
    {
        var parts = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && e.FindOwnership() is null)
                     .GroupBy(e => e.GetTableName()!).Select(g => g.First()).OrderBy(e => e.GetTableName(), StringComparer.Ordinal))
        {
            var table = entity.GetTableName()!;
            if (Ignored.Contains(table))
            {
                continue;
            }

            var version = entity.FindProperty("Version") is { } property && property.ClrType == typeof(int) ? property.GetColumnName() : null;
            var versions = version is null ? "0" : $"COALESCE(SUM(\"{version}\"), 0)";
            parts.Add($"(SELECT CAST(COUNT(*) AS VARCHAR(20)) || '/' || CAST({versions} AS VARCHAR(20)) FROM \"{table}\")");
            tables.Add(table);
        }

        return "SELECT " + string.Join(", ", parts);
    }
}
