using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Returns;

/// <summary>
/// Where a returned product stands (退换货、返厂维修, R-RMA-1). Received → inspected (a decision) → repaired or replaced → tested →
/// shipped back; a refund ends at the inspection's decision; a unit with no fault found goes straight to the test.
/// </summary>
public enum ReturnStatus
{
    /// <summary>收货: in the house, not yet looked at.</summary>
    Received,

    /// <summary>已检测: inspected; waiting for the repair or the replacement (or, decided so, the refund).</summary>
    Inspected,

    /// <summary>待测试: repaired, replaced or found without fault; waiting for the quality test.</summary>
    Repaired,

    /// <summary>测试合格: passed the test; waiting to be sent back.</summary>
    Passed,

    /// <summary>已发回: sent back to the customer.</summary>
    ShippedBack,

    /// <summary>已退货: taken back and refunded; nothing goes back.</summary>
    Refunded,

    Cancelled,
}

/// <summary>What the inspection decides.</summary>
public enum ReturnDecision
{
    /// <summary>返厂维修: repaired here and sent back.</summary>
    Repair,

    /// <summary>换货: a replacement is sent instead.</summary>
    Exchange,

    /// <summary>退货: taken back and refunded.</summary>
    Refund,

    /// <summary>未发现故障: tested and sent back as it came.</summary>
    NoFaultFound,
}

public enum ReturnAction
{
    Inspect,
    Repair,
    PassTest,
    FailTest,
    Ship,
    Refund,
    Cancel,
}

/// <summary>The returned product's state machine, as a function of the state, the action and the inspection's decision (tested exhaustively).</summary>
public static class ReturnTransitions
{
    public static ReturnStatus? Next(ReturnStatus from, ReturnAction action, ReturnDecision? decision) => (from, action) switch
    {
        (ReturnStatus.Received, ReturnAction.Inspect) when decision is ReturnDecision.NoFaultFound => ReturnStatus.Repaired,
        (ReturnStatus.Received, ReturnAction.Inspect) when decision is not null => ReturnStatus.Inspected,
        (ReturnStatus.Received, ReturnAction.Cancel) => ReturnStatus.Cancelled,
        (ReturnStatus.Inspected, ReturnAction.Repair) when decision is ReturnDecision.Repair or ReturnDecision.Exchange => ReturnStatus.Repaired,
        (ReturnStatus.Inspected, ReturnAction.Refund) when decision is ReturnDecision.Refund => ReturnStatus.Refunded,
        (ReturnStatus.Repaired, ReturnAction.PassTest) => ReturnStatus.Passed,
        (ReturnStatus.Repaired, ReturnAction.FailTest) => ReturnStatus.Inspected,
        (ReturnStatus.Passed, ReturnAction.Ship) => ReturnStatus.ShippedBack,
        _ => null,
    };

    public static bool IsOpen(ReturnStatus status) => status is not (ReturnStatus.ShippedBack or ReturnStatus.Refunded or ReturnStatus.Cancelled);
}

/// <summary>What arrives: from which customer (and ticket, when a visit sent it), what it is, what is wrong, who answers for the
/// repair and by when it is promised back.</summary>
public sealed record ReturnReceipt(
    int CustomerId,
    int? TicketId,
    int? ProductUnitId,
    string? Item,
    string? SerialNumber,
    string? Fault,
    DateOnly ReceivedOn,
    int ResponsiblePersonId,
    DateOnly? DueOn);

/// <summary>
/// 返修单 (R-RMA-1, issue 14 point 7): a unit or a part a customer sent back, received by the service office, assigned to the
/// person who answers for its repair (分派维修), inspected, repaired or replaced, tested by someone other than whoever did the
/// work (a quality test is not certified by its own maker), and sent back — or taken back and refunded. Its dates give the
/// turnaround; its first test gives the quality pass rate (返修产品质量合格率, plan F); finished by the promised day or not gives the
/// repair task achievement (返修任务达成率).
/// </summary>
public sealed class ProductReturn : IVersioned, IAudited
{
    public const int TextMaxLength = 500;
    public const int ItemMaxLength = 100;
    public const int SerialMaxLength = 60;

    /// <summary>The promise when none is given: back within this many days of receipt.</summary>
    public const int DefaultTurnaroundDays = 15;

    public const int MaxTurnaroundDays = 180;

    public int Id { get; private set; }
    public int CustomerId { get; private set; }
    public int? TicketId { get; private set; }
    public int? ProductUnitId { get; private set; }
    public string Item { get; private set; } = "";
    public string? SerialNumber { get; private set; }
    public string Fault { get; private set; } = "";
    public DateOnly ReceivedOn { get; private set; }
    public int? ReceivedById { get; private set; }
    public int ResponsiblePersonId { get; private set; }
    public DateOnly DueOn { get; private set; }
    public ReturnStatus Status { get; private set; }
    public ReturnDecision? Decision { get; private set; }
    public string? Finding { get; private set; }
    public DateOnly? InspectedOn { get; private set; }
    public int? InspectedById { get; private set; }
    public string? RepairWork { get; private set; }
    public string? ReplacementSerial { get; private set; }
    public DateOnly? RepairedOn { get; private set; }

    /// <summary>Who did the work the next test judges: the repairer, or the inspector who found no fault.</summary>
    public int? WorkedById { get; private set; }

    /// <summary>The first test decides the quality pass rate: kept on the return so the facts read it without the tests.</summary>
    public DateOnly? FirstTestedOn { get; private set; }

    public bool? FirstTestPassed { get; private set; }
    public List<ReturnTest> Tests { get; private set; } = [];
    public DateOnly? ShippedOn { get; private set; }
    public string? ShippingReference { get; private set; }
    public DateOnly? RefundedOn { get; private set; }

    /// <summary>The day it left the department's hands: sent back or refunded (the end of its turnaround).</summary>
    public DateOnly? CompletedOn { get; private set; }

    public string? CancelReason { get; private set; }
    public int? CreatedById { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public int Version { get; set; }

    private ProductReturn()
    {
    }

    /// <summary>The number shown and searched for (返修单号): FX and the id, so it needs no counter of its own.</summary>
    public string Number => NumberOf(Id);

    public static string NumberOf(int id) => $"FX{id:000000}";

    /// <summary>The id a typed number names ("FX000042", "fx42", "42"), if any.</summary>
    public static int? IdOf(string? number)
    {
        var text = number?.Trim() ?? "";
        if (text.StartsWith("FX", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    }

    /// <summary>Days from receipt to completion, when completed.</summary>
    public int? TurnaroundDays => CompletedOn is { } done ? done.DayNumber - ReceivedOn.DayNumber : null;

    /// <summary>Whether it was completed by the promised day (open ones: not yet).</summary>
    public bool OnTime => CompletedOn is { } done && done <= DueOn;

    public static Result<ProductReturn> Receive(DateTime nowUtc, DateOnly today, int? createdById, ReturnReceipt r)
    {
        var errors = new FieldErrors();
        errors.RequiredText("item", r.Item, ItemMaxLength);
        errors.MaxLength("serialNumber", r.SerialNumber, SerialMaxLength);
        errors.RequiredText("fault", r.Fault, TextMaxLength);
        if (r.ReceivedOn > today)
        {
            errors.Add("receivedOn", "range", "receivedOn is not after today.");
        }

        var due = r.DueOn ?? r.ReceivedOn.AddDays(DefaultTurnaroundDays);
        if (due < r.ReceivedOn || due > r.ReceivedOn.AddDays(MaxTurnaroundDays))
        {
            errors.Add("dueOn", "range", $"dueOn is between receivedOn and {MaxTurnaroundDays} days after it.");
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        return new ProductReturn
        {
            CreatedAtUtc = nowUtc,
            CreatedById = createdById,
            ReceivedById = createdById,
            CustomerId = r.CustomerId,
            TicketId = r.TicketId,
            ProductUnitId = r.ProductUnitId,
            Item = r.Item!.Trim(),
            SerialNumber = Clean(r.SerialNumber)?.ToUpperInvariant(),
            Fault = r.Fault!.Trim(),
            ReceivedOn = r.ReceivedOn,
            ResponsiblePersonId = r.ResponsiblePersonId,
            DueOn = due,
            Status = ReturnStatus.Received,
        };
    }

    /// <summary>The inspection's finding and decision; no fault found goes straight to the test, the inspector counting as its worker.</summary>
    public Refusal? Inspect(int actorId, DateOnly on, string? finding, ReturnDecision? decision)
    {
        var errors = new FieldErrors();
        errors.RequiredText("finding", finding, TextMaxLength);
        if (decision is null)
        {
            errors.Add("decision", "required", "decision is required.");
        }

        CheckDay(errors, "inspectedOn", on, ReceivedOn);
        return errors.Any ? errors.ToRefusal() : Move(ReturnAction.Inspect, decision, () =>
        {
            Decision = decision;
            Finding = finding!.Trim();
            InspectedOn = on;
            InspectedById = actorId;
            WorkedById = actorId;
        });
    }

    /// <summary>The repair done (or, for an exchange, the replacement's serial number); again after a failed test.</summary>
    public Refusal? Repair(int actorId, DateOnly on, string? work, string? replacementSerial)
    {
        var errors = new FieldErrors();
        errors.RequiredText("repairWork", work, TextMaxLength);
        errors.MaxLength("replacementSerial", replacementSerial, SerialMaxLength);
        if (Decision == ReturnDecision.Exchange && string.IsNullOrWhiteSpace(replacementSerial))
        {
            errors.Add("replacementSerial", "required", "An exchange names the replacement's serial number.");
        }

        CheckDay(errors, "repairedOn", on, InspectedOn ?? ReceivedOn);
        return errors.Any ? errors.ToRefusal() : Move(ReturnAction.Repair, Decision, () =>
        {
            RepairWork = work!.Trim();
            ReplacementSerial = Clean(replacementSerial)?.ToUpperInvariant();
            RepairedOn = on;
            WorkedById = actorId;
        });
    }

    /// <summary>
    /// The quality test (质检), never by whoever did the work it judges. A failed test sends it back to repair (a unit with no fault
    /// found that fails has a fault after all: its decision becomes a repair).
    /// </summary>
    public Refusal? Test(int actorId, DateOnly on, bool passed, string? note)
    {
        var errors = new FieldErrors();
        errors.MaxLength("note", note, TextMaxLength);
        if (!passed && string.IsNullOrWhiteSpace(note))
        {
            errors.Add("note", "required", "A failed test says what failed.");
        }

        CheckDay(errors, "testedOn", on, RepairedOn ?? InspectedOn ?? ReceivedOn);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        if (Status == ReturnStatus.Repaired && WorkedById is { } worker
            && SegregationOfDuties.RefuseSelf(actorId, worker, "test the work you did yourself") is { } self)
        {
            return self;
        }

        return Move(passed ? ReturnAction.PassTest : ReturnAction.FailTest, Decision, () =>
        {
            Tests.Add(new ReturnTest(Tests.Count + 1, on, actorId, passed, Clean(note)));
            if (FirstTestedOn is null)
            {
                FirstTestedOn = on;
                FirstTestPassed = passed;
            }

            if (!passed && Decision == ReturnDecision.NoFaultFound)
            {
                Decision = ReturnDecision.Repair;
            }
        });
    }

    public Refusal? Ship(DateOnly on, string? reference)
    {
        var errors = new FieldErrors();
        errors.RequiredText("shippingReference", reference, ItemMaxLength);
        CheckDay(errors, "shippedOn", on, Tests.Count > 0 ? Tests.Max(t => t.TestedOn) : ReceivedOn);
        return errors.Any ? errors.ToRefusal() : Move(ReturnAction.Ship, Decision, () =>
        {
            ShippedOn = on;
            CompletedOn = on;
            ShippingReference = reference!.Trim();
        });
    }

    public Refusal? Refund(DateOnly on)
    {
        var errors = new FieldErrors();
        CheckDay(errors, "refundedOn", on, InspectedOn ?? ReceivedOn);
        return errors.Any ? errors.ToRefusal() : Move(ReturnAction.Refund, Decision, () =>
        {
            RefundedOn = on;
            CompletedOn = on;
        });
    }

    /// <summary>Entered by mistake or withdrawn before anyone looked at it.</summary>
    public Refusal? Cancel(string? reason)
    {
        var errors = new FieldErrors();
        errors.RequiredText("reason", reason, TextMaxLength);
        return errors.Any ? errors.ToRefusal() : Move(ReturnAction.Cancel, Decision, () => CancelReason = reason!.Trim());
    }

    /// <summary>Reassigns the repair to another person while it is open.</summary>
    public Refusal? Assign(int personId)
    {
        if (!ReturnTransitions.IsOpen(Status))
        {
            return Refusal.Conflict("invalid_transition", $"A return that is {Status} is not reassigned.");
        }

        ResponsiblePersonId = personId;
        return null;
    }

    private static void CheckDay(FieldErrors errors, string field, DateOnly on, DateOnly notBefore)
    {
        if (on < notBefore)
        {
            errors.Add(field, "range", $"{field} is on or after {notBefore:yyyy-MM-dd}, the step before it.");
        }
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private Refusal? Move(ReturnAction action, ReturnDecision? decision, Action apply)
    {
        if (ReturnTransitions.Next(Status, action, decision) is not { } next)
        {
            return Refusal.Conflict("invalid_transition", $"A return that is {Status} cannot take the step {action}.");
        }

        apply();
        Status = next;
        return null;
    }
}

/// <summary>One quality test of a returned product: who, when, passed or what failed.</summary>
public sealed class ReturnTest
{
    public int Id { get; private set; }
    public int ReturnId { get; private set; }
    public int Sequence { get; private set; }
    public DateOnly TestedOn { get; private set; }
    public int TestedById { get; private set; }
    public bool Passed { get; private set; }
    public string? Note { get; private set; }

    private ReturnTest()
    {
    }

    internal ReturnTest(int sequence, DateOnly testedOn, int testedById, bool passed, string? note)
    {
        Sequence = sequence;
        TestedOn = testedOn;
        TestedById = testedById;
        Passed = passed;
        Note = note;
    }
}
