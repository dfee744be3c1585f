using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Grading;

namespace ServiceMark.Web.Features.Grading;

/// <summary>Where a grade change came from.</summary>
public enum GradeChangeSource
{
    /// <summary>Recorded by HR (the grade a person held when ServiceMark started, or a correction).</summary>
    Recorded,

    /// <summary>A promotion (or first grading) whose certificate was issued.</summary>
    Promotion,

    /// <summary>A filed demotion case.</summary>
    Demotion,

    /// <summary>Reached by accumulated points in a points-based scheme (积分制, R-GRD-7); <see cref="PersonGrade.SourceId"/> is the assessment sheet of the month that reached it.</summary>
    Points,
}

/// <summary>
/// One effective-dated grade change of a person (R-GRD-2, R-GRD-4, R-GRD-6): from <see cref="EffectiveFrom"/> on the person
/// holds <see cref="LevelCode"/> until their next change. Never edited: pay for past months is computed from these rows, so
/// a correction is a new row. One change per person and date (the pay function refuses two on one day).
/// </summary>
public sealed class PersonGrade : IAudited
{
    public const int ReasonMaxLength = 2000;

    public int Id { get; private set; }
    public int PersonId { get; private set; }
    public string SchemeCode { get; private set; } = "";
    public string LevelCode { get; private set; } = "";
    public DateOnly EffectiveFrom { get; private set; }
    public string Reason { get; private set; } = "";
    public GradeChangeSource Source { get; private set; }

    /// <summary>The application or demotion case that made the change; null for a recorded one.</summary>
    public int? SourceId { get; private set; }

    public DateTime RecordedAtUtc { get; private set; }
    public string RecordedBy { get; private set; } = "";

    private PersonGrade()
    {
    }

    public static PersonGrade Create(int personId, string schemeCode, string levelCode, DateOnly effectiveFrom, string reason,
        GradeChangeSource source, int? sourceId, DateTime nowUtc, string by) => new()
        {
            PersonId = personId,
            SchemeCode = schemeCode,
            LevelCode = levelCode,
            EffectiveFrom = effectiveFrom,
            Reason = reason.Length > ReasonMaxLength ? reason[..ReasonMaxLength] : reason,
            Source = source,
            SourceId = sourceId,
            RecordedAtUtc = nowUtc,
            RecordedBy = by,
        };

    public GradeChange ToDomain() => new(EffectiveFrom, LevelCode, Reason);
}

internal sealed class PersonGradeConfiguration : IEntityTypeConfiguration<PersonGrade>
{
    public void Configure(EntityTypeBuilder<PersonGrade> b)
    {
        b.ToTable("PersonGrades");
        b.HasIndex(g => new { g.PersonId, g.EffectiveFrom }).IsUnique();
        b.Property(g => g.SchemeCode).HasMaxLength(GradeScheme.CodeMaxLength);
        b.Property(g => g.LevelCode).HasMaxLength(GradeScheme.CodeMaxLength);
        b.Property(g => g.Reason).HasMaxLength(PersonGrade.ReasonMaxLength);
        b.Property(g => g.RecordedBy).HasMaxLength(256);
    }
}

/// <summary>
/// One version of a scheme's pay table (R-GRD-2), rows as JSON. A version is never edited: a change is a new version with a
/// later effective date, so past months keep being paid as they were.
/// </summary>
public sealed class StoredPayTable : IAudited
{
    public int Id { get; private set; }
    public string SchemeCode { get; private set; } = "";
    public DateOnly EffectiveFrom { get; private set; }
    public string RowsJson { get; private set; } = "[]";
    public DateTime CreatedAtUtc { get; private set; }
    public string CreatedBy { get; private set; } = "";

    private StoredPayTable()
    {
    }

    public static StoredPayTable From(PayTable table, DateTime nowUtc, string by) => new()
    {
        SchemeCode = table.SchemeCode,
        EffectiveFrom = table.EffectiveFrom,
        RowsJson = JsonSerializer.Serialize(table.Rows, GradingJson.Options),
        CreatedAtUtc = nowUtc,
        CreatedBy = by,
    };

    public PayTable ToDomain() =>
        new(SchemeCode, EffectiveFrom, JsonSerializer.Deserialize<List<GradePayRow>>(RowsJson, GradingJson.Options) ?? []);
}

internal sealed class StoredPayTableConfiguration : IEntityTypeConfiguration<StoredPayTable>
{
    public void Configure(EntityTypeBuilder<StoredPayTable> b)
    {
        b.ToTable("GradePayTables");
        b.HasIndex(t => new { t.SchemeCode, t.EffectiveFrom }).IsUnique();
        b.Property(t => t.SchemeCode).HasMaxLength(GradeScheme.CodeMaxLength);
        b.Property(t => t.RowsJson).HasMaxLength(4000);
        b.Property(t => t.CreatedBy).HasMaxLength(256);
    }
}

/// <summary>Training (培训) or certificate (证书) a person holds: what eligibility (R-GRD-3) matches by exact name.</summary>
public enum QualificationKind
{
    Training,
    Certificate,
}

/// <summary>A completed training or a held certificate of a person, recorded by HR.</summary>
public sealed class PersonQualification : IAudited
{
    /// <summary>Older dates are typing mistakes (a year 1 or 1026), not a career: nobody working today trained before it.</summary>
    public static readonly DateOnly EarliestObtainedOn = new(1950, 1, 1);

    public const int NameMaxLength = 100;

    public int Id { get; private set; }
    public int PersonId { get; private set; }
    public QualificationKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public DateOnly ObtainedOn { get; private set; }

    private PersonQualification()
    {
    }

    public static PersonQualification Create(int personId, QualificationKind kind, string name, DateOnly obtainedOn) => new()
    {
        PersonId = personId,
        Kind = kind,
        Name = name,
        ObtainedOn = obtainedOn,
    };
}

internal sealed class PersonQualificationConfiguration : IEntityTypeConfiguration<PersonQualification>
{
    public void Configure(EntityTypeBuilder<PersonQualification> b)
    {
        b.ToTable("PersonQualifications");
        b.HasIndex(q => new { q.PersonId, q.Kind, q.Name }).IsUnique();
        b.Property(q => q.Name).HasMaxLength(PersonQualification.NameMaxLength);
    }
}

/// <summary>
/// A grade application (评定申请表, R-GRD-4) as stored: the domain's state name, the panel, every accepted step
/// (<see cref="EventsJson"/>), the panel's scores and result, and the certificate once issued. Transitions are decided by
/// <see cref="GradingFlow.Apply"/>; this row only keeps what was decided.
/// </summary>
public sealed class StoredGradeApplication : IAudited, IVersioned
{
    public int Id { get; private set; }
    public int ApplicantId { get; private set; }
    public int? SuperiorId { get; private set; }
    public string SchemeCode { get; private set; } = "";
    public string? FromLevelCode { get; private set; }
    public string ToLevelCode { get; private set; } = "";
    public DateOnly OpenedOn { get; private set; }
    public GradingState State { get; private set; }

    /// <summary>Panel member person ids, comma separated, ascending.</summary>
    public string PanelMemberIds { get; private set; } = "";

    public string EventsJson { get; private set; } = "[]";
    public string? ScoresJson { get; private set; }
    public string? ExaminationJson { get; private set; }
    public decimal? WeightedScore { get; private set; }
    public string? RejectionReason { get; private set; }
    public string? CertificateNumber { get; private set; }
    public DateOnly? CertificateIssuedOn { get; private set; }
    public DateOnly? EffectiveFrom { get; private set; }
    public int Version { get; set; }

    private StoredGradeApplication()
    {
    }

    public static StoredGradeApplication Open(GradeApplication a) => new()
    {
        ApplicantId = a.ApplicantId,
        SuperiorId = a.SuperiorId,
        SchemeCode = a.SchemeCode,
        FromLevelCode = a.FromLevelCode,
        ToLevelCode = a.ToLevelCode,
        OpenedOn = a.OpenedOn,
        State = a.State,
    };

    public IReadOnlyList<int> Panel => PanelMemberIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();

    public IReadOnlyList<GradingEvent> Events => JsonSerializer.Deserialize<List<GradingEvent>>(EventsJson, GradingJson.Options) ?? [];

    public GradingParties Parties => new(ApplicantId, SuperiorId, Panel);

    /// <summary>The date of the last step: steps are recorded in date order.</summary>
    public DateOnly LastStepOn => Events.Count > 0 ? Events[^1].On : OpenedOn;

    public void SetPanel(IEnumerable<int> memberIds) =>
        PanelMemberIds = string.Join(',', memberIds.Distinct().Order());

    public void Move(GradingAction action, int actorId, DateOnly on, GradingState to, string? reason)
    {
        var events = Events.ToList();
        events.Add(new GradingEvent(action, actorId, on, State, to, reason?.Trim()));
        EventsJson = JsonSerializer.Serialize(events, GradingJson.Options);
        if (to == GradingState.Rejected)
        {
            RejectionReason = reason?.Trim();
        }

        State = to;
    }

    public void RecordExamination(IReadOnlyCollection<PanelScore> scores, PanelResult result)
    {
        ScoresJson = JsonSerializer.Serialize(scores, GradingJson.Options);
        ExaminationJson = JsonSerializer.Serialize(result, GradingJson.Options);
        WeightedScore = result.WeightedScore;
    }

    public void Certify(string number, DateOnly issuedOn, DateOnly effectiveFrom)
    {
        CertificateNumber = number;
        CertificateIssuedOn = issuedOn;
        EffectiveFrom = effectiveFrom;
    }
}

internal sealed class StoredGradeApplicationConfiguration : IEntityTypeConfiguration<StoredGradeApplication>
{
    public void Configure(EntityTypeBuilder<StoredGradeApplication> b)
    {
        b.ToTable("GradeApplications");
        b.HasIndex(a => a.ApplicantId);
        b.HasIndex(a => a.CertificateNumber).IsUnique();
        b.Property(a => a.SchemeCode).HasMaxLength(GradeScheme.CodeMaxLength);
        b.Property(a => a.FromLevelCode).HasMaxLength(GradeScheme.CodeMaxLength);
        b.Property(a => a.ToLevelCode).HasMaxLength(GradeScheme.CodeMaxLength);
        b.Property(a => a.PanelMemberIds).HasMaxLength(400);
        b.Property(a => a.RejectionReason).HasMaxLength(4000);
        b.Property(a => a.CertificateNumber).HasMaxLength(20);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.Ignore(a => a.Panel);
        b.Ignore(a => a.Events);
        b.Ignore(a => a.Parties);
        b.Ignore(a => a.LastStepOn);
    }
}

/// <summary>
/// A demotion case (降级, R-GRD-6) as stored: cause, evidence, the domain's state name and every step. When filed, a
/// <see cref="PersonGrade"/> row one level lower takes effect from <see cref="EffectiveFrom"/>.
/// </summary>
public sealed class StoredDemotion : IAudited, IVersioned
{
    public int Id { get; private set; }
    public int PersonId { get; private set; }
    public int? SuperiorId { get; private set; }
    public string SchemeCode { get; private set; } = "";
    public string FromLevelCode { get; private set; } = "";
    public string ToLevelCode { get; private set; } = "";
    public DemotionCause Cause { get; private set; }
    public string Evidence { get; private set; } = "";

    /// <summary>The assessment engine's flag period (e.g. "2026-03..2026-04") when raised from a flag.</summary>
    public string? FlagPeriod { get; private set; }

    public DateOnly RaisedOn { get; private set; }
    public int RaisedById { get; private set; }
    public GradingState State { get; private set; }
    public string EventsJson { get; private set; } = "[]";
    public string? RejectionReason { get; private set; }
    public DateOnly? EffectiveFrom { get; private set; }
    public int Version { get; set; }

    private StoredDemotion()
    {
    }

    public static StoredDemotion Raise(Demotion d, int raisedById, string? flagPeriod) => new()
    {
        PersonId = d.PersonId,
        SuperiorId = d.SuperiorId,
        SchemeCode = d.SchemeCode,
        FromLevelCode = d.FromLevelCode,
        ToLevelCode = d.ToLevelCode,
        Cause = d.Cause,
        Evidence = d.Evidence,
        FlagPeriod = flagPeriod,
        RaisedOn = d.RaisedOn,
        RaisedById = raisedById,
        State = d.State,
    };

    public IReadOnlyList<GradingEvent> Events => JsonSerializer.Deserialize<List<GradingEvent>>(EventsJson, GradingJson.Options) ?? [];

    public GradingParties Parties => new(PersonId, SuperiorId, []);

    public DateOnly LastStepOn => Events.Count > 0 ? Events[^1].On : RaisedOn;

    public void Move(GradingAction action, int actorId, DateOnly on, GradingState to, string? reason, DateOnly? effectiveFrom = null)
    {
        var events = Events.ToList();
        events.Add(new GradingEvent(action, actorId, on, State, to, reason?.Trim()));
        EventsJson = JsonSerializer.Serialize(events, GradingJson.Options);
        if (to == GradingState.Rejected)
        {
            RejectionReason = reason?.Trim();
        }

        EffectiveFrom = effectiveFrom ?? EffectiveFrom;
        State = to;
    }
}

internal sealed class StoredDemotionConfiguration : IEntityTypeConfiguration<StoredDemotion>
{
    public void Configure(EntityTypeBuilder<StoredDemotion> b)
    {
        b.ToTable("GradeDemotions");
        b.HasIndex(d => d.PersonId);
        b.Property(d => d.SchemeCode).HasMaxLength(GradeScheme.CodeMaxLength);
        b.Property(d => d.FromLevelCode).HasMaxLength(GradeScheme.CodeMaxLength);
        b.Property(d => d.ToLevelCode).HasMaxLength(GradeScheme.CodeMaxLength);
        b.Property(d => d.Evidence).HasMaxLength(Demotion.EvidenceMaxLength);
        b.Property(d => d.FlagPeriod).HasMaxLength(40);
        b.Property(d => d.RejectionReason).HasMaxLength(4000);
        b.Property(d => d.Version).IsConcurrencyToken();
        b.Ignore(d => d.Events);
        b.Ignore(d => d.Parties);
        b.Ignore(d => d.LastStepOn);
    }
}

/// <summary>JSON for grading's stored documents: web casing, enums by name (stored names never change).</summary>
public static class GradingJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
