namespace ServiceMark.Domain.Common;

/// <summary>
/// An entity with an application-managed concurrency version (SQLite has no row version).
/// The data layer increments it on every update and compares it on save: a stale write is a 409.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}

/// <summary>An entity whose every change is written to the append-only audit log in the same transaction.</summary>
public interface IAudited
{
    int Id { get; }
}
