using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using ServiceMark.Domain.Common;

namespace ServiceMark.Web.Data;

/// <summary>
/// Reads a unique-key violation out of a failed save, on SQLite and PostgreSQL alike, and names the request fields it is
/// about through the EF model (the violated index's properties, camelCase as in the JSON bodies). A parallel request that
/// loses the race for a code, an employee number or a date then gets the same 409 as one the handler's own check refused.
/// </summary>
public static class UniqueViolations
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;
    private const string PostgresUniqueViolation = "23505";

    /// <summary>The refusal for a save that broke a unique key; null when <paramref name="exception"/> is something else.</summary>
    public static Refusal? Describe(DbUpdateException exception, IModel model)
    {
        var fields = exception.InnerException switch
        {
            SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey } e =>
                SqliteFields(e.Message, model),
            PostgresException { SqlState: PostgresUniqueViolation } e => PostgresFields(e.ConstraintName, e.TableName, model),
            _ => null,
        };
        return fields switch
        {
            null => null,
            [] => Refusal.Conflict(Refusal.DuplicateCode, "A value that must be unique is already taken (saved by someone else a moment ago). Reload and try again."),
            _ => Refusal.Duplicate(fields, $"The value of {string.Join(", ", fields)} is already taken (saved by someone else a moment ago). Choose another value or reload."),
        };
    }

    /// <summary>SQLite names table and columns: "SQLite Error 19: 'UNIQUE constraint failed: People.EmployeeNumber'." (several: "T.A, T.B").</summary>
    private static IReadOnlyList<string> SqliteFields(string message, IModel model)
    {
        const string marker = "constraint failed: ";
        var start = message.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }

        var list = message[(start + marker.Length)..].TrimEnd('.', '\'', ' ');
        var columns = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(c => c.Split('.', 2))
            .Where(parts => parts.Length == 2)
            .Select(parts => (Table: parts[0], Column: parts[1]))
            .ToList();
        if (columns.Count == 0)
        {
            return [];
        }

        var table = columns[0].Table;
        var names = columns.Select(c => c.Column).ToList();
        foreach (var entity in model.GetEntityTypes().Where(e => e.GetTableName() == table))
        {
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            var properties = KeysOf(entity).FirstOrDefault(k => k.Select(p => p.GetColumnName(store)).SequenceEqual(names));
            if (properties is not null)
            {
                return FieldsOf(properties);
            }
        }

        return names.Select(JsonNamingPolicy.CamelCase.ConvertName).ToList();
    }

    /// <summary>PostgreSQL names the constraint: a unique index's name ("IX_People_EmployeeNumber") or a key's ("PK_People").</summary>
    private static IReadOnlyList<string> PostgresFields(string? constraint, string? table, IModel model)
    {
        foreach (var entity in model.GetEntityTypes().Where(e => table is null || e.GetTableName() == table))
        {
            var index = entity.GetIndexes().FirstOrDefault(i => i.IsUnique && i.GetDatabaseName() == constraint);
            if (index is not null)
            {
                return FieldsOf(index.Properties);
            }

            var key = entity.GetKeys().FirstOrDefault(k => k.GetName() == constraint);
            if (key is not null)
            {
                return FieldsOf(key.Properties);
            }
        }

        return [];
    }

    private static IEnumerable<IReadOnlyList<IProperty>> KeysOf(IEntityType entity) =>
        entity.GetIndexes().Where(i => i.IsUnique).Select(i => i.Properties)
            .Concat(entity.GetKeys().Select(k => k.Properties));

    /// <summary>
    /// The fields a client can correct: a composite key's foreign keys are its scope (the person a grade belongs to, usually in
    /// the route), so the other columns are named (the date); the last one is the field to correct.
    /// </summary>
    private static IReadOnlyList<string> FieldsOf(IReadOnlyList<IProperty> properties)
    {
        var own = properties.Where(p => !p.IsForeignKey()).ToList();
        return (own.Count > 0 ? own : properties).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToList();
    }
}
