namespace ServiceMark.Domain.Contracts;

/// <summary>
/// A visit a contract promises (维保巡检), materialised for the whole term when the contract is put in force. The scheduler
/// opens it as a ticket on <see cref="OpensOn"/>; (<see cref="ContractId"/>, <see cref="DueOn"/>) is unique and the ticket is
/// created under a key named after the visit, so a visit becomes one ticket however often, and on however many instances,
/// the scheduler runs.
/// </summary>
public sealed class PlannedVisit
{
    public int Id { get; private set; }
    public int ContractId { get; private set; }
    public DateOnly DueOn { get; private set; }
    public DateOnly OpensOn { get; private set; }
    public int? TicketId { get; private set; }
    public DateTime? OpenedAtUtc { get; private set; }

    private PlannedVisit()
    {
    }

    public static IEnumerable<PlannedVisit> For(MaintenanceContract contract) =>
        contract.VisitDates().Select(due => new PlannedVisit
        {
            ContractId = contract.Id, DueOn = due, OpensOn = VisitSchedule.OpensOn(due, contract.VisitLeadDays, contract.StartsOn),
        });

    /// <summary>The idempotency key of the ticket this visit opens.</summary>
    public string TicketKey => $"planned-visit-{Id}";

    public void Opened(int ticketId, DateTime nowUtc)
    {
        TicketId ??= ticketId;
        OpenedAtUtc ??= nowUtc;
    }
}
