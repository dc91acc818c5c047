namespace Tailor.Domains.Guard;

/// <summary>A training example for <see cref="SafetyClassifier"/>: a text, its class and how much it counts.</summary>
public sealed record LabeledText(string Text, string Label, float Weight = 1f);
