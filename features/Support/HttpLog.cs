using System.Text;

namespace ConformanceKit.Features.Support;

/// <summary>Every HTTP request and response of one scenario, printed when the scenario fails.</summary>
public sealed class HttpLog
{
    private const int MaxBody = 3_000;
    private readonly List<string> _entries = [];
    private int _repeats;

    public int Count { get { lock (_entries) return _entries.Count; } }

    /// <summary>A handler recording into this log (one per HttpClient).</summary>
    public DelegatingHandler CreateHandler() => new Recorder(this);

    public string Render()
    {
        lock (_entries)
            return _entries.Count == 0 ? "(no HTTP requests)" : string.Join("\n", _entries) + Repeated();
    }

    /// <summary>Polling repeats the same exchange: identical consecutive exchanges are counted, not repeated.</summary>
    private void Add(string entry)
    {
        lock (_entries)
        {
            if (_entries.Count > 0 && _entries[^1] == entry) { _repeats++; return; }
            if (_repeats > 0) _entries[^1] += Repeated();
            _repeats = 0;
            _entries.Add(entry);
        }
    }

    private string Repeated() => _repeats > 0 ? $"    (the same exchange {_repeats} more time(s))\n" : "";

    private static string Body(byte[] bytes)
    {
        if (bytes.Length == 0) return "";
        var text = Encoding.UTF8.GetString(bytes);
        return "\n" + (text.Length > MaxBody ? text[..MaxBody] + $"… ({bytes.Length} bytes)" : text);
    }

    private sealed class Recorder(HttpLog log) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(ct);
            var entry = new StringBuilder($">>> {request.Method} {request.RequestUri?.PathAndQuery}{Body(body)}\n");
            try
            {
                var response = await base.SendAsync(request, ct);
                var answer = await response.Content.ReadAsByteArrayAsync(ct); // buffered: the caller reads it again
                entry.Append($"<<< {(int)response.StatusCode} {response.StatusCode}{Body(answer)}\n");
                return response;
            }
            catch (Exception e)
            {
                entry.Append($"<<< {e.GetType().Name}: {e.Message}\n");
                throw;
            }
            finally { log.Add(entry.ToString()); }
        }
    }
}
