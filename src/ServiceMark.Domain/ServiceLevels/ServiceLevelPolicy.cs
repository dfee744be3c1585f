using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.ServiceLevels;

/// <summary>The time targets a service level sets; each is measured from the ticket's registration.</summary>
public enum SlaTarget
{
    /// <summary>First reply to the customer (响应/答复).</summary>
    FirstResponse,

    /// <summary>Engineer on site (到场).</summary>
    Arrival,

    /// <summary>Problem resolved (处理完毕).</summary>
    Resolution,

    /// <summary>Written contact with the customer (书面联系), e.g. for chassis/engine faults.</summary>
    WrittenContact,

    /// <summary>Resolved without a visit (远程解决, R-TKT-7): measured instead of arrival and resolution on a ticket resolved remotely.</summary>
    RemoteResolution,
}

/// <summary>
/// A service level (服务时效, R-SLA-1): which tickets it applies to and the targets it sets. Every criterion left
/// empty means "any"; the selector prefers the policy with the most criteria set. Numbers are data an admin edits.
/// </summary>
/// <remarks>
/// Distance bands are half-open, <c>MinDistanceKm &lt; distance ≤ MaxDistanceKm</c>: "within 100 km" includes
/// exactly 100 km and "beyond 100 km" starts above it, so two bands sharing a boundary never both match.
/// Two clock flags, not one: the seeds phrase replies in working days ("1 个工作日") but resolution in elapsed hours
/// ("72 小时内"), and 72 h read as working time would be nine working days.
/// </remarks>
public sealed class ServiceLevelPolicy : IVersioned, IAudited
{
    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }

    /// <summary>A FaultCategory name ("Body", "ChassisEngine", …); null = any.</summary>
    public string? FaultCategory { get; private set; }

    /// <summary>Exclusive lower bound; null = no lower bound.</summary>
    public decimal? MinDistanceKm { get; private set; }

    /// <summary>Inclusive upper bound; null = no upper bound.</summary>
    public decimal? MaxDistanceKm { get; private set; }

    /// <summary>true = only tickets needing a supplier, false = only those not needing one, null = any.</summary>
    public bool? RequiresSupplier { get; private set; }

    /// <summary>An Urgency name ("Low", "Normal", "High", "Critical"); null = any.</summary>
    public string? Urgency { get; private set; }

    public TimeSpan? FirstResponse { get; private set; }
    public TimeSpan? Arrival { get; private set; }
    public TimeSpan? Resolution { get; private set; }
    public TimeSpan? WrittenContact { get; private set; }

    /// <summary>
    /// The resolution target of a ticket resolved by phone or remote connection (R-TKT-7); not set, such a ticket is held
    /// to <see cref="Resolution"/>. Counts time as resolution does (<see cref="ResolutionCountsWorkingTime"/>).
    /// </summary>
    public TimeSpan? RemoteResolution { get; private set; }

    /// <summary>
    /// First response, arrival and written contact count working time on the business calendar (R-SLA-2) rather
    /// than clock hours: 8 h then means one working day.
    /// </summary>
    public bool CountsWorkingTime { get; private set; }

    /// <summary>Resolution counts working time on the business calendar rather than clock hours.</summary>
    public bool ResolutionCountsWorkingTime { get; private set; }

    /// <summary>Higher wins between equally specific matching policies.</summary>
    public int Priority { get; private set; }

    public bool IsActive { get; private set; } = true;
    public int Version { get; set; }

    private ServiceLevelPolicy()
    {
    }

    /// <summary>
    /// Creates a policy from details already checked by <see cref="ServiceLevelPolicyRules.Check"/>.
    /// <paramref name="id"/> 0 lets the database assign it; seeds pass fixed ids so they can be referred to.
    /// </summary>
    public static ServiceLevelPolicy Create(ServiceLevelPolicyDetails details, int id = 0)
    {
        var policy = new ServiceLevelPolicy { Id = id };
        policy.Apply(details);
        return policy;
    }

    public void Update(ServiceLevelPolicyDetails details) => Apply(details);

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;

    /// <summary>How many criteria are set: the selector's measure of how specific the policy is.</summary>
    public int Specificity =>
        (FaultCategory is null ? 0 : 1) + (MinDistanceKm is null ? 0 : 1) + (MaxDistanceKm is null ? 0 : 1)
        + (RequiresSupplier is null ? 0 : 1) + (Urgency is null ? 0 : 1);

    public TimeSpan? TargetFor(SlaTarget target) => target switch
    {
        SlaTarget.FirstResponse => FirstResponse,
        SlaTarget.Arrival => Arrival,
        SlaTarget.Resolution => Resolution,
        SlaTarget.WrittenContact => WrittenContact,
        SlaTarget.RemoteResolution => RemoteResolution,
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, null),
    };

    public bool UsesWorkingTime(SlaTarget target) =>
        target is SlaTarget.Resolution or SlaTarget.RemoteResolution ? ResolutionCountsWorkingTime : CountsWorkingTime;

    /// <summary>The targets this policy sets, in <see cref="SlaTarget"/> order.</summary>
    public IReadOnlyList<(SlaTarget Target, TimeSpan Duration, bool WorkingTime)> Targets =>
        Enum.GetValues<SlaTarget>()
            .Where(t => TargetFor(t) is not null)
            .Select(t => (t, TargetFor(t)!.Value, UsesWorkingTime(t)))
            .ToList();

    /// <summary>
    /// The targets a ticket is held to. On site: every target but the remote one. Resolved remotely (R-TKT-7): nobody was to
    /// arrive, so no arrival target, and the resolution is measured as its own target — the remote one, or the policy's
    /// resolution time when it sets none — so that remote work is counted apart from visits and never as a missed arrival.
    /// </summary>
    public IReadOnlyList<(SlaTarget Target, TimeSpan Duration, bool WorkingTime)> TargetsFor(bool resolvedRemotely)
    {
        if (!resolvedRemotely)
        {
            return Targets.Where(t => t.Target != SlaTarget.RemoteResolution).ToList();
        }

        var targets = Targets.Where(t => t.Target is not (SlaTarget.Arrival or SlaTarget.Resolution or SlaTarget.RemoteResolution)).ToList();
        if ((RemoteResolution ?? Resolution) is { } remote)
        {
            targets.Add((SlaTarget.RemoteResolution, remote, ResolutionCountsWorkingTime));
        }

        return targets;
    }

    public ServiceLevelPolicyDetails ToDetails() => new(
        Name, Description, FaultCategory, MinDistanceKm, MaxDistanceKm, RequiresSupplier, Urgency,
        FirstResponse, Arrival, Resolution, WrittenContact, CountsWorkingTime, ResolutionCountsWorkingTime, Priority, IsActive, RemoteResolution);

    private void Apply(ServiceLevelPolicyDetails d)
    {
        Name = d.Name.Trim();
        Description = string.IsNullOrWhiteSpace(d.Description) ? null : d.Description.Trim();
        FaultCategory = ServiceLevelCriteria.Canonical(ServiceLevelCriteria.FaultCategories, d.FaultCategory);
        MinDistanceKm = d.MinDistanceKm;
        MaxDistanceKm = d.MaxDistanceKm;
        RequiresSupplier = d.RequiresSupplier;
        Urgency = ServiceLevelCriteria.Canonical(ServiceLevelCriteria.Urgencies, d.Urgency);
        FirstResponse = d.FirstResponse;
        Arrival = d.Arrival;
        Resolution = d.Resolution;
        WrittenContact = d.WrittenContact;
        RemoteResolution = d.RemoteResolution;
        CountsWorkingTime = d.CountsWorkingTime;
        ResolutionCountsWorkingTime = d.ResolutionCountsWorkingTime;
        Priority = d.Priority;
        IsActive = d.IsActive;
    }
}

/// <summary>The editable facts of a <see cref="ServiceLevelPolicy"/>.</summary>
public sealed record ServiceLevelPolicyDetails(
    string Name,
    string? Description = null,
    string? FaultCategory = null,
    decimal? MinDistanceKm = null,
    decimal? MaxDistanceKm = null,
    bool? RequiresSupplier = null,
    string? Urgency = null,
    TimeSpan? FirstResponse = null,
    TimeSpan? Arrival = null,
    TimeSpan? Resolution = null,
    TimeSpan? WrittenContact = null,
    bool CountsWorkingTime = false,
    bool ResolutionCountsWorkingTime = false,
    int Priority = 0,
    bool IsActive = true,
    TimeSpan? RemoteResolution = null);

/// <summary>
/// The names a policy's criteria may use. They mirror the ticket's FaultCategory and Urgency enums (kept as
/// strings here so that a policy row stays readable and the two folders do not depend on each other).
/// </summary>
public static class ServiceLevelCriteria
{
    public static readonly IReadOnlyList<string> FaultCategories =
        ["Body", "ChassisEngine", "Electrical", "Installation", "Consultation", "Other"];

    public static readonly IReadOnlyList<string> Urgencies = ["Low", "Normal", "High", "Critical"];

    internal static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>The listed spelling of <paramref name="name"/>, so "body" is stored as "Body"; unknown names pass through.</summary>
    internal static string? Canonical(IReadOnlyList<string> names, string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : names.FirstOrDefault(n => Same(n, name.Trim())) ?? name.Trim();
}
