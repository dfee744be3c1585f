using System.Security.Cryptography;
using CsCheck;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Surveys;

namespace ServiceMark.Domain.Tests.Surveys;

[Trait("Rule", "R-CMP-2")]
public sealed class SurveyAnswersTests
{
    private static SurveyRating Ten(string q, int v) => new(q, SurveyScale.TenPoint, v);

    private static SurveyRating Four(string q, FourPointRating v) => new(q, SurveyScale.FourPoint, (int)v);

    private static SurveyAnswers Answers(bool? solved = true, string? comment = null, params SurveyRating[] ratings) =>
        new(ratings.Length == 0 ? [Ten(SurveyQuestions.RepairQuality, 9), Ten(SurveyQuestions.Satisfaction, 8)] : ratings, solved, comment);

    [Theory]
    [InlineData(SurveyScale.TenPoint, 0, false)]
    [InlineData(SurveyScale.TenPoint, 1, true)]
    [InlineData(SurveyScale.TenPoint, 10, true)]
    [InlineData(SurveyScale.TenPoint, 11, false)]
    [InlineData(SurveyScale.FourPoint, -1, false)]
    [InlineData(SurveyScale.FourPoint, 0, true)]
    [InlineData(SurveyScale.FourPoint, 3, true)]
    [InlineData(SurveyScale.FourPoint, 4, false)]
    public void Answers_must_lie_within_their_scale(SurveyScale scale, int value, bool ok) =>
        Assert.Equal(ok, SurveyScales.IsWithin(scale, value));

    [Fact]
    [Trait("Rule", "R-CMP-3")]
    public void The_four_point_scale_scores_as_the_seeds_do() =>
        Assert.Equal([0, 1, 2, 3], new[]
        {
            FourPointRating.VeryUnsatisfied, FourPointRating.Unsatisfied, FourPointRating.Satisfied, FourPointRating.VerySatisfied,
        }.Select(r => (int)r));

    [Fact]
    public void Complete_answers_pass() => Assert.False(SurveyRules.Check(Answers(comment: new string('好', 1000))).Any);

    [Fact]
    public void Every_problem_is_named_with_its_field()
    {
        var errors = SurveyRules.Check(Answers(null, new string('x', 1001),
            Ten("repair_quality", 11), Ten("repair_quality", 5), Four("satisfaction", (FourPointRating)4), new(" ", (SurveyScale)7, 1)));
        Assert.Equal(
            [
                ("ratings[0].value", "out_of_scale"), ("ratings[1].question", "duplicate"), ("ratings[2].value", "out_of_scale"),
                ("ratings[3].question", "required"), ("ratings[3].scale", "unknown"), ("problemSolved", "required"), ("comment", "too_long"),
            ],
            errors.All.Select(e => (e.Field, e.Code)));
    }

    [Fact]
    public void At_least_one_rating_is_required() =>
        Assert.Equal("ratings", SurveyRules.Check(new SurveyAnswers([], true, null)).All.Single().Field);

    [Theory]
    [InlineData(7, 7, true, false)]
    [InlineData(6, 10, true, true)]
    [InlineData(10, 6, true, true)]
    [InlineData(10, 10, false, true)]
    [InlineData(1, 1, false, true)]
    public void Ten_point_answers_of_six_or_less_or_an_unsolved_problem_are_low(int quality, int satisfaction, bool solved, bool low) =>
        Assert.Equal(low, SurveyRules.IsLow(
            Answers(solved, null, Ten(SurveyQuestions.RepairQuality, quality), Ten(SurveyQuestions.Satisfaction, satisfaction)),
            SurveyThresholds.Default));

    [Theory]
    [InlineData(FourPointRating.VerySatisfied, false)]
    [InlineData(FourPointRating.Satisfied, false)]
    [InlineData(FourPointRating.Unsatisfied, true)]
    [InlineData(FourPointRating.VeryUnsatisfied, true)]
    public void Four_point_answers_of_unsatisfied_or_worse_are_low(FourPointRating rating, bool low) =>
        Assert.Equal(low, SurveyRules.IsLow(Answers(true, null, Four(SurveyQuestions.Satisfaction, rating)), SurveyThresholds.Default));

    [Fact]
    public void Low_reasons_say_what_was_low_and_thresholds_are_data()
    {
        var answers = Answers(false, null, Ten(SurveyQuestions.RepairQuality, 5), Four(SurveyQuestions.Satisfaction, FourPointRating.Satisfied));
        Assert.Equal(["repair_quality: 5 of 10, at or below 6", "the problem was not solved"],
            SurveyRules.LowReasons(answers, SurveyThresholds.Default));

        var strict = new SurveyThresholds(TenPointLowAtOrBelow: 4, FourPointLowAtOrBelow: 2, UnsolvedIsLow: false);
        Assert.Equal(["satisfaction: 2 of 3, at or below 2"], SurveyRules.LowReasons(answers, strict));
    }

    [Fact]
    public void Raising_any_answer_never_makes_a_survey_low() =>
        Gen.Select(Gen.Int[1, 10], Gen.Int[0, 3], Gen.Bool, Gen.Int[0, 9], Gen.Int[0, 3]).Sample((ten, four, solved, up10, up4) =>
        {
            var before = Answers(solved, null, Ten("q", ten), new SurveyRating("f", SurveyScale.FourPoint, four));
            var after = Answers(solved, null, Ten("q", Math.Min(10, ten + up10)), new SurveyRating("f", SurveyScale.FourPoint, Math.Min(3, four + up4)));
            return SurveyRules.IsLow(before, SurveyThresholds.Default) || !SurveyRules.IsLow(after, SurveyThresholds.Default);
        });
}

[Trait("Rule", "R-CMP-2")]
public sealed class SurveyLinkTests
{
    private static readonly DateTime T0 = new(2026, 5, 1, 8, 0, 0, DateTimeKind.Utc);

    private static string NewToken() => SurveyToken.Encode(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void Only_the_hash_of_the_token_is_kept()
    {
        var token = NewToken();
        var link = SurveyLink.Issue(42, token, T0);

        Assert.Equal(SurveyToken.Hash(token), link.TokenHash);
        Assert.DoesNotContain(token, link.TokenHash);
        Assert.Equal(64, link.TokenHash.Length);
        Assert.True(SurveyToken.Matches(token, link.TokenHash));
        Assert.False(SurveyToken.Matches(NewToken(), link.TokenHash));
    }

    [Fact]
    public void Hash_is_hex_sha256_of_the_utf8_token() =>
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", SurveyToken.Hash("abc"));

    [Fact]
    public void Tokens_carry_at_least_128_bits()
    {
        Assert.Equal(22, SurveyToken.Encode(new byte[16]).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => SurveyToken.Encode(new byte[15]));
        Assert.True(SurveyToken.IsWellFormed(new string('A', 22)));
        Assert.False(SurveyToken.IsWellFormed(new string('A', 21)));
        Assert.False(SurveyToken.IsWellFormed(new string('A', 21) + "+"));
        Assert.False(SurveyToken.IsWellFormed(null));
        Assert.Throws<ArgumentException>(() => SurveyLink.Issue(1, "guessable", T0));
    }

    [Fact]
    public void Encoded_tokens_are_url_safe_and_well_formed() =>
        Gen.Byte.Array[16, 64].Sample(bytes => SurveyToken.IsWellFormed(SurveyToken.Encode(bytes)));

    [Fact]
    public void A_link_expires_after_14_days_by_default()
    {
        var link = SurveyLink.Issue(42, NewToken(), T0);
        Assert.Equal(T0.AddDays(14), link.ExpiresAtUtc);
        Assert.Null(link.CanUse(T0.AddDays(14).AddTicks(-1)));

        var refusal = link.TryUse(T0.AddDays(14));
        Assert.Equal((RefusalKind.Conflict, "expired"), (refusal!.Kind, refusal.Code));
        Assert.Null(link.UsedAtUtc);
    }

    [Fact]
    public void A_link_works_once()
    {
        var link = SurveyLink.Issue(42, NewToken(), T0, TimeSpan.FromDays(3));
        Assert.Null(link.TryUse(T0.AddDays(1)));
        Assert.Equal(T0.AddDays(1), link.UsedAtUtc);

        Assert.Equal("already_used", link.TryUse(T0.AddDays(1))!.Code);
        Assert.Equal("already_used", link.CanUse(T0.AddDays(30))!.Code); // used beats expired
        Assert.Equal(T0.AddDays(1), link.UsedAtUtc);
    }

    [Fact]
    public void Checking_a_link_does_not_use_it()
    {
        var link = SurveyLink.Issue(42, NewToken(), T0);
        Assert.Null(link.CanUse(T0));
        Assert.Null(link.CanUse(T0));
        Assert.Null(link.UsedAtUtc);
    }

    [Fact]
    public void The_validity_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SurveyLink.Issue(1, NewToken(), T0, TimeSpan.Zero));
}
