using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ConformanceKit.Conformance.Tests.Certify;

/// <summary>
/// A scripted HTTP/1.1 server on a loopback port chosen by the system (port 0), in the manner of Npgsql's scripted
/// PostgreSQL server: each request (method, path, headers) is recorded and answered by the script, one per connection.
/// Enough HTTP for a client that sends a request without a body; no framework in between.
/// </summary>
public sealed class ScriptedHttpServer : IAsyncDisposable
{
    public sealed record Request(string Method, string Path, IReadOnlyDictionary<string, string> Headers);

    public sealed record Response(int Status, string ContentType, string Body);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<Request, Response> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public ScriptedHttpServer(Func<Request, Response> script)
    {
        _script = script;
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri Address { get; }

    public ConcurrentQueue<Request> Requests { get; } = new();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var head = await ReadHeadAsync(stream);
            if (head is null) return;
            var lines = head.Split("\r\n");
            var start = lines[0].Split(' ');
            var headers = lines.Skip(1).Where(l => l.Contains(':'))
                .Select(l => (Name: l[..l.IndexOf(':')].Trim(), Value: l[(l.IndexOf(':') + 1)..].Trim()))
                .GroupBy(h => h.Name, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);
            var request = new Request(start[0], start.Length > 1 ? start[1] : "", headers);
            Requests.Enqueue(request);
            var response = _script(request);
            var body = Encoding.UTF8.GetBytes(response.Body);
            var reason = ((HttpStatusCode)response.Status).ToString();
            var text = $"HTTP/1.1 {response.Status} {reason}\r\nContent-Type: {response.ContentType}\r\n" +
                       $"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(text));
            await stream.WriteAsync(body);
            await stream.FlushAsync();
        }
    }

    /// <summary>The request line and headers (up to the blank line); null when the client went away first.</summary>
    private static async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new List<byte>(1024);
        var one = new byte[1];
        while (buffer.Count < 64 * 1024)
        {
            if (await stream.ReadAsync(one) == 0) return null;
            buffer.Add(one[0]);
            var n = buffer.Count;
            if (n >= 4 && buffer[n - 4] == '\r' && buffer[n - 3] == '\n' && buffer[n - 2] == '\r' && buffer[n - 1] == '\n')
                return Encoding.ASCII.GetString(buffer.ToArray(), 0, n - 4);
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _accepting; }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
