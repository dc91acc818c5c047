using System.Text.Json;
using Tailor.Domains.Model;
using Tailor.Domains.Names;
using Tailor.Domains.Suggestions;

namespace Tailor.Cli.Tests;

/// <summary>
/// The shipped domain model (models/domains): small enough to commit, calibrated, and answering through the shipped
/// guard with valid names; and <c>tailor model calibrate</c>, run on a copy of it.
/// </summary>
[Collection("console")]
public sealed class ShippedDomainModelTests : IDisposable
{
    private static readonly string ModelDir = Path.Combine(RepositoryFiles.Root(), "models", "domains");
    private readonly string root = Path.Combine(Path.GetTempPath(), "tailor-calibrate-" + Guid.NewGuid().ToString("N"));

    public ShippedDomainModelTests() => Directory.CreateDirectory(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void The_shipped_model_is_under_40_MB_calibrated_and_names_validly_under_every_option()
    {
        var bytes = Directory.GetFiles(ModelDir).Sum(f => new FileInfo(f).Length);
        Assert.InRange(bytes, 1_000_000L, 40L * 1024 * 1024);
        using var suggester = ModelDomainSuggester.Load(ModelDir);
        Assert.True(suggester.Calibration.IsFitted, "models/domains ships its calibration.json");

        var plain = suggester.Suggest(new SuggestionRequest("A bakery in Lyon selling sourdough and croissants"));
        Assert.Equal(10, plain.Suggestions.Select(s => s.Domain).Distinct(StringComparer.Ordinal).Count());
        Assert.All(plain.Suggestions, s => Assert.True(DomainValidity.Check(s.Domain).Valid, s.Domain));
        Assert.True(plain.Suggestions.Zip(plain.Suggestions.Skip(1)).All(p => p.First.Confidence >= p.Second.Confidence), "ranked by confidence");

        var constrained = suggester.Suggest(new SuggestionRequest("A bakery in Lyon selling sourdough and croissants")
        {
            Count = 6, Tlds = ["fr", "shop"], Style = NameStyle.Short, Exclude = ["bake"],
        });
        Assert.Equal(6, constrained.Suggestions.Count);
        Assert.All(constrained.Suggestions, s =>
        {
            var label = s.Domain.Split('.')[0];
            Assert.True(s.Domain.EndsWith(".fr", StringComparison.Ordinal) || s.Domain.EndsWith(".shop", StringComparison.Ordinal), s.Domain);
            Assert.InRange(label.Length, 1, SuggestionRequest.ShortLabelLength);
            Assert.DoesNotContain("bake", label, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Calibrate_writes_a_monotone_calibration_into_the_model_folder()
    {
        var copy = Path.Combine(root, "domains");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(ModelDir).Where(f => Path.GetFileName(f) != ConfidenceCalibration.FileName))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }
        var data = Path.Combine(RepositoryFiles.Root(), "data", "suites", "holdout.jsonl");

        var run = CliRunner.Run("model", "calibrate", "--model", copy, "--data", data, "--cases", "12");

        Assert.True(run.Code == 0, run.Err);
        Assert.Contains("fitted on 120 names", run.Out, StringComparison.Ordinal);
        var calibration = ConfidenceCalibration.Load(copy);
        Assert.True(calibration.IsFitted);
        Assert.True(calibration.Confidences.Zip(calibration.Confidences.Skip(1)).All(p => p.First <= p.Second), "isotonic: never decreasing");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(copy, ConfidenceCalibration.FileName)));
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
        Assert.Equal(1, CliRunner.Run("model", "calibrate", "--model", copy, "--data", Path.Combine(root, "missing.jsonl")).Code);
    }
}
