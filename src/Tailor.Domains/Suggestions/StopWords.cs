namespace Tailor.Domains.Suggestions;

/// <summary>
/// Words that say nothing about what a business is, in their folded form (<see cref="AsciiText.Fold"/>): English,
/// French, Spanish and German function words, and the filler of business descriptions ("company", "offering",
/// "based"). Words under three letters never count as keywords, so they need no entry.
/// </summary>
internal static class StopWords
{
    private static readonly HashSet<string> Words = new(
        """
        the and for with from that this these those into onto over under about above after before while where which who whom
        whose what when why how our your their its his her they them you yours ours are was were been being has have had does did
        doing can could will would shall should may might must not but also than then there here very just only more most much many
        some any each every all both few other such own same too per via out off one two three four five six seven eight nine ten
        company companies business businesses firm startup start brand service services offering offer offers offered provide provides
        providing provider sell sells selling sold based located run runs running make makes making made help helps helping
        focus focused focusing specialize specializes specializing specialized specialist dedicated new best quality high great good
        small local family owned family-owned people customers clients everyone anyone someone users user online website site web
        platform solution solutions product products team around across near need needs want wants like including include includes
        using use uses well way ways day days year years time get got let lets together world worldwide global experience
        une des les pour avec dans sur qui que est aux par cette ces son ses nos notre vos votre leur leurs plus tres entreprise societe
        propose proposons offre vend vendons situe situee
        los las unos unas del con por para que sus nuestro nuestra nuestros nuestras empresa ofrece vende muy mas esta este
        der die das ein eine einen einem einer eines und mit fur von zum zur auf aus bei ist den dem des sich wir unser unsere
        firma bietet verkauft sehr
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);

    public static bool Contains(string folded) => Words.Contains(folded);
}
