using System.Globalization;
using Microsoft.Extensions.AI;
using Tailor.Domains.Synthesis.Teacher;
using Tailor.Evaluation.Judges;

namespace Tailor.Evaluation.Tests.Judges;

/// <summary>Clients and cases for the judge tests.</summary>
internal static class JudgeTestData
{
    public const string Model = "fake-judge";

    /// <summary>A real OpenAI client for the fake server through our retrying client, with quick retries.</summary>
    public static IChatClient Client(FakeJudgeServer server, int maxAttempts = 10) =>
        TeacherClientFactory.Create(server.BaseUrl, Model, apiKey: null,
            new TeacherRetryPolicy { MaxAttempts = maxAttempts, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(20) },
            TimeSpan.FromSeconds(30));

    public static LlmJudgeOptions Options(JudgeCache? cache = null) => new() { Model = Model, Cache = cache };

    /// <summary><paramref name="count"/> cases of 10 distinct domains each.</summary>
    public static List<JudgeItem> Items(int count) => Enumerable.Range(1, count)
        .Select(c => new JudgeItem(
            "case-" + c.ToString(CultureInfo.InvariantCulture),
            $"A bakery number {c} selling sourdough bread to neighbours.",
            Enumerable.Range(1, 10).Select(d => $"bread{c}x{d}.com").ToList()))
        .ToList();
}
