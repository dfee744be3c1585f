using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Web.Data;

namespace ServiceMark.Tests.Infrastructure;

/// <summary>
/// The database's plan for a statement, to assert that it reads an index instead of scanning a table — a regression
/// test that does not time anything. SQLite: the detail lines of EXPLAIN QUERY PLAN. PostgreSQL: the lines of EXPLAIN,
/// with sequential scans priced out, so a test database of a few rows still shows whether an index can serve the query.
/// </summary>
public static class QueryPlans
{
    public static Task<IReadOnlyList<string>> PlanAsync(AppDbContext db, string sql) => PlanAsync(db, sql, []);

    /// <summary>The plan of a statement with its parameters bound (PostgreSQL plans only a statement whose parameters have values).</summary>
    public static async Task<IReadOnlyList<string>> PlanAsync(AppDbContext db, string sql, IReadOnlyList<DbParameter> parameters)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            if (db.Database.IsNpgsql())
            {
                await ExecuteAsync(connection, "SET enable_seqscan = off");
                try
                {
                    return await LinesAsync(connection, "EXPLAIN " + sql, column: 0, parameters);
                }
                finally
                {
                    await ExecuteAsync(connection, "RESET enable_seqscan");
                }
            }

            return await LinesAsync(connection, "EXPLAIN QUERY PLAN " + sql, column: 3, parameters);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Whether a plan line scans the table itself (SQLite "SCAN t" without an index, PostgreSQL "Seq Scan on t"). Reading the
    /// rows a subquery yields as it makes them (SQLite "CO-ROUTINE r" … "SCAN r") scans no table.
    /// </summary>
    public static bool ScansTable(IEnumerable<string> plan, string table)
    {
        var lines = plan.ToList();
        var subqueries = lines.Where(l => l.StartsWith("CO-ROUTINE ", StringComparison.Ordinal)).Select(l => "SCAN " + l["CO-ROUTINE ".Length..].Trim()).ToHashSet();
        return lines.Any(line => (line.StartsWith("SCAN ", StringComparison.Ordinal) && !line.Contains("INDEX", StringComparison.Ordinal)
                                  && !line.Contains("CONSTANT ROW", StringComparison.Ordinal) && !subqueries.Contains(line.Trim()))
                                 || line.Contains($"Seq Scan on \"{table}\"", StringComparison.Ordinal) || line.Contains($"Seq Scan on {table}", StringComparison.Ordinal));
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<IReadOnlyList<string>> LinesAsync(DbConnection connection, string sql, int column, IReadOnlyList<DbParameter> parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var parameter in parameters)
        {
            var copy = command.CreateParameter();
            copy.ParameterName = parameter.ParameterName;
            copy.Value = parameter.Value;
            command.Parameters.Add(copy);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(column).Trim());
        }

        return lines;
    }
}
