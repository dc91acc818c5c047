using Tailor.Domains.Real;

namespace Tailor.Domains.Tests.Real;

public class LanguageGuesserTests
{
    [Theory]
    [InlineData("We help small shops sell their products online with the best tools.", "en")]
    [InlineData("Nous aidons les petits commerces à vendre sur internet avec des outils simples pour leurs clients.", "fr")]
    [InlineData("Ayudamos a las tiendas pequeñas a vender por internet con herramientas para sus clientes.", "es")]
    [InlineData("Wir helfen kleinen Läden, ihre Produkte mit einfachen Werkzeugen für die Kunden online zu verkaufen.", "de")]
    [InlineData("Wij helpen kleine winkels om hun producten online te verkopen met eenvoudige tools voor het team.", "nl")]
    [InlineData("Aiutiamo i piccoli negozi a vendere online con strumenti semplici per gli utenti e per il team.", "it")]
    [InlineData("Qwerty zxcv 123", "en")]
    [InlineData("Pizza con amore", "en")]
    public void Guesses_from_function_words(string text, string expected)
    {
        Assert.Equal(expected, LanguageGuesser.Guess(text));
    }
}
