using Tailor.Sentiment.Ensemble;

namespace Tailor.Sentiment.Tests.Ensemble;

/// <summary><c>sentiment.json</c>: what is saved is loaded, and a bad manifest is named.</summary>
public sealed class EnsembleManifestTests
{
    [Fact]
    public void Save_then_load_round_trips()
    {
        using var folder = new TempDirectory();
        var manifest = new EnsembleManifest { Name = "imdb", Encoder = "enc", Ngram = "ng.bin", MaxLength = 128, Blend = new MarginBlend(-0.125, [0.75, 1.25]) };

        manifest.Save(folder.Path);
        var loaded = EnsembleManifest.Load(folder.Path);

        Assert.Equal(("imdb", "enc", "ng.bin", 128), (loaded.Name, loaded.Encoder, loaded.Ngram, loaded.MaxLength));
        Assert.Equal(-0.125, loaded.Blend.Bias);
        Assert.Equal([0.75, 1.25], loaded.Blend.Weights);
        Assert.Contains("\"max_length\": 128", File.ReadAllText(folder.File(EnsembleManifest.FileName)), StringComparison.Ordinal);
        Assert.Null(loaded.CharNgram);
        Assert.DoesNotContain("char_ngram", File.ReadAllText(folder.File(EnsembleManifest.FileName)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_character_member_takes_the_third_weight()
    {
        using var folder = new TempDirectory();
        new EnsembleManifest { CharNgram = "chars.bin", Blend = new MarginBlend(0, [0.2, 0.6, 0.3]) }.Save(folder.Path);

        var loaded = EnsembleManifest.Load(folder.Path);

        Assert.Equal(["ngram.bin", "chars.bin"], loaded.NgramFiles);
        Assert.Equal([0.2, 0.6, 0.3], loaded.Blend.Weights);
    }

    [Fact]
    public void Left_out_fields_take_their_defaults()
    {
        using var folder = new TempDirectory();
        folder.Write(EnsembleManifest.FileName, """{ "blend": { "bias": 0.5, "weights": [1, 2] } }""");

        var loaded = EnsembleManifest.Load(folder.Path);

        Assert.Equal(("encoder", "ngram.bin", 256), (loaded.Encoder, loaded.Ngram, loaded.MaxLength));
        Assert.Equal([1.0, 2.0], loaded.Blend.Weights);
    }

    [Theory]
    [InlineData("""{ "blend": { "bias": 0, "weights": [1] } }""", "'blend.weights' must hold 2 numbers")]
    [InlineData("""{ "blend": { "bias": 0, "weights": [1, 2, 3] } }""", "'blend.weights' must hold 2 numbers")]
    [InlineData("""{ "blend": { "bias": 0 } }""", "'blend.weights' must hold 2 numbers")]
    [InlineData("""{ "blend": null }""", "'blend.weights' must hold 2 numbers")]
    [InlineData("""{ "char_ngram": "c.bin", "blend": { "bias": 0, "weights": [1, 2] } }""", "'blend.weights' must hold 3 numbers (encoder, ngram.bin, c.bin)")]
    [InlineData("""{ "name": "x", """, "not a valid sentiment manifest")]
    [InlineData("""{ "max_length": "long" }""", "not a valid sentiment manifest")]
    [InlineData("null", "empty manifest")]
    public void A_bad_manifest_is_named(string json, string expected)
    {
        using var folder = new TempDirectory();
        folder.Write(EnsembleManifest.FileName, json);
        var path = folder.File(EnsembleManifest.FileName);

        var error = Assert.Throws<InvalidDataException>(() => EnsembleManifest.Load(folder.Path));

        Assert.StartsWith($"{path}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
