using System.Globalization;
using System.Text;
using static Tailor.Domains.Synthesis.Offline.EnglishPhrases;

namespace Tailor.Domains.Synthesis.Offline;

/// <summary>
/// Writes an English business description of a <see cref="CompanyProfile"/> in one of many shapes: one-liners,
/// paragraphs of 2-4 fact sentences, "Looking for a name for my ..." requests, "X helps Y do Z", taglines, bullet
/// lists, founder stories, questions, pitches, pipe-separated notes, customer blurbs and terse notes. Each shape
/// has several wordings, and paragraphs draw their sentences from a pool in random order, so few descriptions
/// share a skeleton.
/// </summary>
internal static class DescriptionWriter
{
    private static readonly string[] Famous = ["Uber", "Airbnb", "Netflix", "Spotify", "Etsy", "Duolingo", "Peloton", "Notion"];

    private static readonly string[] Asks =
    [
        "Need a domain name.", "Looking for a catchy domain.", "Any name ideas?", "What should the website be called?",
        "We need a web address that people remember.", "Suggest some domains please.", "Help us pick a URL!",
        "Something memorable would be great.",
    ];

    /// <summary>A description of <paramref name="company"/> in a randomly chosen shape.</summary>
    public static string Write(CompanyProfile company, Random random) => random.Next(12) switch
    {
        0 => OneLiner(company, random),
        1 or 2 => Paragraph(company, random),
        3 => LookingFor(company, random),
        4 => Helps(company, random),
        5 => Tagline(company, random),
        6 => Bullets(company, random),
        7 => FounderStory(company, random),
        8 => Question(company, random),
        9 => Pitch(company, random),
        10 => Notes(company, random),
        _ => Blurb(company, random),
    };

    /// <summary>Several paragraphs of facts, asides and second thoughts, at least <paramref name="minLength"/> characters.</summary>
    public static string Rambling(CompanyProfile company, Random random, int minLength)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Okay, so let me explain everything about {company.Name}, because it is a bit of a long story. ");
        text.Append(FounderStory(company, random));
        var asides = new[]
        {
            $"Honestly, I have been thinking about this for months and I keep going back and forth on what the name should say.",
            $"My friends keep telling me the name does not matter that much, but I think it does, especially for {company.Audience}.",
            $"Some background: {company.Place.Name} has a lot of competition in this space, so we need to stand out.",
            $"We tried a few names already, but they were either taken or sounded like every other {company.Noun}.",
            $"I also want the domain to work if we ever expand beyond {company.Place.Name}, maybe even internationally.",
            $"People who try our {company.Offerings[0]} usually come back, which is why word of mouth matters so much to us.",
            $"The long-term plan is to add {company.Offerings[2]} and maybe open a second location within a few years.",
            $"We want the brand to feel {company.Tone.Key} without being cheesy, if that makes sense.",
            $"One more thing: a lot of our customers find us on their phones, so the name has to be easy to type.",
            $"I realise this is a lot of detail, but I would rather give you too much than too little.",
            $"Our biggest strength, I think, is {company.Value}, and that is something we never compromise on.",
            $"Over the years we have learned that {company.Audience} care about trust more than anything else.",
        };
        var order = random.PickDistinct(asides, asides.Length);
        var next = 0;
        while (text.Length < minLength)
        {
            text.Append("\n\n");
            for (var i = 0; i < 3; i++)
            {
                text.Append(next < order.Count ? order[next++] : Fact(company, random)).Append(' ');
            }
            text.Append(Fact(company, random)).Append(' ').Append(Fact(company, random));
        }
        text.Append("\n\n").Append(random.Pick(Asks));
        return text.ToString();
    }

    private static string OneLiner(CompanyProfile c, Random random) => random.Next(6) switch
    {
        0 => $"{Capitalize(A(c.Noun))} in {c.Place.Name} selling {c.Offerings[0]} and {c.Offerings[1]}.",
        1 => $"{Capitalize(c.Adjective)} {c.Offerings[0]} for {c.Audience} in {c.Place.Name}.",
        2 => $"{c.Name}: {c.Offerings[0]} and {c.Offerings[1]} for {c.Audience}.",
        3 => $"{Capitalize(c.Noun)} offering {c.Offerings[0]} to {c.Audience}",
        4 => $"online {c.Noun} - {c.Offerings[0]}, {c.Offerings[1]}",
        _ => $"{Capitalize(c.Offerings[0])} and more from {A(c.Noun)} that values {c.Value}.",
    };

    private static string Paragraph(CompanyProfile c, Random random)
    {
        var sentences = new List<string>();
        if (random.Chance(0.7))
        {
            sentences.Add(Who(c, random));
        }
        var count = random.Next(2, 5);
        var kinds = random.PickDistinct([0, 1, 2, 3, 4, 5, 6], count);
        sentences.AddRange(kinds.Select(k => Fact(c, random, k)));
        if (random.Chance(0.3))
        {
            sentences.Add(random.Pick(Asks));
        }
        return string.Join(" ", sentences);
    }

    private static string LookingFor(CompanyProfile c, Random random)
    {
        var opener = random.Next(6) switch
        {
            0 => $"Looking for a name for my {c.Noun} in {c.Place.Name}.",
            1 => $"I need a domain for {A(c.Noun)} I'm starting.",
            2 => $"Help me name my {c.Noun}!",
            3 => $"Need domain ideas for a new {c.Noun} focused on {c.Offerings[0]}.",
            4 => $"Can you suggest domains for {A(c.Noun)}?",
            _ => $"Domain name wanted: {c.Noun}, {c.Place.Name}.",
        };
        return opener + " " + Fact(c, random, random.Next(7)) + (random.Chance(0.5) ? " " + Fact(c, random, 0) : "");
    }

    private static string Helps(CompanyProfile c, Random random)
    {
        var lead = random.Next(4) switch
        {
            0 => $"{c.Name} helps {c.Audience} {c.Benefit}.",
            1 => $"{c.Name} makes it easy for {c.Audience} to {c.Benefit}.",
            2 => $"With {c.Name}, {c.Audience} can {c.Benefit}.",
            _ => $"At {c.Name} we help {c.Audience} {c.Benefit} through {c.Offerings[0]}.",
        };
        var more = random.Next(3);
        return lead + string.Concat(random.PickDistinct([0, 2, 3, 4, 5, 6], more).Select(k => " " + Fact(c, random, k)));
    }

    private static string Tagline(CompanyProfile c, Random random) => random.Next(5) switch
    {
        0 => $"{Capitalize(c.Adjective)} {c.Offerings[0]}. Real people. {c.Place.Name}.",
        1 => $"{Capitalize(c.Offerings[0])}, done right.",
        2 => $"{c.Name} — {c.Offerings[0]} for {c.Audience}.",
        3 => $"\"{Capitalize(c.Benefit)}.\" That's our promise. {c.Name}, {c.Place.Name}.",
        _ => $"{Capitalize(c.Offerings[0])}. {Capitalize(c.Offerings[1])}. {Capitalize(c.Offerings[2])}. All in one {c.Noun}.",
    };

    private static string Bullets(CompanyProfile c, Random random)
    {
        var fields = new List<string>
        {
            $"{random.Pick(["Business", "What", "Type", "Company"])}: {c.Noun}",
            $"{random.Pick(["Offers", "Products", "Main services", "Selling"])}: {c.Offerings[0]}, {c.Offerings[1]}",
            $"{random.Pick(["For", "Customers", "Audience", "Target market"])}: {c.Audience}",
            $"{random.Pick(["Where", "Location", "Based in", "City"])}: {c.Place.Name}",
            $"{random.Pick(["Vibe", "Tone", "Feel"])}: {c.Tone.Key}",
            $"{random.Pick(["Model", "How we make money"])}: {c.Model.Phrases[0]}",
        };
        var chosen = random.PickDistinct(fields, random.Next(3, fields.Count + 1));
        var bullet = random.Pick(["- ", "* ", "• ", ""]);
        var header = random.Chance(0.5) ? random.Pick(["About us:", $"{c.Name}", "Quick summary", "Details:"]) + "\n" : "";
        return header + string.Join("\n", chosen.Select(f => bullet + f));
    }

    private static string FounderStory(CompanyProfile c, Random random)
    {
        var lead = random.Next(4) switch
        {
            0 => $"My name is {c.FounderFirstName} and I started {c.Name} in {c.Founded}.",
            1 => $"Hi, {c.FounderFirstName} here. I run {A(c.Noun)} called {c.Name}.",
            2 => $"{c.Founder} founded {c.Name} in {c.Founded} to help {c.Audience} {c.Benefit}.",
            _ => $"After years of working for others, I opened my own {c.Noun} in {c.Place.Name}.",
        };
        return lead + " " + Fact(c, random, 1) + " " + Fact(c, random, random.Next(2, 7));
    }

    private static string Question(CompanyProfile c, Random random) => random.Next(3) switch
    {
        0 => $"What would you call {A(c.Noun)} that sells {c.Offerings[0]} to {c.Audience}? {Fact(c, random, 3)}",
        1 => $"Any ideas for a domain? We do {c.Offerings[0]} and {c.Offerings[1]} in {c.Place.Name}.",
        _ => $"How should I name {A(c.Noun)} for {c.Audience}? {Fact(c, random, 5)} {Fact(c, random, 1)}",
    };

    private static string Pitch(CompanyProfile c, Random random) => random.Next(3) switch
    {
        0 => $"Think {random.Pick(Famous)}, but for {c.Offerings[0]}. {Fact(c, random, 2)}",
        1 => $"Imagine being able to {c.Benefit} without any hassle. That's what {c.Name} does. {Fact(c, random, 1)}",
        _ => $"We're building the {random.Pick(Famous)} of {c.Offerings[0]}: {c.Model.Phrases[0]} for {c.Audience}.",
    };

    private static string Notes(CompanyProfile c, Random random) => random.Next(3) switch
    {
        0 => $"{c.Noun} | {c.Place.Name} | {c.Offerings[0]}, {c.Offerings[1]} | {c.Tone.Key}",
        1 => $"{c.Noun}, {c.Place.Name.ToLowerInvariant()}. {c.Offerings[0]}. {c.Audience}. want something {c.Tone.Key}",
        _ => $"new {c.Noun} -> {c.Offerings[0]} + {c.Offerings[1]}, {c.Model.Key} model, {c.Size}",
    };

    private static string Blurb(CompanyProfile c, Random random) => random.Next(3) switch
    {
        0 => $"Need {c.Offerings[0]}? {c.Name} has you covered. {Fact(c, random, 3)}",
        1 => $"Tired of bad {c.Offerings[0]}? So were we. {Fact(c, random, 5)} {c.Tone.Closers[0]}",
        _ => $"Fresh from {c.Place.Name}: {c.Offerings[0]}, {c.Offerings[1]} and {c.Offerings[2]}. {random.Pick(c.Tone.Closers)}",
    };

    private static string Who(CompanyProfile c, Random random) => random.Next(6) switch
    {
        0 => $"We are {A(c.Noun)} in {c.Place.Name}.",
        1 => $"{c.Name} is {A(c.Noun)} based in {c.Place.Name}.",
        2 => $"We run {A(c.Noun)} out of {c.Place.Name}.",
        3 => $"I own {A(c.Noun)} in {c.Place.Name}.",
        4 => $"Based in {c.Place.Name}, we're {A(c.Noun)}.",
        _ => $"{c.Name} started as {A(c.Noun)} and still is one.",
    };

    /// <summary>One fact sentence of kind 0-6 (offerings, audience, model, size, founding, values, tone); random kind when omitted.</summary>
    private static string Fact(CompanyProfile c, Random random, int kind = -1) => (kind < 0 ? random.Next(7) : kind) switch
    {
        0 => Who(c, random),
        1 => random.Next(5) switch
        {
            0 => $"We offer {List(c.Offerings)}.",
            1 => $"Our specialty is {c.Offerings[0]}.",
            2 => $"Mostly {c.Offerings[0]}, but also {c.Offerings[1]}.",
            3 => $"{random.Pick(c.Tone.Openers)} {c.Offerings[0]} and {c.Offerings[1]}.",
            _ => $"Customers come to us for {c.Offerings[0]}.",
        },
        2 => random.Next(4) switch
        {
            0 => $"Our customers are mostly {c.Audience}.",
            1 => $"We work with {c.Audience}.",
            2 => $"Built for {c.Audience}.",
            _ => $"{Capitalize(c.Audience)} love us because we help them {c.Benefit}.",
        },
        3 => random.Next(3) switch
        {
            0 => $"It's {c.Model.Phrases[random.Next(c.Model.Phrases.Count)]}.",
            1 => $"We run it as {random.Pick(c.Model.Phrases)}.",
            _ => $"Business model: {c.Model.Phrases[0]}.",
        },
        4 => random.Next(3) switch
        {
            0 => $"We're {c.Size}.",
            1 => $"Team: {c.Size}.",
            _ => $"Right now it's {c.Size}.",
        },
        5 => random.Next(4) switch
        {
            0 => $"Started in {c.Founded}.",
            1 => $"We opened our doors in {c.Founded}.",
            2 => $"Founded in {c.Founded} by {c.Founder}.",
            _ => $"{Capitalize(c.Value)} is at the heart of what we do.",
        },
        _ => random.Chance(0.5) ? random.Pick(c.Tone.Closers) : $"We care a lot about {c.Value}.",
    };
}
