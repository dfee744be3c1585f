using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Tests.ServiceFacts;

/// <summary>
/// The plan of a facts statement with its parameters bound (PostgreSQL's EXPLAIN needs their values; SQLite's EXPLAIN
/// QUERY PLAN does not mind). SQLite: the detail lines; PostgreSQL: EXPLAIN's lines with sequential scans priced out,
/// so that a test database of a few rows still shows whether an index can serve the statement.
/// </summary>
internal static class FactPlans
{
    public static async Task<IReadOnlyList<string>> PlanAsync(AppDbContext db, string sql, DateTime fromUtc, DateTime toUtc)
    {
        var postgres = db.Database.IsNpgsql();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            if (postgres)
            {
                await ExecuteAsync(connection, "SET enable_seqscan = off");
            }

            await using var command = connection.CreateCommand();
            command.CommandText = (postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + sql;
            var splits = Enumerable.Range(0, 20).Select(i => ($"split{i}", (object)""));
            foreach (var (name, value) in new (string, object)[] { ("from", fromUtc), ("to", toUtc), ("split", ""), ("take", 50), ("skip", 0) }.Concat(splits))
            {
                if (System.Text.RegularExpressions.Regex.IsMatch(sql, $"@{name}\\b"))
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = value;
                    command.Parameters.Add(parameter);
                }
            }

            var lines = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(postgres ? 0 : 3).Trim());
            }

            return lines;
        }
        finally
        {
            if (postgres)
            {
                await ExecuteAsync(connection, "RESET enable_seqscan");
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
