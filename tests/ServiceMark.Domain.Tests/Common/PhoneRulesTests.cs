using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Tests.Common;

/// <summary>Issue 12 point 4: phone numbers as dialled in China, checked against the numbering plan (libphonenumber).</summary>
public sealed class PhoneRulesTests
{
    [Theory]
    [InlineData("13703710101")]
    [InlineData("139 0371 0008")]
    [InlineData("0371-67891234")]
    [InlineData("010 6512 3456")]
    [InlineData("+86 137 0371 0101")]
    [InlineData("+49 30 901820")]
    public void Mobile_landline_and_international_numbers_are_accepted(string phone) => Assert.True(PhoneRules.IsValid(phone), phone);

    [Theory]
    [InlineData("123456789012345678901")] // 21 digits
    [InlineData("1370371010")] // a mobile number one digit short
    [InlineData("12345")]
    [InlineData("电话")]
    [InlineData("1")]
    public void Numbers_that_cannot_be_dialled_are_refused_naming_the_field(string phone)
    {
        Assert.False(PhoneRules.IsValid(phone), phone);
        var errors = new FieldErrors();
        PhoneRules.Check(errors, "contactPhone", phone);
        Assert.Equal(("contactPhone", "phone"), (errors.All.Single().Field, errors.All.Single().Code));
    }

    [Fact]
    public void No_number_is_not_an_error_here() => Assert.False(new Func<FieldErrors>(() => { var e = new FieldErrors(); PhoneRules.Check(e, "phone", " "); return e; })().Any);
}
