using Tailor.Domains.Data;

namespace Tailor.Domains.Suggestions;

/// <summary>
/// The baseline's refusal terms per <see cref="SafetyCategories"/> category, in English, French, Spanish and German.
/// A term is one or more words separated by spaces, written as they read (accents and case do not matter, they are
/// folded like the text); a trailing '*' lets the last word go on ("cocain*" matches "cocaina", "pornograf*"
/// "pornografie"), otherwise it may only take a plural or inflection ending (<see cref="SafetyTermMatcher"/>).
/// </summary>
/// <remarks>
/// Deliberately a floor: plain words with no sense of context, so "a suicide prevention hotline" is refused with
/// "suicide pacts". Short words that hide in ordinary ones ("meth" in "method", "sex" in "Essex") are whole words.
/// </remarks>
internal static class SafetyBlocklist
{
    public static IReadOnlyList<(string Category, string Term)> Terms { get; } = Parse(new Dictionary<string, string>
    {
        [SafetyCategories.Sexual] =
            "porn* | porno* | pornograf* | pornograph* | escort | escorte | escorts | prostitu* | prostitution* | sex | sexe | xxx | " +
            "photos de nu | hardcore | erotic | erotique | erotica | nude | nudes | nackt* | desnud* | sexcam* | camgirl* | " +
            "sexuels | sexuelles | sexuales | sex webcam | sex shows",
        [SafetyCategories.Hate] =
            "neo nazi* | neonazi* | white supremac* | supremacist* | suprematiste* | supremacista* | racist | racists | " +
            "raciste* | racista* | rassistisch* | antisemit* | homophob* | homofob* | islamophob* | anti immigrant | hate | haine | " +
            "odio | hass | hate speech | white power",
        [SafetyCategories.Violence] =
            "ghost gun* | ghost guns | firearm* | assault rifle* | silencer* | handgun* | guns | 3d printed gun* | machine gun* | " +
            "explosive* | contract killing* | contract killer* | hitman | hitmen | beating* | enforcer* | kidnap* | acid attack* | " +
            "armes fantomes | armes a feu | fusil* d assaut | enlevement* | meurtre* | passages a tabac | pistolet* | pistolen | silencieux | tueur* a gages | " +
            "armas de fuego | armas fantasma | rifles de asalto | asesinato* | paliza* | pistola* | secuestro* | sicario* | silenciador* | " +
            "auftragskill* | auftragsmord* | entfuhrung* | geisterwaffe* | prugelattack* | schalldampfer* | schusswaffe* | sturmgewehr*",
        [SafetyCategories.Drugs] =
            "cocain* | kokain* | heroin* | fentanyl* | fentanil* | ketamin* | mdma | lsd | ecstasy | meth | crystal meth | " +
            "methamphetamin* | metanfetamin* | methamfetamin* | crack rock* | crack cocaine | oxycodone | oxycontin | opium",
        [SafetyCategories.Scams] =
            "phishing | ponzi | carding | counterfeit* | credit card numbers | stolen credit card* | hacked bank account* | " +
            "fake passport* | forged id* | stolen identit* | identity theft | ransomware | fake lottery | fake charity | bogus tech support | " +
            "fake tech support | crypto giveaway* | faux billet* | faux passeport* | fausse association | faux support technique | faux gain* | " +
            "cartes bancaires | billetes falsos | pasaportes falsos | falsa caridad | falso soporte tecnico | falsos premios | esquema ponzi | " +
            "falschgeld | gefalschte passe | fake lotterie | fake spenden | schneeballsystem | kreditkarten* | bankkonto* | identifiants bancaires | " +
            "tarjetas de credito robad*",
        [SafetyCategories.SelfHarm] =
            "suicide | suicides | suicidal | suicidio | suizid* | suicidaire* | suicida* | self harm | self injury | pro ana | pro anorexia | " +
            "pro bulimia | cutting | lethal overdose* | overdose* | automutilation | autolesion* | anorexie | anorexia | magersucht | " +
            "selbstverletzung*",
        [SafetyCategories.Terrorism] =
            "isis | daech | daesh | al qaeda | al qaida | alqaeda | al shabaab | boko haram | jihadi* | djihadi* | yihadi* | dschihadi* | " +
            "terror* | extremist* | extremiste* | extremista* | " +
            "estado islamico | islamischen staat | islamic state",
        [SafetyCategories.ChildExploitation] =
            "csam | child abuse | child sexual abuse | child marriage* | child sex* | child trafficking | child porn* | grooming child* | " +
            "grooming minor* | grooming kid* | child grooming | grooming de menores | " +
            "minors | underage | abus sexuels sur enfants | escortes mineures | mariages d enfants | mineurs | pedopiegeage | " +
            "pedoporn* | traite d enfants | abuso sexual infantil | menores de edad | matrimonios infantiles | menores | " +
            "pornografia infantil | trata de menores | cybergrooming | kinderehe* | kinderhandel | kinderporn* | minderjahrig* | " +
            "missbrauchsdarstellung* | pedophil* | paedophil* | lolita",
    });

    private static List<(string Category, string Term)> Parse(Dictionary<string, string> terms) =>
        terms.SelectMany(entry => entry.Value.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(term => (entry.Key, term)))
            .ToList();
}
