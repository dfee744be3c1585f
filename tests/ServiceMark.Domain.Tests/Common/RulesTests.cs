using CsCheck;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Organisation;
using ServiceMark.Domain.Security;

namespace ServiceMark.Domain.Tests.Common;

public sealed class RoundingTests
{
    [Theory]
    [InlineData("93.345", "93.35")]
    [InlineData("93.344", "93.34")]
    [InlineData("-1.005", "-1.01")]
    [InlineData("0.005", "0.01")]
    [InlineData("12", "12")]
    public void Rounds_to_two_decimals_half_away_from_zero(string input, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            Rounding.Round(decimal.Parse(input, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Rounding_is_idempotent_and_symmetric() =>
        Gen.Decimal[-100000m, 100000m].Sample(d =>
            Rounding.Round(Rounding.Round(d)) == Rounding.Round(d) && Rounding.Round(-d) == -Rounding.Round(d));
}

public sealed class PasswordRulesTests
{
    private static readonly HashSet<string> Common = ["password1234", "qwerty123456"];

    [Theory]
    [InlineData("short-pass1", 1)]
    [InlineData("a-fine-long-passphrase", 0)]
    [InlineData("Password1234", 1)]
    public void Checks_length_and_common_list(string password, int problems) =>
        Assert.Equal(problems, PasswordRules.Check(password, Common).Count);

    [Fact]
    public void Length_bounds_are_12_to_128()
    {
        Assert.Empty(PasswordRules.Check(new string('x', 12), Common));
        Assert.Single(PasswordRules.Check(new string('x', 11), Common));
        Assert.Empty(PasswordRules.Check(new string('x', 128), Common));
        Assert.Single(PasswordRules.Check(new string('x', 129), Common));
    }
}

public sealed class OrgRulesTests
{
    [Fact]
    [Trait("Rule", "R-ORG-1")]
    public void Teams_and_stations_belong_to_a_department()
    {
        Assert.False(OrgRules.CheckUnit(OrgUnitKind.Department, "D1", "售后服务部", null, null).Any);
        Assert.Contains(OrgRules.CheckUnit(OrgUnitKind.Team, "T1", "车身组", null, null).All, e => e.Field == "parentId");
        Assert.Contains(OrgRules.CheckUnit(OrgUnitKind.ServiceStation, "S1", "郑州站", null, null).All, e => e.Field == "parentId");
    }

    [Fact]
    [Trait("Rule", "R-ORG-3")]
    public void A_position_carries_a_known_non_admin_role()
    {
        Assert.False(OrgRules.CheckPosition("ENG", "工程师", RoleNames.Engineer).Any);
        Assert.Contains(OrgRules.CheckPosition("X", "X", RoleNames.Admin).All, e => e.Field == "role");
        Assert.Contains(OrgRules.CheckPosition("X", "X", "boss").All, e => e.Field == "role");
        Assert.Equal(3, OrgRules.CheckPosition("", "", null).All.Count);
    }
}
