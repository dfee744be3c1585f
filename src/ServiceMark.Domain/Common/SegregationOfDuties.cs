namespace ServiceMark.Domain.Common;

/// <summary>
/// Nobody records, approves, grades, pays or certifies something about themselves (SECURITY.md, segregation of duties).
/// One rule for every write about a person, whatever the actor's roles — an administrator linked to a person included —
/// so that a new handler cannot forget it by copying a different check.
/// </summary>
public static class SegregationOfDuties
{
    /// <summary>The refusal code of a write about oneself (403).</summary>
    public const string Self = "self";

    /// <summary>
    /// The refusal when <paramref name="actorPersonId"/> is the person the write is about, else null. An actor that is no
    /// person (the administrator account without a person) can never be the subject. <paramref name="what"/> names the
    /// write for the message, e.g. "recording a grade".
    /// </summary>
    public static Refusal? RefuseSelf(int? actorPersonId, int subjectPersonId, string what) =>
        actorPersonId is { } actor && actor == subjectPersonId
            ? new Refusal(RefusalKind.Forbidden, Self, $"Not about oneself: {what} is for another authorised person to do. 本人不得为自己办理此项。", [])
            : null;
}
