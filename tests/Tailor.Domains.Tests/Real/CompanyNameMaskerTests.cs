using Tailor.Domains.Real;

namespace Tailor.Domains.Tests.Real;

public class CompanyNameMaskerTests
{
    [Theory]
    [InlineData("Abode", "Abode is a platform for renters.", "The company is a platform for renters.")]
    [InlineData("Abode", "Renters love abode. ABODE is cheap.", "Renters love the company. The company is cheap.")]
    [InlineData("Abode", "Try Abode's app today.", "Try its app today.")]
    [InlineData("Abode", "Abode’s app is free.", "Its app is free.")]
    [InlineData("Abode", "Sign up for the Abode app.", "Sign up for the company app.")]
    [InlineData("Abode", "Abodes and abodement stay.", "Abodes and abodement stay.")]
    [InlineData("Corvo.ai", "Corvo drafts contracts; Corvo.ai reviews them.", "The company drafts contracts; the company reviews them.")]
    [InlineData("Naria AI", "Create stories with Naria.ai today.", "Create stories with the company today.")]
    [InlineData("Realty Mogul", "RealtyMogul simplifies investing.", "The company simplifies investing.")]
    [InlineData("Talisman+", "Talisman manages subscriptions.", "The company manages subscriptions.")]
    [InlineData("913.ai", "913.ai – Where your team meets digital coworkers.", "The company – Where your team meets digital coworkers.")]
    public void Masks_the_name_so_the_text_still_reads(string name, string description, string expected)
    {
        var masker = new CompanyNameMasker(name);
        Assert.Equal(expected != description, masker.Finds(description));
        Assert.Equal(expected, masker.Mask(description));
    }
}
