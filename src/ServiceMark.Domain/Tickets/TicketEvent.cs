namespace ServiceMark.Domain.Tickets;

/// <summary>
/// Who does something to a ticket: the signed-in user, and the person behind the account when there is one
/// (the administrator account has none).
/// </summary>
public sealed record TicketActor(int? PersonId, string UserName);

/// <summary>
/// One accepted step of a ticket (R-TKT-3: "each step time-stamped, by whom"). Append-only: service-level clocks,
/// response times and KPI evidence are computed from these, so they are never edited.
/// </summary>
public sealed class TicketEvent
{
    private TicketEvent()
    {
    }

    internal TicketEvent(int sequence, DateTime atUtc, TicketActor actor, TicketAction action, TicketStatus from,
        TicketStatus to, int? engineerId, string? note)
    {
        Sequence = sequence;
        AtUtc = atUtc;
        ActorPersonId = actor.PersonId;
        ActorUserName = actor.UserName;
        Action = action;
        FromStatus = from;
        ToStatus = to;
        EngineerId = engineerId;
        Note = note;
    }

    public int Id { get; private set; }

    /// <summary>1, 2, 3… within the ticket: rows read back from a database come in no guaranteed order.</summary>
    public int Sequence { get; private set; }

    public DateTime AtUtc { get; private set; }
    public int? ActorPersonId { get; private set; }
    public string ActorUserName { get; private set; } = "";
    public TicketAction Action { get; private set; }
    public TicketStatus FromStatus { get; private set; }
    public TicketStatus ToStatus { get; private set; }

    /// <summary>
    /// The engineer the step is about when that may differ from the actor: the lead on Dispatch, the engineer
    /// who accepted or declined (a dispatcher may record either from a phone call).
    /// </summary>
    public int? EngineerId { get; private set; }

    /// <summary>The reason, comment or summary given with the step, as typed.</summary>
    public string? Note { get; private set; }
}
