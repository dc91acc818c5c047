using Microsoft.Extensions.AI;

namespace Tailor.Domains.Synthesis.Teacher;

/// <summary>The run's token and answer-quality counters, shared by the parallel workers.</summary>
internal sealed class TeacherTally
{
    private long _promptTokens;
    private long _completionTokens;
    private int _answers;
    private int _strictAnswers;
    private int _rawDomains;
    private int _validRawDomains;

    public long PromptTokens => Interlocked.Read(ref _promptTokens);

    public long CompletionTokens => Interlocked.Read(ref _completionTokens);

    public long TotalTokens => PromptTokens + CompletionTokens;

    public int Answers => Volatile.Read(ref _answers);

    public int StrictAnswers => Volatile.Read(ref _strictAnswers);

    public int RawDomains => Volatile.Read(ref _rawDomains);

    public int ValidRawDomains => Volatile.Read(ref _validRawDomains);

    public void AddUsage(UsageDetails? usage)
    {
        Interlocked.Add(ref _promptTokens, usage?.InputTokenCount ?? 0);
        Interlocked.Add(ref _completionTokens, usage?.OutputTokenCount ?? 0);
    }

    public void AddAnswer<T>(TeacherAnswer<T> answer)
        where T : class
    {
        Interlocked.Increment(ref _answers);
        if (answer.Strict)
        {
            Interlocked.Increment(ref _strictAnswers);
        }
        Interlocked.Add(ref _rawDomains, answer.RawDomains);
        Interlocked.Add(ref _validRawDomains, answer.ValidRawDomains);
    }
}
