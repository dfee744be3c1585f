using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Calendars;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Features.Calendars;

/// <summary>
/// The business calendars as the domain's immutable <see cref="BusinessCalendar"/>, built from the stored rows and kept
/// in memory: clocks and the breach job ask for the calendar constantly, and building one parses every holiday year.
/// Each use reads the calendar's stored revision (<see cref="StoredCalendar.Version"/>, one small indexed query) and
/// rebuilds when it differs from the built one, so a change saved by any app instance is used by every instance at once.
/// A singleton, safe to call from any thread.
/// </summary>
public sealed class CalendarStore(IDbContextFactory<AppDbContext> contexts)
{
    // Copy on write: readers take the dictionary without a lock.
    private readonly Lock gate = new();
    private Dictionary<int, CalendarInForce> byId = [];

    /// <summary>The calendar marked default (seeded on first run: 中国法定节假日).</summary>
    /// <exception cref="InvalidOperationException">No calendar is marked default, i.e. the first-run seeding has not run.</exception>
    public async Task<BusinessCalendar> GetDefaultAsync(CancellationToken ct = default) => (await GetDefaultInForceAsync(ct)).Calendar;

    /// <summary>The default calendar with its id and stored revision, which a ticket records with its measured clocks.</summary>
    /// <exception cref="InvalidOperationException">No calendar is marked default, i.e. the first-run seeding has not run.</exception>
    public async Task<CalendarInForce> GetDefaultInForceAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var current = await db.Calendars.AsNoTracking().Where(c => c.IsDefault).OrderBy(c => c.Id)
                          .Select(c => new { c.Id, c.Version }).FirstOrDefaultAsync(ct)
                      ?? throw new InvalidOperationException("No business calendar is marked default: the first-run seeding did not run.");
        return Cached(current.Id, current.Version) ?? await LoadAsync(db, current.Id, ct)
            ?? throw new InvalidOperationException("The default business calendar was removed while it was read.");
    }

    /// <summary>The calendar with this id, or null when there is none.</summary>
    public async Task<BusinessCalendar?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var version = await db.Calendars.AsNoTracking().Where(c => c.Id == id).Select(c => (int?)c.Version).FirstOrDefaultAsync(ct);
        if (version is null)
        {
            return null;
        }

        return (Cached(id, version.Value) ?? await LoadAsync(db, id, ct))?.Calendar;
    }

    /// <summary>
    /// The calendar with this id at this revision, read on the caller's context (inside its transaction) when not built yet;
    /// null when the row is gone. The caller has just read the revision, so no second revision query is needed.
    /// </summary>
    public async Task<CalendarInForce?> GetInForceAsync(AppDbContext db, int id, int version, CancellationToken ct = default) =>
        Cached(id, version) ?? await LoadAsync(db, id, ct);

    private CalendarInForce? Cached(int id, int version)
    {
        var seen = Volatile.Read(ref byId);
        return seen.TryGetValue(id, out var calendar) && calendar.Version == version ? calendar : null;
    }

    private async Task<CalendarInForce?> LoadAsync(AppDbContext db, int id, CancellationToken ct)
    {
        var row = await db.Calendars.AsNoTracking().Include(c => c.Years).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (row is null)
        {
            return null;
        }

        var calendar = new CalendarInForce(row.Id, row.Version, Build(row));
        lock (gate)
        {
            // Revisions only grow: a slower reader of an older revision must not replace a newer one.
            if (!byId.TryGetValue(row.Id, out var kept) || kept.Version < calendar.Version)
            {
                byId = new Dictionary<int, CalendarInForce>(byId) { [row.Id] = calendar };
            }
        }

        return calendar;
    }

    /// <summary>The domain calendar of a stored row and its years. Stored data that does not build is a defect, not a user error.</summary>
    public static BusinessCalendar Build(StoredCalendar row)
    {
        var years = row.Years.OrderBy(y => y.Year).Select(y =>
        {
            var parsed = CalendarFile.Parse(y.Json);
            return parsed.Succeeded
                ? parsed.Value!
                : throw new InvalidOperationException(
                    $"Stored holiday year {y.Year} of calendar {row.Id} is invalid: {string.Join("; ", parsed.Refusal!.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
        });
        var created = BusinessCalendar.Create(row.Name, row.TimeZoneId, WeekText.Read(row.WeekJson), years);
        return created.Succeeded
            ? created.Value!
            : throw new InvalidOperationException(
                $"Stored calendar {row.Id} is invalid: {string.Join("; ", created.Refusal!.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
    }
}

/// <summary>
/// A stored calendar as built, with its row id and revision (<see cref="StoredCalendar.Version"/>, raised by every saved
/// edit or holiday-year import): the pair a ticket records as the calendar its clocks were measured under (R-SLA-2).
/// </summary>
public sealed record CalendarInForce(int Id, int Version, BusinessCalendar Calendar);
