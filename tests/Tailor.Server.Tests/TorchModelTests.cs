namespace Tailor.Server.Tests;

/// <summary>
/// The tests that run libtorch models, one at a time and alone: TorchSharp calls from test classes running in
/// parallel in one process have crashed inside libtorch (see the Domains tests' collection of the same name).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchModelTests
{
    public const string Name = "torch models";
}
