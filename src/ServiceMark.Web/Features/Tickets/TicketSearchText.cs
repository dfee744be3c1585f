using System.Text;

namespace ServiceMark.Web.Features.Tickets;

/// <summary>
/// The text index behind ticket search (docs/decisions/0004-ticket-lists-and-search.md). Trigrams, so that a part of a
/// Chinese word or of a serial number is found: SQLite FTS5 with the trigram tokenizer, PostgreSQL pg_trgm. A trigram
/// index cannot see a two-character term inside a word, so every field is stored between two <see cref="Boundary"/>
/// characters and a two-character term matches a field that starts or ends with it (a two-character name in full, a
/// customer by the first or last two characters of its name).
/// </summary>
public static class TicketSearchText
{
    /// <summary>A control character no one types: it separates the fields, so no trigram spans two of them.</summary>
    public const char Boundary = '\u0001';

    public const int MinTermLength = 2;

    /// <summary>The terms of a search: whitespace separates them, each must be found (AND); null when a term is too short.</summary>
    public static IReadOnlyList<string>? Terms(string search)
    {
        var terms = search.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => new string(t.Where(c => !char.IsControl(c)).ToArray()))
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(8)
            .ToList();
        return terms.Count == 0 || terms.Any(t => t.Length < MinTermLength) ? null : terms;
    }

    /// <summary>
    /// A term shaped like a ticket number, a part of one (T20261125, 20261125, the sequence) or a serial number: ASCII letters,
    /// digits and '-', with at least four digits. Its matches are usually few and lie together in time (PostgreSQL reads them
    /// through the text index rather than walking the tickets from the newest: TicketListing).
    /// </summary>
    public static bool LooksLikeNumber(string term) =>
        term.Count(char.IsAsciiDigit) >= 4 && term.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>The FTS5 query: a quoted phrase per term (quotes doubled), a two-character term as "field starts or ends with".</summary>
    public static string Fts5Query(IReadOnlyList<string> terms)
    {
        var query = new StringBuilder();
        foreach (var term in terms)
        {
            if (query.Length > 0)
            {
                query.Append(" AND ");
            }

            var quoted = term.Replace("\"", "\"\"", StringComparison.Ordinal);
            query.Append(term.Length >= 3 ? $"\"{quoted}\"" : $"(\"{Boundary}{quoted}\" OR \"{quoted}{Boundary}\")");
        }

        return query.ToString();
    }

    /// <summary>LIKE patterns for PostgreSQL (backslash escapes): one per term, or two (starts/ends) for a two-character term.</summary>
    public static IReadOnlyList<string[]> LikePatterns(IReadOnlyList<string> terms) =>
        terms.Select(term =>
        {
            var escaped = EscapeLike(term);
            return term.Length >= 3 ? new[] { $"%{escaped}%" } : [$"%{Boundary}{escaped}%", $"%{escaped}{Boundary}%"];
        }).ToList();

    /// <summary>A term as literal text inside a LIKE pattern whose escape character is a backslash.</summary>
    public static string EscapeLike(string term) =>
        term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>The indexed text of a ticket in PostgreSQL: the expression of the pg_trgm index, repeated verbatim in the query.</summary>
    public const string PostgresExpression =
        "(chr(1) || \"Number\" || chr(1) || \"ContactName\" || chr(1) || coalesce(\"SerialNumber\", '') || chr(1) || \"FaultDescription\" || chr(1))";

    /// <summary>
    /// PostgreSQL, a two-character term: the first and last two characters of each field, lower-cased, in a GIN array index
    /// (repeated verbatim in the query). "Starts or ends with" exactly, where the trigram index cannot see the boundary.
    /// </summary>
    public const string PostgresEdgesExpression =
        "(ARRAY[lower(left(\"Number\", 2)), lower(right(\"Number\", 2)), lower(left(\"ContactName\", 2)), lower(right(\"ContactName\", 2)), " +
        "lower(left(coalesce(\"SerialNumber\", ''), 2)), lower(right(coalesce(\"SerialNumber\", ''), 2)), " +
        "lower(left(\"FaultDescription\", 2)), lower(right(\"FaultDescription\", 2))])";

    /// <summary>The indexed text of the ticket aliased <paramref name="alias"/>, as the SQLite triggers write it and a LIKE reads it.</summary>
    public static string SqliteText(string alias) => string.Format(System.Globalization.CultureInfo.InvariantCulture, SqliteBody, alias);

    /// <summary>What the SQLite triggers write for a ticket (a contentless FTS5 row whose rowid is the ticket's id).</summary>
    private const string SqliteBody =
        "char(1) || {0}.\"Number\" || char(1) || {0}.\"ContactName\" || char(1) || coalesce({0}.\"SerialNumber\", '') || char(1) || " +
        "coalesce((SELECT c.\"Name\" FROM \"Customers\" AS c WHERE c.\"Id\" = {0}.\"CustomerId\"), '') || char(1) || {0}.\"FaultDescription\" || char(1)";

    /// <summary>
    /// The SQLite schema: a contentless FTS5 table (the text is in ServiceTickets already; contentless_delete lets a
    /// trigger replace a row by its rowid) kept by triggers, so every write path — the API, the seed's SQL copies,
    /// a customer's rename — keeps it current without the application remembering to.
    /// </summary>
    public static string[] SqliteCreate() =>
    [
        "CREATE VIRTUAL TABLE \"TicketSearch\" USING fts5(\"Body\", tokenize='trigram', content='', contentless_delete=1);",
        $"INSERT INTO \"TicketSearch\"(rowid, \"Body\") SELECT t.\"Id\", {string.Format(SqliteBody, "t")} FROM \"ServiceTickets\" AS t;",
        $"""
         CREATE TRIGGER "TR_ServiceTickets_Search_Insert" AFTER INSERT ON "ServiceTickets" BEGIN
           INSERT INTO "TicketSearch"(rowid, "Body") VALUES (new."Id", {string.Format(SqliteBody, "new")});
         END;
         """,
        $"""
         CREATE TRIGGER "TR_ServiceTickets_Search_Update" AFTER UPDATE OF "Number", "ContactName", "SerialNumber", "FaultDescription", "CustomerId" ON "ServiceTickets" BEGIN
           DELETE FROM "TicketSearch" WHERE rowid = old."Id";
           INSERT INTO "TicketSearch"(rowid, "Body") VALUES (new."Id", {string.Format(SqliteBody, "new")});
         END;
         """,
        """
        CREATE TRIGGER "TR_ServiceTickets_Search_Delete" AFTER DELETE ON "ServiceTickets" BEGIN
          DELETE FROM "TicketSearch" WHERE rowid = old."Id";
        END;
        """,
        $"""
         CREATE TRIGGER "TR_Customers_Search_Rename" AFTER UPDATE OF "Name" ON "Customers" BEGIN
           DELETE FROM "TicketSearch" WHERE rowid IN (SELECT t."Id" FROM "ServiceTickets" AS t WHERE t."CustomerId" = new."Id");
           INSERT INTO "TicketSearch"(rowid, "Body") SELECT t."Id", {string.Format(SqliteBody, "t")} FROM "ServiceTickets" AS t WHERE t."CustomerId" = new."Id";
         END;
         """,
    ];

    public static string[] SqliteDrop() =>
    [
        "DROP TRIGGER IF EXISTS \"TR_Customers_Search_Rename\";",
        "DROP TRIGGER IF EXISTS \"TR_ServiceTickets_Search_Delete\";",
        "DROP TRIGGER IF EXISTS \"TR_ServiceTickets_Search_Update\";",
        "DROP TRIGGER IF EXISTS \"TR_ServiceTickets_Search_Insert\";",
        "DROP TABLE IF EXISTS \"TicketSearch\";",
    ];

    /// <summary>pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it.</summary>
    public static string[] PostgresCreate() =>
    [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm;",
        $"CREATE INDEX \"IX_ServiceTickets_SearchText\" ON \"ServiceTickets\" USING gin ({PostgresExpression} gin_trgm_ops);",
        "CREATE INDEX \"IX_Customers_Name_Trgm\" ON \"Customers\" USING gin (\"Name\" gin_trgm_ops);",
    ];

    /// <summary>The index of the fields' edges (two-character terms): migration TicketSearchEdges.</summary>
    public static string PostgresEdgesCreate() =>
        $"CREATE INDEX IF NOT EXISTS \"IX_ServiceTickets_SearchEdges\" ON \"ServiceTickets\" USING gin ({PostgresEdgesExpression});";

    public const string PostgresEdgesDrop = "DROP INDEX IF EXISTS \"IX_ServiceTickets_SearchEdges\";";

    public static string[] PostgresDrop() =>
    [
        "DROP INDEX IF EXISTS \"IX_Customers_Name_Trgm\";",
        "DROP INDEX IF EXISTS \"IX_ServiceTickets_SearchText\";",
    ];
}
