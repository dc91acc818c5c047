namespace Tailor.Domains.Tests.Model;

/// <summary>
/// The tests that run libtorch models. They run one at a time and alone: run concurrently in one process, the
/// TorchSharp calls of two test classes crashed inside libtorch now and then (a scalar argument arriving garbled), which
/// the product avoids by generating under a lock.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchModelTests
{
    public const string Name = "torch models";
}
