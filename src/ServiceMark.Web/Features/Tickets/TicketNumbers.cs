using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Features.Tickets;

/// <summary>
/// Ticket numbers (R-TKT-3): T + local date + a 4-digit sequence of the day, e.g. T202611250007, drawn from the day's counter
/// row (<see cref="TicketNumberCounter"/>) by one atomic statement — UPDATE … RETURNING, or for the day's first ticket an
/// INSERT … ON CONFLICT DO UPDATE … RETURNING, the same SQL on SQLite and PostgreSQL. Drawn inside the transaction that
/// writes the ticket (docs/decisions/0005-ticket-creation-path.md): the counter row stays locked until that commit, so
/// concurrent creations, in one instance or several, never pick the same number and a rolled-back creation gives its
/// number back instead of leaving a gap. The first ticket of a day starts the counter after any number already given.
/// </summary>
public static class TicketNumbers
{
    /// <summary>
    /// The next number of <paramref name="today"/>. <paramref name="atLeastAfter"/> skips past a sequence found taken (a ticket
    /// numbered before the counter existed, or by a writer that does not use it): the counter jumps past it in the same statement.
    /// </summary>
    public static async Task<string> DrawAsync(AppDbContext db, DateOnly today, int atLeastAfter, CancellationToken ct)
    {
        var day = today.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var prefix = "T" + day;
        var drawn = await db.Database.SqlQuery<int>(
                $"""
                 UPDATE "TicketNumberCounters" SET "Last" = CASE WHEN "Last" < {atLeastAfter} THEN {atLeastAfter} ELSE "Last" END + 1
                 WHERE "Day" = {day} RETURNING "Last" AS "Value"
                 """)
            .ToListAsync(ct);
        if (drawn.Count == 0)
        {
            var last = await db.Tickets.Where(t => t.Number.StartsWith(prefix)).OrderByDescending(t => t.Number).Select(t => t.Number).FirstOrDefaultAsync(ct);
            var first = Math.Max(last is null ? 0 : SequenceOf(last, prefix), atLeastAfter) + 1;

            // Another creation may start the day's counter at the same moment: then this one draws the next number from it.
            drawn = await db.Database.SqlQuery<int>(
                    $"""
                     INSERT INTO "TicketNumberCounters" ("Day", "Last") VALUES ({day}, {first})
                     ON CONFLICT ("Day") DO UPDATE SET "Last" = "TicketNumberCounters"."Last" + 1
                     RETURNING "Last" AS "Value"
                     """)
                .ToListAsync(ct);
        }

        return prefix + drawn.Single().ToString("D4", CultureInfo.InvariantCulture);
    }

    /// <summary>The day's sequence of a number of that day; 0 for a number that does not end in one (e.g. a copy's "…-2").</summary>
    public static int SequenceOf(string number, string prefix) =>
        number.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(number.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : 0;
}
