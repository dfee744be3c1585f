using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Contracts;

/// <summary>
/// Money received from the customer on a contract (回款), recorded by finance (HR) or the service office — never by the person
/// the contract's collection is scored to. Its <see cref="Allocations"/> say which instalments it settled, and on which day, so
/// the collection rate can tell money paid by the due date from money paid late.
/// </summary>
public sealed class ContractPayment : IAudited
{
    public const int ReferenceMaxLength = 60;

    public int Id { get; private set; }
    public int ContractId { get; private set; }
    public DateOnly ReceivedOn { get; private set; }
    public decimal Amount { get; private set; }
    public string? Reference { get; private set; }
    public int RecordedById { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }
    public List<PaymentAllocation> Allocations { get; private set; } = [];

    private ContractPayment()
    {
    }

    /// <summary>Receives <paramref name="amount"/> on the contract (its instalments are updated) and records it.</summary>
    public static Result<ContractPayment> Record(MaintenanceContract contract, DateTime nowUtc, DateOnly today, int recordedById, DateOnly receivedOn,
        decimal amount, string? reference)
    {
        var errors = new FieldErrors();
        errors.MaxLength("reference", reference, ReferenceMaxLength);
        if (receivedOn > today)
        {
            errors.Add("receivedOn", "future", "receivedOn is not after today.");
        }
        else if (receivedOn < contract.SignedOn)
        {
            errors.Add("receivedOn", "range", "receivedOn is not before the contract was signed.");
        }

        if (SegregationOfDuties.RefuseSelf(recordedById, contract.ResponsiblePersonId, "record the payments of a contract you answer for") is { } self)
        {
            return self;
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var received = contract.Receive(amount);
        if (received.Refusal is { } refused)
        {
            return refused;
        }

        return new ContractPayment
        {
            ContractId = contract.Id, ReceivedOn = receivedOn, Amount = amount, Reference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim(),
            RecordedById = recordedById, RecordedAtUtc = nowUtc,
            Allocations = received.Value!.Select(a => new PaymentAllocation(a.Instalment.Id, a.Instalment.DueOn, receivedOn, a.Amount)).ToList(),
        };
    }
}

/// <summary>The part of a payment that settled one instalment; the due date and the day paid are kept for the collection rate.</summary>
public sealed class PaymentAllocation
{
    public int Id { get; private set; }
    public int PaymentId { get; private set; }
    public int InstalmentId { get; private set; }
    public DateOnly DueOn { get; private set; }
    public DateOnly ReceivedOn { get; private set; }
    public decimal Amount { get; private set; }

    private PaymentAllocation()
    {
    }

    internal PaymentAllocation(int instalmentId, DateOnly dueOn, DateOnly receivedOn, decimal amount)
    {
        InstalmentId = instalmentId;
        DueOn = dueOn;
        ReceivedOn = receivedOn;
        Amount = amount;
    }

    public bool OnTime => ReceivedOn <= DueOn;
}
