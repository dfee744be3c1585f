using System.Collections.Frozen;
using static ServiceMark.Domain.Tickets.TicketAction;
using static ServiceMark.Domain.Tickets.TicketStatus;

namespace ServiceMark.Domain.Tickets;

/// <summary>
/// Where an allowed action takes a ticket: a fixed status, or back to the status it had before it started
/// waiting (<see cref="Resume"/>), which only the ticket itself knows.
/// </summary>
public readonly record struct TicketTarget
{
    private TicketTarget(TicketStatus? status) => Status = status;

    /// <summary>The fixed next status; <see langword="null"/> for <see cref="Resume"/>.</summary>
    public TicketStatus? Status { get; }

    public bool IsResume => Status is null;

    public static TicketTarget Resume { get; } = new(null);

    public static TicketTarget To(TicketStatus status) => new(status);

    public override string ToString() => Status?.ToString() ?? "(status before waiting)";
}

/// <summary>
/// The ticket lifecycle (R-TKT-3) in one table: (status, action) → next status. A pair that is not in the
/// table is refused with <see cref="TicketRefusal.InvalidTransition"/>; the entity never decides this anywhere else.
/// </summary>
/// <remarks>
/// Choices the requirements leave open, and why:
/// <list type="bullet">
/// <item><b>Happy path</b> is R-TKT-3 read literally: Reported → Registered → Classified → Dispatched → Accepted →
/// Travelling → OnSite → Diagnosed → Resolved → ReportSigned → ReportApproved → Closed → FollowedUp.</item>
/// <item><b>Classify again</b> while Classified: a mis-graded ticket is corrected before anyone is sent.</item>
/// <item><b>Dispatch again</b> while Dispatched: the dispatcher may replace the engineers until one accepts.</item>
/// <item><b>Decline</b> returns a Dispatched ticket to Classified and clears the assignment, because the dispatcher
/// must decide again (R-TKT-6) rather than the remaining engineers silently carrying it.</item>
/// <item><b>Job pool</b> (工单池, R-TKT-6): instead of naming engineers the dispatcher may offer a Classified ticket to a
/// team's pool (or move it to another team's); the first engineer of that team to take it has accepted it. The
/// dispatcher can still dispatch a pooled ticket directly, and an engineer who no longer wants a taken ticket cancels
/// nothing: the ticket stays theirs like any accepted one.</item>
/// <item><b>Resolve remotely</b> (R-TKT-7) from Accepted only: the engineer who took the ticket solves it by phone or
/// remote connection instead of travelling. Once on the road or on site the visit happened and is resolved as one.</item>
/// <item><b>Arrive straight from Accepted</b>: walk-in customers and units at the station need no travel leg.</item>
/// <item><b>Waiting</b> (clock paused, R-SLA-3): WaitForCustomer from Registered, Classified, Accepted, OnSite and
/// Diagnosed — the points where the service waits for the customer's information, appointment or vehicle;
/// not from Dispatched or Travelling, where the service, not the customer, owes the next step.
/// TransferToSupplier from Classified (a fault known to be the supplier's, e.g. an engine), Accepted, OnSite and
/// Diagnosed. The ticket remembers the status it left; CustomerResponded / SupplierReplied return to it.
/// One wait at a time: a waiting ticket must resume before it waits for someone else, so the paused interval
/// and its reason stay unambiguous.</item>
/// <item><b>Escalate</b> (较大问题上报) keeps the status and sets a flag; allowed in every open state before Resolved,
/// waiting included (a supplier that does not answer is a reason to escalate). It may be repeated with a new reason.</item>
/// <item><b>Cancel</b> from every open state before Resolved. Once resolved, the work happened and must be reported.</item>
/// <item><b>RejectReport</b> (leader disagrees with the signed report) returns to Resolved. The signed report stays
/// as it was, marked rejected; the engineer records a new revision, which the customer signs again.</item>
/// <item><b>Reopen</b> (repeat fault) from Closed and FollowedUp keeps the old ticket's status: it creates a new
/// ticket linked to the old one, so the closed ticket's record and measured service levels stay as they were.</item>
/// <item><b>Cancelled</b> is final: a cancelled request that comes back is a new ticket.</item>
/// </list>
/// </remarks>
public static class TicketTransitions
{
    private static readonly TicketStatus[] OpenBeforeResolved =
    [
        Reported, Registered, Classified, Dispatched, Accepted, Travelling, OnSite, Diagnosed,
        WaitingForCustomer, WaitingForSupplier, InPool,
    ];

    private static readonly TicketStatus[] CustomerCanBeAwaited = [Registered, Classified, Accepted, OnSite, Diagnosed];

    private static readonly TicketStatus[] SupplierCanBeAwaited = [Classified, Accepted, OnSite, Diagnosed];

    public static IReadOnlyDictionary<(TicketStatus From, TicketAction Action), TicketTarget> Table { get; } = Build();

    private static FrozenDictionary<(TicketStatus, TicketAction), TicketTarget> Build()
    {
        var t = new Dictionary<(TicketStatus, TicketAction), TicketTarget>
        {
            [(Reported, Register)] = TicketTarget.To(Registered),
            [(Registered, Classify)] = TicketTarget.To(Classified),
            [(Classified, Classify)] = TicketTarget.To(Classified),
            [(Classified, TicketAction.Dispatch)] = TicketTarget.To(Dispatched),
            [(Dispatched, TicketAction.Dispatch)] = TicketTarget.To(Dispatched),
            [(Classified, OfferToPool)] = TicketTarget.To(InPool),
            [(InPool, OfferToPool)] = TicketTarget.To(InPool),
            [(InPool, TakeFromPool)] = TicketTarget.To(Accepted),
            [(InPool, TicketAction.Dispatch)] = TicketTarget.To(Dispatched),
            [(Dispatched, Decline)] = TicketTarget.To(Classified),
            [(Dispatched, Accept)] = TicketTarget.To(Accepted),
            [(Accepted, StartTravel)] = TicketTarget.To(Travelling),
            [(Accepted, Arrive)] = TicketTarget.To(OnSite),
            [(Travelling, Arrive)] = TicketTarget.To(OnSite),
            [(OnSite, Diagnose)] = TicketTarget.To(Diagnosed),
            [(Diagnosed, Resolve)] = TicketTarget.To(Resolved),
            [(Accepted, ResolveRemotely)] = TicketTarget.To(Resolved),
            [(Resolved, SignReport)] = TicketTarget.To(ReportSigned),
            [(ReportSigned, ApproveReport)] = TicketTarget.To(ReportApproved),
            [(ReportSigned, RejectReport)] = TicketTarget.To(Resolved),
            [(ReportApproved, Close)] = TicketTarget.To(Closed),
            [(Closed, RecordFollowUp)] = TicketTarget.To(FollowedUp),
            [(Closed, Reopen)] = TicketTarget.To(Closed),
            [(FollowedUp, Reopen)] = TicketTarget.To(FollowedUp),
            [(WaitingForCustomer, CustomerResponded)] = TicketTarget.Resume,
            [(WaitingForSupplier, SupplierReplied)] = TicketTarget.Resume,
        };

        foreach (var status in CustomerCanBeAwaited)
        {
            t[(status, WaitForCustomer)] = TicketTarget.To(WaitingForCustomer);
        }

        foreach (var status in SupplierCanBeAwaited)
        {
            t[(status, TransferToSupplier)] = TicketTarget.To(WaitingForSupplier);
        }

        foreach (var status in OpenBeforeResolved)
        {
            t[(status, Escalate)] = TicketTarget.To(status);
            t[(status, Cancel)] = TicketTarget.To(Cancelled);
        }

        return t.ToFrozenDictionary();
    }

    public static bool IsAllowed(TicketStatus from, TicketAction action) => Table.ContainsKey((from, action));

    /// <summary>The actions the table allows in <paramref name="status"/>, in declaration order (for the UI's buttons).</summary>
    public static IReadOnlyList<TicketAction> Allowed(TicketStatus status) =>
        Enum.GetValues<TicketAction>().Where(a => IsAllowed(status, a)).ToArray();

    /// <summary>
    /// The status <paramref name="action"/> leads to, or <see langword="null"/> when the table does not allow it.
    /// <paramref name="returnStatus"/> is the ticket's remembered status, used only when resuming from a wait.
    /// </summary>
    public static TicketStatus? Next(TicketStatus from, TicketAction action, TicketStatus? returnStatus) =>
        Table.TryGetValue((from, action), out var target)
            ? target.Status ?? returnStatus
            : null;

    /// <summary>Whether the service-level clock is paused in this status (R-SLA-3).</summary>
    public static bool IsWaiting(TicketStatus status) => status is WaitingForCustomer or WaitingForSupplier;

    /// <summary>Whether the ticket is still being worked on, i.e. counts as backlog.</summary>
    public static bool IsOpen(TicketStatus status) => status is not (Closed or FollowedUp or Cancelled);

    /// <summary>The statuses a waiting ticket can return to: those from which a wait may begin.</summary>
    public static IReadOnlyList<TicketStatus> ResumableFrom(TicketStatus waiting) => waiting switch
    {
        WaitingForCustomer => Array.AsReadOnly(CustomerCanBeAwaited),
        WaitingForSupplier => Array.AsReadOnly(SupplierCanBeAwaited),
        _ => [],
    };
}
