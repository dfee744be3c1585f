using ServiceMark.Domain.Calendars;
using ServiceMark.Domain.ServiceLevels;
using ServiceMark.Domain.Tickets;

namespace ServiceMark.Web.Features.Tickets;

/// <summary>One target of a ticket as read at one instant: the page shows <see cref="View"/>, the breach job decides on it.</summary>
public sealed record TicketSlaReading(SlaTarget Target, SlaView View);

/// <summary>
/// The service-level reading of a ticket (R-SLA-1..3): one place, used by the ticket page and by the breach job
/// (R-SLA-4), so both always agree on due times, pauses and breaches.
/// </summary>
public sealed class TicketServiceLevels(TicketCalendar calendars, TimeProvider time)
{
    /// <summary>The ticket's clocks now, on the company's default calendar.</summary>
    public async Task<IReadOnlyList<TicketSlaReading>> ReadAsync(ServiceTicket t, ServiceLevelPolicy policy, CancellationToken ct)
    {
        var calendar = await calendars.GetAsync(ct);
        return Read(t, policy, calendar, time.GetUtcNow().UtcDateTime);
    }

    /// <summary>When the follow-up of a ticket closed at <paramref name="closedUtc"/> is due (the follow-up's own service level).</summary>
    public async Task<DateTime> FollowUpDueAsync(Data.AppDbContext db, DateTime closedUtc, CancellationToken ct)
    {
        var settings = await Surveys.FollowUpHandlers.CurrentAsync(db, ct);
        return settings.DueAt(closedUtc, await calendars.GetAsync(ct));
    }

    /// <summary>The ticket's clocks at <paramref name="nowUtc"/>: waiting for the customer or a supplier pauses them.</summary>
    public static IReadOnlyList<TicketSlaReading> Read(ServiceTicket t, ServiceLevelPolicy policy, BusinessCalendar calendar, DateTime nowUtc)
    {
        var pauses = PausesOf(t);
        return policy.TargetsFor(t.RemoteMethod is not null).Select(target =>
        {
            var met = MetAt(t, target.Target);
            var clockEnd = met ?? t.ClosedAtUtc ?? nowUtc;
            var sla = new ServiceLevelClock(t.ReportedAtUtc, target.Duration, target.WorkingTime ? ServiceLevelBasis.WorkingTime : ServiceLevelBasis.ClockTime,
                calendar, pauses);
            var reading = sla.Read(clockEnd < t.ReportedAtUtc ? t.ReportedAtUtc : clockEnd);
            return new TicketSlaReading(target.Target, new SlaView(target.Target.ToString(), reading.DueUtc, met, target.WorkingTime, reading.Elapsed.TotalHours,
                reading.Remaining.TotalHours, met is { } m ? m > reading.DueUtc : reading.IsBreached, reading.IsPaused, reading.Timeline));
        }).ToList();
    }

    /// <summary>When the ticket met this target, if it has.</summary>
    public static DateTime? MetAt(ServiceTicket t, SlaTarget target) => target switch
    {
        SlaTarget.FirstResponse or SlaTarget.WrittenContact => t.FirstResponseAtUtc,
        SlaTarget.Arrival => t.ArrivedAtUtc,
        SlaTarget.Resolution => t.ResolvedAtUtc,
        SlaTarget.RemoteResolution => t.RemoteMethod is null ? null : t.ResolvedAtUtc,
        _ => null,
    };

    /// <summary>The pauses of the ticket's clocks: from waiting for the customer or a supplier until they answered.</summary>
    public static List<ClockPause> PausesOf(ServiceTicket t)
    {
        var pauses = new List<ClockPause>();
        (DateTime Start, string Reason)? open = null;
        foreach (var e in t.Events.OrderBy(e => e.Sequence))
        {
            if (e.Action is TicketAction.WaitForCustomer or TicketAction.TransferToSupplier && open is null)
            {
                open = (e.AtUtc, e.Note ?? e.Action.ToString());
            }
            else if (e.Action is TicketAction.CustomerResponded or TicketAction.SupplierReplied && open is { } o)
            {
                if (e.AtUtc > o.Start)
                {
                    pauses.Add(new ClockPause(o.Start, e.AtUtc, o.Reason));
                }

                open = null;
            }
        }

        if (open is { } still)
        {
            pauses.Add(new ClockPause(still.Start, null, still.Reason));
        }

        return pauses;
    }
}
