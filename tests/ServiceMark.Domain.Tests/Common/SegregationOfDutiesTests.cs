using ServiceMark.Domain.Common;
using ServiceMark.Domain.Grading;

namespace ServiceMark.Domain.Tests.Common;

public sealed class SegregationOfDutiesTests
{
    [Fact]
    public void The_subject_is_refused_as_self_with_a_reason()
    {
        var refusal = SegregationOfDuties.RefuseSelf(25, 25, "recording a grade");
        Assert.NotNull(refusal);
        Assert.Equal(RefusalKind.Forbidden, refusal.Kind);
        Assert.Equal("self", refusal.Code);
        Assert.Contains("recording a grade", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4, 25)]
    [InlineData(null, 25)] // the administrator account that is no person is never the subject
    public void Anyone_else_passes(int? actor, int subject) => Assert.Null(SegregationOfDuties.RefuseSelf(actor, subject, "recording a grade"));

    [Fact]
    public void A_step_on_ones_own_grading_case_carries_the_same_code() => Assert.Equal(SegregationOfDuties.Self, GradingFlow.OwnCase);
}
