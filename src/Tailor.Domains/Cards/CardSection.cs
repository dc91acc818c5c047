namespace Tailor.Domains.Cards;

/// <summary>A free-form markdown section of the dataset card (a diversity report, a note on sources, ...).</summary>
public sealed record CardSection(string Heading, string Markdown);
