using Tailor.Sentiment.Tests.Decoder;

namespace Tailor.Sentiment.Tests;

/// <summary>
/// The tests that run libtorch models: one at a time, alone (concurrent TorchSharp calls from two test classes have
/// crashed inside libtorch elsewhere in this repository). The decoder tests share one tiny pretrained LM, built on
/// first use.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchModelTests : ICollectionFixture<TinyDecoderFixture>
{
    public const string Name = "torch models";
}
