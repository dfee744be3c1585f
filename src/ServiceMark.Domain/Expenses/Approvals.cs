using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Expenses;

/// <summary>A money document of one person (advance or claim): who may see and decide on it follows from that person.</summary>
public interface IExpenseDocument
{
    int Id { get; }
    int PersonId { get; }
}

/// <summary>The leader's decision on a money document (advance or claim): never on one's own, and a refusal says why.</summary>
internal static class Approvals
{
    public const int NoteMaxLength = 500;

    public static Refusal? CheckDecision(int leaderId, int subjectPersonId, bool approve, string? note, string what)
    {
        if (SegregationOfDuties.RefuseSelf(leaderId, subjectPersonId, what) is { } self)
        {
            return self;
        }

        var errors = new FieldErrors();
        errors.MaxLength("note", note, NoteMaxLength);
        if (!approve)
        {
            errors.Required("note", note);
        }

        return errors.Any ? errors.ToRefusal() : null;
    }

    public static string? Clean(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();
}
