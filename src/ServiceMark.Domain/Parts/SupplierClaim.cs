using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Parts;

/// <summary>Where a secondary claim (二次索赔, R-PRT-5) stands.</summary>
public enum ClaimStatus
{
    Draft,
    Sent,
    Accepted,
    PartlyAccepted,
    Rejected,
    Settled,
    Cancelled,
}

public enum ClaimAction
{
    Send,
    Accept,
    AcceptPartly,
    Reject,
    Settle,
    Cancel,
}

/// <summary>The claim's state machine, as a table (tested exhaustively).</summary>
public static class ClaimTransitions
{
    private static readonly Dictionary<(ClaimStatus, ClaimAction), ClaimStatus> Table = new()
    {
        [(ClaimStatus.Draft, ClaimAction.Send)] = ClaimStatus.Sent,
        [(ClaimStatus.Draft, ClaimAction.Cancel)] = ClaimStatus.Cancelled,
        [(ClaimStatus.Sent, ClaimAction.Accept)] = ClaimStatus.Accepted,
        [(ClaimStatus.Sent, ClaimAction.AcceptPartly)] = ClaimStatus.PartlyAccepted,
        [(ClaimStatus.Sent, ClaimAction.Reject)] = ClaimStatus.Rejected,
        [(ClaimStatus.Accepted, ClaimAction.Settle)] = ClaimStatus.Settled,
        [(ClaimStatus.PartlyAccepted, ClaimAction.Settle)] = ClaimStatus.Settled,
    };

    public static ClaimStatus? Next(ClaimStatus from, ClaimAction action) => Table.TryGetValue((from, action), out var to) ? to : null;

    /// <summary>Still owed an answer or money by the supplier: what the claim list's "outstanding" counts.</summary>
    public static bool IsOutstanding(ClaimStatus status) => status is ClaimStatus.Sent or ClaimStatus.Accepted or ClaimStatus.PartlyAccepted;
}

/// <summary>
/// 二次索赔 (R-PRT-5): the department claims back from the part's supplier what a warranty repair cost it — the part, the labour
/// and the freight, by the supplier's terms — with the ticket and the old part as evidence; the old part travels to the
/// supplier (三包件邮寄, R-PRT-4: carrier, tracking number and postage, signed off by a leader before it is booked).
/// </summary>
public sealed class SupplierClaim : IVersioned, IAudited
{
    public const int TextMaxLength = 500;
    public const int CarrierMaxLength = 50;
    public const int TrackingMaxLength = 50;

    public int Id { get; private set; }
    public int SupplierId { get; private set; }
    public int TicketId { get; private set; }
    public int OldPartId { get; private set; }
    public decimal PartAmount { get; private set; }
    public decimal LabourAmount { get; private set; }
    public decimal FreightAmount { get; private set; }

    /// <summary>Part + labour + freight: what is claimed.</summary>
    public decimal ClaimAmount { get; private set; }

    public string? Note { get; private set; }
    public ClaimStatus Status { get; private set; }
    public DateTime RaisedAtUtc { get; private set; }
    public int RaisedById { get; private set; }

    public DateTime? SentAtUtc { get; private set; }
    public string? Carrier { get; private set; }
    public string? TrackingNumber { get; private set; }

    /// <summary>What the shipment cost the department (邮费/运费), booked once a leader signs it off.</summary>
    public decimal ShippingCost { get; private set; }

    public int? ShippingApprovedById { get; private set; }
    public DateTime? ShippingApprovedAtUtc { get; private set; }

    public DateTime? DecidedAtUtc { get; private set; }
    public decimal? AcceptedAmount { get; private set; }
    public string? DecisionNote { get; private set; }

    public DateTime? SettledAtUtc { get; private set; }

    /// <summary>What the supplier actually paid or credited.</summary>
    public decimal RecoveredAmount { get; private set; }

    public int Version { get; set; }

    public static Result<SupplierClaim> Raise(DateTime nowUtc, int raisedById, int supplierId, int ticketId, int oldPartId, decimal partAmount,
        decimal labourAmount, decimal freightAmount, string? note)
    {
        var errors = new FieldErrors();
        Amounts.CheckMoney(errors, "partAmount", partAmount);
        Amounts.CheckMoney(errors, "labourAmount", labourAmount);
        Amounts.CheckMoney(errors, "freightAmount", freightAmount);
        errors.MaxLength("note", note, TextMaxLength);
        if (!errors.Any && partAmount + labourAmount + freightAmount <= 0m)
        {
            errors.Add("partAmount", "required", "A claim claims something: part, labour or freight.");
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        return new SupplierClaim
        {
            RaisedAtUtc = nowUtc, RaisedById = raisedById, SupplierId = supplierId, TicketId = ticketId, OldPartId = oldPartId, PartAmount = partAmount,
            LabourAmount = labourAmount, FreightAmount = freightAmount, ClaimAmount = partAmount + labourAmount + freightAmount, Note = Supplier.Clean(note),
            Status = ClaimStatus.Draft,
        };
    }

    /// <summary>寄出: the claim and its old part go to the supplier by a carrier, with the tracking number and what it cost.</summary>
    public Refusal? Send(DateTime nowUtc, string? carrier, string? trackingNumber, decimal shippingCost)
    {
        var errors = new FieldErrors();
        errors.RequiredText("carrier", carrier, CarrierMaxLength);
        errors.RequiredText("trackingNumber", trackingNumber, TrackingMaxLength);
        Amounts.CheckMoney(errors, "shippingCost", shippingCost);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        return Move(ClaimAction.Send, () =>
        {
            SentAtUtc = nowUtc;
            Carrier = carrier!.Trim();
            TrackingNumber = trackingNumber!.Trim();
            ShippingCost = shippingCost;
        });
    }

    /// <summary>The leader signs the postage off (经手人和领导签字后销帐, seed 001 §3.6.3); never the one who raised the claim.</summary>
    public Refusal? ApproveShipping(DateTime nowUtc, int leaderId)
    {
        if (SegregationOfDuties.RefuseSelf(leaderId, RaisedById, "sign off the shipping of your own claim") is { } self)
        {
            return self;
        }

        if (SentAtUtc is null)
        {
            return Refusal.Conflict("not_sent", "The claim has not been sent: there is no shipping to sign off.");
        }

        if (ShippingApprovedAtUtc is not null)
        {
            return Refusal.Conflict("invalid_transition", "The shipping is signed off already.");
        }

        ShippingApprovedById = leaderId;
        ShippingApprovedAtUtc = nowUtc;
        return null;
    }

    /// <summary>The supplier's answer: all of it, part of it (the amount it accepts, less than claimed), or nothing (with why).</summary>
    public Refusal? Decide(DateTime nowUtc, ClaimAction answer, decimal? acceptedAmount, string? note)
    {
        var errors = new FieldErrors();
        errors.MaxLength("note", note, TextMaxLength);
        switch (answer)
        {
            case ClaimAction.AcceptPartly:
                if (acceptedAmount is not { } partly)
                {
                    errors.Add("acceptedAmount", "required", "Give the amount the supplier accepts.");
                }
                else
                {
                    Amounts.CheckMoney(errors, "acceptedAmount", partly);
                    if (!errors.All.Any(e => e.Field == "acceptedAmount") && (partly <= 0m || partly >= ClaimAmount))
                    {
                        errors.Add("acceptedAmount", "range", $"A partial acceptance is more than 0 and less than the {ClaimAmount:0.00} claimed.");
                    }
                }

                break;
            case ClaimAction.Reject:
                errors.Required("note", note); // the supplier's reason (e.g. the part had been taken apart)
                break;
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        return Move(answer, () =>
        {
            DecidedAtUtc = nowUtc;
            AcceptedAmount = answer switch { ClaimAction.Accept => ClaimAmount, ClaimAction.AcceptPartly => acceptedAmount, _ => 0m };
            DecisionNote = Supplier.Clean(note);
        });
    }

    /// <summary>结算: the money came (paid or credited against an invoice); at most what was accepted.</summary>
    public Refusal? Settle(DateTime nowUtc, decimal recoveredAmount)
    {
        // The state first: what may be recovered depends on the answer, which a claim not yet answered does not have.
        if (Refuse(ClaimAction.Settle) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        Amounts.CheckMoney(errors, "recoveredAmount", recoveredAmount);
        if (!errors.Any && AcceptedAmount is { } accepted && recoveredAmount > accepted)
        {
            errors.Add("recoveredAmount", "range", $"recoveredAmount is at most the {accepted:0.00} accepted.");
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        return Move(ClaimAction.Settle, () =>
        {
            SettledAtUtc = nowUtc;
            RecoveredAmount = recoveredAmount;
        });
    }

    public Refusal? Cancel() => Move(ClaimAction.Cancel, () => { });

    private Refusal? Move(ClaimAction action, Action apply)
    {
        if (Refuse(action) is { } refused)
        {
            return refused;
        }

        apply();
        Status = ClaimTransitions.Next(Status, action)!.Value;
        return null;
    }

    private Refusal? Refuse(ClaimAction action) =>
        ClaimTransitions.Next(Status, action) is null ? Refusal.Conflict("invalid_transition", $"A claim that is {Status} cannot be {action}.") : null;
}
