using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Contracts;

/// <summary>Where a maintenance contract (维保合同, R-EXP-2) stands. An active contract past its end date is expired (read, not stored).</summary>
public enum ContractStatus
{
    Draft,
    Active,
    Terminated,
    Cancelled,
}

public enum ContractAction
{
    Activate,
    Terminate,
    Cancel,
}

/// <summary>The contract's state machine, as a table (tested exhaustively).</summary>
public static class ContractTransitions
{
    private static readonly Dictionary<(ContractStatus, ContractAction), ContractStatus> Table = new()
    {
        [(ContractStatus.Draft, ContractAction.Activate)] = ContractStatus.Active,
        [(ContractStatus.Draft, ContractAction.Cancel)] = ContractStatus.Cancelled,
        [(ContractStatus.Active, ContractAction.Terminate)] = ContractStatus.Terminated,
    };

    public static ContractStatus? Next(ContractStatus from, ContractAction action) => Table.TryGetValue((from, action), out var to) ? to : null;

    /// <summary>A contract that was in force: its amount counts as signed and its instalments as receivable.</summary>
    public static bool WasInForce(ContractStatus status) => status is ContractStatus.Active or ContractStatus.Terminated;
}

/// <summary>One instalment of the billing schedule as agreed: when it falls due and how much.</summary>
public sealed record InstalmentTerms(DateOnly DueOn, decimal Amount);

/// <summary>What a contract says: its number, customer, the person answering for it, its term and amount, the visits it promises
/// (every <see cref="VisitIntervalMonths"/> months from the start, 0 = none; each opened as a ticket <see cref="VisitLeadDays"/>
/// days before it is due), the units it covers and its billing schedule.</summary>
public sealed record ContractTerms(
    string? Number,
    int CustomerId,
    int ResponsiblePersonId,
    DateOnly SignedOn,
    DateOnly StartsOn,
    DateOnly EndsOn,
    decimal Amount,
    int VisitIntervalMonths,
    int VisitLeadDays,
    IReadOnlyList<int>? UnitIds,
    IReadOnlyList<InstalmentTerms>? Instalments,
    string? Note);

/// <summary>
/// 维保合同 (R-EXP-2, issue 14 point 5): a customer pays for maintenance over a term — planned visits (e.g. a quarterly
/// inspection) on the units it covers, billed by a schedule of instalments. It is drafted by the service office, put in force
/// by the department head or the general manager (never by the person who answers for it: the amount is scored to them), and
/// then generates its planned visits; payments are received against its instalments, oldest due first.
/// </summary>
public sealed class MaintenanceContract : IVersioned, IAudited
{
    public const int NumberMaxLength = 30;
    public const int NoteMaxLength = 500;
    public const int MaxUnits = 200;
    public const int MaxInstalments = 60;
    public const int MaxLeadDays = 60;
    public const int MaxTermYears = 10;

    public int Id { get; private set; }
    public string Number { get; private set; } = "";
    public int CustomerId { get; private set; }
    public int ResponsiblePersonId { get; private set; }
    public DateOnly SignedOn { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public decimal Amount { get; private set; }

    /// <summary>Σ the payments received: kept with the contract so that two payments at once meet on its version (one is a 409).</summary>
    public decimal Collected { get; private set; }

    public int VisitIntervalMonths { get; private set; }
    public int VisitLeadDays { get; private set; }
    public List<int> UnitIds { get; private set; } = [];
    public string? Note { get; private set; }
    public ContractStatus Status { get; private set; }
    public int? CreatedById { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public int? ActivatedById { get; private set; }
    public DateTime? ActivatedAtUtc { get; private set; }
    public int? TerminatedById { get; private set; }
    public DateTime? TerminatedAtUtc { get; private set; }
    public DateOnly? TerminatedOn { get; private set; }
    public string? TerminationReason { get; private set; }
    public List<ContractInstalment> Instalments { get; private set; } = [];

    /// <summary>The contract this one renews (续签): the same customer's, in force before it.</summary>
    public int? RenewsContractId { get; private set; }

    public int Version { get; set; }

    private MaintenanceContract()
    {
    }

    public decimal Outstanding => Amount - Collected;

    public static Result<MaintenanceContract> Draft(DateTime nowUtc, int? createdById, ContractTerms terms)
    {
        var contract = new MaintenanceContract { CreatedAtUtc = nowUtc, CreatedById = createdById, Status = ContractStatus.Draft };
        return contract.Edit(terms) is { } refused ? refused : contract;
    }

    /// <summary>Changes the terms of a draft; a contract in force keeps its terms (a change is a new contract).</summary>
    public Refusal? Edit(ContractTerms terms)
    {
        if (Status != ContractStatus.Draft)
        {
            return Refusal.Conflict("invalid_transition", $"A contract that is {Status} keeps its terms.");
        }

        var errors = Check(terms);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        Number = terms.Number!.Trim().ToUpperInvariant();
        CustomerId = terms.CustomerId;
        ResponsiblePersonId = terms.ResponsiblePersonId;
        SignedOn = terms.SignedOn;
        StartsOn = terms.StartsOn;
        EndsOn = terms.EndsOn;
        Amount = terms.Amount;
        VisitIntervalMonths = terms.VisitIntervalMonths;
        VisitLeadDays = terms.VisitLeadDays;
        UnitIds = terms.UnitIds?.Distinct().Order().ToList() ?? [];
        Note = string.IsNullOrWhiteSpace(terms.Note) ? null : terms.Note.Trim();
        Instalments = terms.Instalments!.OrderBy(i => i.DueOn).Select((i, n) => new ContractInstalment(n + 1, i.DueOn, i.Amount)).ToList();
        return null;
    }

    /// <summary>
    /// Marks this contract as the renewal of <paramref name="previous"/>: one that was in force (active or ended), of the same
    /// customer, which this one starts after. Checked again whenever the draft's terms change.
    /// </summary>
    public Refusal? Renew(MaintenanceContract previous)
    {
        var errors = new FieldErrors();
        if (previous.Status is ContractStatus.Draft or ContractStatus.Cancelled)
        {
            errors.Add("renewsContractId", "not_in_force", "Only a contract that was put in force is renewed.");
        }

        if (previous.Id == Id && Id != 0)
        {
            errors.Add("renewsContractId", "self", "A contract does not renew itself.");
        }

        if (previous.CustomerId != CustomerId)
        {
            errors.Add("customerId", "not_renewed_customer", "A renewal is for the customer of the contract it renews.");
        }

        if (StartsOn <= previous.StartsOn)
        {
            errors.Add("startsOn", "before_renewed", "A renewal starts after the contract it renews started.");
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        RenewsContractId = previous.Id;
        return null;
    }

    /// <summary>
    /// The terms a renewal is proposed with: the same customer, person, amount, visits, units and note, for a term as long
    /// (whole months when this one is, else the same days) from the day after this one ends, each instalment falling as far
    /// into it; signed on <paramref name="signedOn"/>. The number is left for the office to give.
    /// </summary>
    public ContractTerms RenewalTerms(DateOnly signedOn)
    {
        var months = Enumerable.Range(1, MaxTermYears * 12).FirstOrDefault(m => StartsOn.AddMonths(m) == EndsOn.AddDays(1));
        var days = EndsOn.DayNumber + 1 - StartsOn.DayNumber;
        DateOnly Shift(DateOnly d) => months > 0 ? d.AddMonths(months) : d.AddDays(days);
        var start = EndsOn.AddDays(1);
        var end = months > 0 ? start.AddMonths(months).AddDays(-1) : EndsOn.AddDays(days);
        return new ContractTerms(null, CustomerId, ResponsiblePersonId, signedOn, start, end, Amount, VisitIntervalMonths, VisitLeadDays,
            UnitIds, Instalments.OrderBy(i => i.Sequence).Select(i => new InstalmentTerms(Shift(i.DueOn), i.Amount)).ToList(), Note);
    }

    public static FieldErrors Check(ContractTerms t)
    {
        var errors = new FieldErrors();
        errors.RequiredText("number", t.Number, NumberMaxLength);
        errors.MaxLength("note", t.Note, NoteMaxLength);
        if (t.EndsOn <= t.StartsOn)
        {
            errors.Add("endsOn", "range", "endsOn is after startsOn.");
        }
        else if (t.EndsOn > t.StartsOn.AddYears(MaxTermYears))
        {
            errors.Add("endsOn", "range", $"A contract runs at most {MaxTermYears} years.");
        }

        if (t.SignedOn > t.EndsOn)
        {
            errors.Add("signedOn", "range", "signedOn is on or before endsOn.");
        }

        Amounts.CheckMoney(errors, "amount", t.Amount);
        if (!errors.All.Any(e => e.Field == "amount") && t.Amount <= 0m)
        {
            errors.Add("amount", "range", "amount is more than 0.");
        }

        if (t.VisitIntervalMonths is < 0 or > 12)
        {
            errors.Add("visitIntervalMonths", "range", "visitIntervalMonths is 0 (no planned visits) to 12.");
        }

        if (t.VisitLeadDays is < 0 or > MaxLeadDays)
        {
            errors.Add("visitLeadDays", "range", $"visitLeadDays is 0 to {MaxLeadDays}.");
        }

        if (t.UnitIds?.Count > MaxUnits)
        {
            errors.Add("unitIds", "range", $"A contract covers at most {MaxUnits} units.");
        }

        CheckInstalments(errors, t);
        return errors;
    }

    private static void CheckInstalments(FieldErrors errors, ContractTerms t)
    {
        var instalments = t.Instalments ?? [];
        if (instalments.Count is 0 or > MaxInstalments)
        {
            errors.Add("instalments", "range", $"A contract is billed in 1 to {MaxInstalments} instalments.");
            return;
        }

        for (var i = 0; i < instalments.Count; i++)
        {
            var field = $"instalments[{i}].amount";
            Amounts.CheckMoney(errors, field, instalments[i].Amount);
            if (!errors.All.Any(e => e.Field == field) && instalments[i].Amount <= 0m)
            {
                errors.Add(field, "range", "An instalment is more than 0.");
            }

            if (instalments[i].DueOn < t.SignedOn || instalments[i].DueOn > t.EndsOn)
            {
                errors.Add($"instalments[{i}].dueOn", "range", "An instalment falls due between the signing and the end of the contract.");
            }
        }

        var sum = instalments.Sum(i => i.Amount);
        if (!errors.Any && sum != t.Amount)
        {
            errors.Add("instalments", "sum", $"The instalments add up to {sum:0.00}, not the contract's {t.Amount:0.00}.");
        }
    }

    /// <summary>Put in force by the department head or the GM; never by the person it is scored to.</summary>
    public Refusal? Activate(DateTime nowUtc, int approverId) =>
        SegregationOfDuties.RefuseSelf(approverId, ResponsiblePersonId, "put in force a contract you answer for") ?? Move(ContractAction.Activate, () =>
        {
            ActivatedById = approverId;
            ActivatedAtUtc = nowUtc;
        });

    /// <summary>Ended early (the customer withdrew, the units were sold): visits not yet opened are dropped, money owed stays owed.</summary>
    public Refusal? Terminate(DateTime nowUtc, int actorId, DateOnly on, string? reason)
    {
        var errors = new FieldErrors();
        errors.RequiredText("reason", reason, NoteMaxLength);
        if (on < StartsOn || on > EndsOn)
        {
            errors.Add("terminatedOn", "range", "terminatedOn is within the contract's term.");
        }

        return errors.Any ? errors.ToRefusal() : Move(ContractAction.Terminate, () =>
        {
            TerminatedById = actorId;
            TerminatedAtUtc = nowUtc;
            TerminatedOn = on;
            TerminationReason = reason!.Trim();
        });
    }

    public Refusal? Cancel() => Move(ContractAction.Cancel, () => { });

    /// <summary>Whether the contract still promises visits and service on <paramref name="day"/>.</summary>
    public bool IsInForceOn(DateOnly day) =>
        Status == ContractStatus.Active && day >= StartsOn && day <= EndsOn
        || Status == ContractStatus.Terminated && day >= StartsOn && day < TerminatedOn;

    /// <summary>The visits the contract promises over its term (<see cref="VisitSchedule"/>).</summary>
    public IReadOnlyList<DateOnly> VisitDates() => VisitSchedule.DueDates(StartsOn, EndsOn, VisitIntervalMonths);

    /// <summary>Receives a payment against the instalments, oldest due first (<see cref="Receivables.Allocate"/>); returns what each got.</summary>
    public Result<IReadOnlyList<(ContractInstalment Instalment, decimal Amount)>> Receive(decimal amount)
    {
        if (!ContractTransitions.WasInForce(Status))
        {
            return Refusal.Conflict("invalid_transition", $"A contract that is {Status} receives no payments.");
        }

        var allocated = Receivables.Allocate(Instalments.Select(i => (i.DueOn, i.Outstanding)).ToList(), amount);
        if (allocated.Refusal is { } refused)
        {
            return refused;
        }

        var result = new List<(ContractInstalment, decimal)>();
        foreach (var (index, share) in allocated.Value!)
        {
            var instalment = Instalments.OrderBy(i => i.DueOn).ThenBy(i => i.Sequence).ElementAt(index);
            instalment.Collect(share);
            result.Add((instalment, share));
        }

        Collected += amount;
        return result;
    }

    private Refusal? Move(ContractAction action, Action apply)
    {
        if (ContractTransitions.Next(Status, action) is not { } next)
        {
            return Refusal.Conflict("invalid_transition", $"A contract that is {Status} cannot be {action}.");
        }

        apply();
        Status = next;
        return null;
    }
}

/// <summary>One instalment of a contract's billing schedule (应收款): due on a date, invoiced, collected by payments.</summary>
public sealed class ContractInstalment
{
    public const int InvoiceNumberMaxLength = 40;

    public int Id { get; private set; }
    public int ContractId { get; private set; }
    public int Sequence { get; private set; }
    public DateOnly DueOn { get; private set; }
    public decimal Amount { get; private set; }
    public decimal Collected { get; private set; }
    public string? InvoiceNumber { get; private set; }
    public DateOnly? InvoicedOn { get; private set; }

    private ContractInstalment()
    {
    }

    internal ContractInstalment(int sequence, DateOnly dueOn, decimal amount)
    {
        Sequence = sequence;
        DueOn = dueOn;
        Amount = amount;
    }

    public decimal Outstanding => Amount - Collected;

    internal void Collect(decimal amount) => Collected += amount;

    /// <summary>The invoice issued for this instalment (发票号, date); corrected by issuing it again.</summary>
    public Refusal? Invoice(string? number, DateOnly on)
    {
        var errors = new FieldErrors();
        errors.RequiredText("invoiceNumber", number, InvoiceNumberMaxLength);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        InvoiceNumber = number!.Trim();
        InvoicedOn = on;
        return null;
    }

    /// <summary>Days past due of what is still owed on <paramref name="today"/>; 0 when not yet due or paid.</summary>
    public int DaysOverdue(DateOnly today) => Outstanding > 0m && today > DueOn ? today.DayNumber - DueOn.DayNumber : 0;
}
