using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Calendars;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Features.Calendars;

/// <summary>
/// The business calendars as the domain's immutable <see cref="BusinessCalendar"/>, built from the stored rows and kept
/// in memory: clocks and the breach job ask for the calendar constantly, and it changes a few times a year.
/// Every save of a calendar in this app calls <see cref="Invalidate"/>; other app instances (PostgreSQL scale-out)
/// see a change after at most <see cref="MaxAge"/>. A singleton, safe to call from any thread.
/// </summary>
public sealed class CalendarStore(IDbContextFactory<AppDbContext> contexts, TimeProvider time)
{
    /// <summary>How long a built calendar is trusted without a change seen by this instance.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly Lock gate = new();
    private Dictionary<int, Entry> byId = [];
    private int? defaultId;
    private long generation;

    /// <summary>The calendar marked default (seeded on first run: 中国法定节假日).</summary>
    /// <exception cref="InvalidOperationException">No calendar is marked default, i.e. the first-run seeding has not run.</exception>
    public async Task<BusinessCalendar> GetDefaultAsync(CancellationToken ct = default) => (await GetDefaultInForceAsync(ct)).Calendar;

    /// <summary>The default calendar with its id and stored revision, which a ticket records with its measured clocks.</summary>
    /// <exception cref="InvalidOperationException">No calendar is marked default, i.e. the first-run seeding has not run.</exception>
    public async Task<CalendarInForce> GetDefaultInForceAsync(CancellationToken ct = default)
    {
        var seen = Snapshot();
        if (seen.DefaultId is { } id && Fresh(seen.ById, id) is { } cached)
        {
            return cached;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Calendars.AsNoTracking().Include(c => c.Years).Where(c => c.IsDefault).OrderBy(c => c.Id).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException("No business calendar is marked default: the first-run seeding did not run.");
        var calendar = new CalendarInForce(row.Id, row.Version, Build(row));
        Remember(seen.Generation, calendar, isDefault: true);
        return calendar;
    }

    /// <summary>The calendar with this id, or null when there is none.</summary>
    public async Task<BusinessCalendar?> GetAsync(int id, CancellationToken ct = default)
    {
        var seen = Snapshot();
        if (Fresh(seen.ById, id) is { } cached)
        {
            return cached.Calendar;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Calendars.AsNoTracking().Include(c => c.Years).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (row is null)
        {
            return null;
        }

        var calendar = new CalendarInForce(row.Id, row.Version, Build(row));
        Remember(seen.Generation, calendar, row.IsDefault);
        return calendar.Calendar;
    }

    /// <summary>Forgets every built calendar; called after each saved calendar change.</summary>
    public void Invalidate()
    {
        lock (gate)
        {
            generation++;
            byId = [];
            defaultId = null;
        }
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

    private (long Generation, int? DefaultId, Dictionary<int, Entry> ById) Snapshot()
    {
        lock (gate)
        {
            return (generation, defaultId, byId);
        }
    }

    private CalendarInForce? Fresh(Dictionary<int, Entry> entries, int id) =>
        entries.TryGetValue(id, out var entry) && time.GetUtcNow() - entry.BuiltAt < MaxAge ? entry.Calendar : null;

    /// <summary>Keeps a calendar built from rows read under <paramref name="readGeneration"/>, unless a change came in meanwhile.</summary>
    private void Remember(long readGeneration, CalendarInForce calendar, bool isDefault)
    {
        lock (gate)
        {
            if (generation != readGeneration)
            {
                return;
            }

            // Copy on write: readers hold the dictionary they were given without a lock.
            byId = new Dictionary<int, Entry>(byId) { [calendar.Id] = new Entry(calendar, time.GetUtcNow()) };
            if (isDefault)
            {
                defaultId = calendar.Id;
            }
        }
    }

    private sealed record Entry(CalendarInForce Calendar, DateTimeOffset BuiltAt);
}

/// <summary>
/// A stored calendar as built, with its row id and revision (<see cref="StoredCalendar.Version"/>, raised by every saved
/// edit or holiday-year import): the pair a ticket records as the calendar its clocks were measured under (R-SLA-2).
/// </summary>
public sealed record CalendarInForce(int Id, int Version, BusinessCalendar Calendar);
