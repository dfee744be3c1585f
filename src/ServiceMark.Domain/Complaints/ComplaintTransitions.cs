using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Complaints;

/// <summary>
/// The complaint lifecycle in one table: received → assigned → investigating → resolved → customer confirmed →
/// closed, with reassignment and the customer rejecting a resolution. Actions that keep the status (edit, decide,
/// reassign) are listed too, so a closed complaint refuses every command in the same way.
/// </summary>
public static class ComplaintTransitions
{
    private static readonly Dictionary<(ComplaintStatus From, ComplaintAction Action), ComplaintStatus> Table = Build();

    public static bool TryNext(ComplaintStatus from, ComplaintAction action, out ComplaintStatus next) =>
        Table.TryGetValue((from, action), out next);

    public static IReadOnlyList<ComplaintAction> AllowedActions(ComplaintStatus from) =>
        Enum.GetValues<ComplaintAction>().Where(a => Table.ContainsKey((from, a))).ToList();

    internal static Refusal Refuse(ComplaintStatus from, ComplaintAction action)
    {
        var allowed = AllowedActions(from);
        return Refusal.Conflict("invalid_transition",
            $"{action} is not possible while the complaint is {from}. " +
            (allowed.Count == 0 ? "A closed complaint cannot be changed." : $"Possible now: {string.Join(", ", allowed)}."));
    }

    private static Dictionary<(ComplaintStatus, ComplaintAction), ComplaintStatus> Build()
    {
        var t = new Dictionary<(ComplaintStatus, ComplaintAction), ComplaintStatus>
        {
            [(ComplaintStatus.Received, ComplaintAction.Assign)] = ComplaintStatus.Assigned,
            [(ComplaintStatus.Assigned, ComplaintAction.Assign)] = ComplaintStatus.Assigned,
            [(ComplaintStatus.Assigned, ComplaintAction.StartInvestigation)] = ComplaintStatus.Investigating,
            [(ComplaintStatus.Investigating, ComplaintAction.Assign)] = ComplaintStatus.Investigating,
            [(ComplaintStatus.Investigating, ComplaintAction.Resolve)] = ComplaintStatus.Resolved,
            [(ComplaintStatus.Resolved, ComplaintAction.RejectResolution)] = ComplaintStatus.Investigating,
            [(ComplaintStatus.Resolved, ComplaintAction.ConfirmByCustomer)] = ComplaintStatus.CustomerConfirmed,
            [(ComplaintStatus.CustomerConfirmed, ComplaintAction.Close)] = ComplaintStatus.Closed,
        };

        // Until it is closed the facts may be corrected.
        foreach (var status in Enum.GetValues<ComplaintStatus>().Where(s => s != ComplaintStatus.Closed))
        {
            t[(status, ComplaintAction.Edit)] = status;
        }

        // Validity is decided (or revised) on what the investigation found (issue 12 point 5), so not before it has
        // started, and not after closing.
        foreach (var status in new[] { ComplaintStatus.Investigating, ComplaintStatus.Resolved, ComplaintStatus.CustomerConfirmed })
        {
            t[(status, ComplaintAction.DecideValidity)] = status;
        }

        return t;
    }
}
