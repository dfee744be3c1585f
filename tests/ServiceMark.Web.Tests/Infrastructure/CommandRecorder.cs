using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ServiceMark.Tests.Infrastructure;

/// <summary>
/// Records the SQL commands and transactions EF Core runs in the async flow that started the recording — in-process
/// requests included when the test server preserves the execution context (<c>app.Server.PreserveExecutionContext = true</c>),
/// and nothing from other tests, background jobs or other requests running meanwhile. Listens to EF Core's
/// DiagnosticListener, so the app needs no test hook.
/// </summary>
public sealed class CommandRecorder : IDisposable
{
    private static readonly AsyncLocal<CommandRecorder?> Current = new();
    private static readonly Lazy<IDisposable> Subscription = new(() => DiagnosticListener.AllListeners.Subscribe(new AllListeners()));

    private readonly ConcurrentQueue<string> commands = new();
    private int transactions;
    private int commits;

    private CommandRecorder()
    {
    }

    /// <summary>Starts recording in this async flow (and the flows it starts); dispose to stop.</summary>
    public static CommandRecorder Start()
    {
        _ = Subscription.Value;
        var recorder = new CommandRecorder();
        Current.Value = recorder;
        return recorder;
    }

    public IReadOnlyList<string> Commands => commands.ToList();
    public int Transactions => Volatile.Read(ref transactions);
    public int Commits => Volatile.Read(ref commits);

    /// <summary>The commands, numbered, for an assertion message.</summary>
    public string Describe() => string.Join(Environment.NewLine, Commands.Select((c, i) => $"{i + 1}: {c.ReplaceLineEndings(" ")}"));

    public void Dispose() => Current.Value = null;

    private sealed class AllListeners : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                listener.Subscribe(new Events());
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }

    private sealed class Events : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (Current.Value is not { } recorder)
            {
                return;
            }

            if (e.Key == RelationalEventId.CommandExecuting.Name && e.Value is CommandEventData command)
            {
                recorder.commands.Enqueue(command.Command.CommandText);
            }
            else if (e.Key == RelationalEventId.TransactionStarted.Name)
            {
                Interlocked.Increment(ref recorder.transactions);
            }
            else if (e.Key == RelationalEventId.TransactionCommitted.Name)
            {
                Interlocked.Increment(ref recorder.commits);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
