using System.Text.Json;
using Faas.Serverless.Domain.Triggers.Dql;

namespace Faas.Serverless.Domain.Tests.Triggers.Dql;

public sealed class DqlFilterConcurrencyTests
{
    private static readonly DqlFilter Filter = DqlFilter.Parse(DqlCases.Element(DqlCases.Json("""
        {'$and': [{'dir': '/train/**'}, {'hidden': false}],
         'metadata.system.mimetype': {'$in': ['image/*', 'video/mp?']},
         'annotations.label': {'$nin': ['CAT']},
         'createdAt': {'$gte': '2024-01-01T00:00:00+01:00'},
         'metadata.system.size': {'$gt': 10, '$lte': 1e9}}
        """)));

    private static readonly (JsonElement Resource, bool Expected)[] Resources =
    [
        (Item("/train/a", "false", "image/png", "DOG", "2024-05-01T10:00:00Z", 100), true),
        (Item("/train/a/b", "false", "video/mp4", "DOG", "2024-05-01T10:00:00.1234567+02:00", 5000), true),
        (Item("/test/a", "false", "image/png", "DOG", "2024-05-01T10:00:00Z", 100), false),
        (Item("/train/a", "true", "image/png", "DOG", "2024-05-01T10:00:00Z", 100), false),
        (Item("/train/a", "false", "audio/mp3", "DOG", "2024-05-01T10:00:00Z", 100), false),
        (Item("/train/a", "false", "image/png", "CAT", "2024-05-01T10:00:00Z", 100), false),
        (Item("/train/a", "false", "image/png", "DOG", "2023-12-31T22:59:59Z", 100), false),
        (Item("/train/a", "false", "image/png", "DOG", "2024-05-01T10:00:00Z", 5), false),
        (Item("/train/" + new string('d', 400), "false", "image/png", "DOG", "2024-05-01T10:00:00Z", 100), true),
    ];

    [Fact]
    public async Task Matches_ManyThreadsShareOneFilter_EveryResultIsCorrect()
    {
        using var start = new ManualResetEventSlim();
        var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            start.Wait();
            var wrong = 0;
            for (var i = 0; i < 2_000; i++)
            {
                var (resource, expected) = Resources[(i + worker) % Resources.Length];
                wrong += Filter.Matches(resource) == expected ? 0 : 1;
            }

            return wrong;
        })).ToArray();

        start.Set();

        Assert.All(await Task.WhenAll(workers), wrong => Assert.Equal(0, wrong));
    }

    [Fact]
    public void Matches_WarmFilter_AllocatesNothing()
    {
        foreach (var (resource, _) in Resources)
        {
            Filter.Matches(resource);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var matched = 0;
        for (var i = 0; i < 1_000; i++)
        {
            matched += Filter.Matches(Resources[i % Resources.Length].Resource) ? 1 : 0;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(matched > 0);
    }

    private static JsonElement Item(string dir, string hidden, string mimetype, string label, string createdAt, int size) =>
        DqlCases.Element($$$"""
            {"dir": "{{{dir}}}", "hidden": {{{hidden}}}, "createdAt": "{{{createdAt}}}",
             "metadata": {"system": {"size": {{{size}}}, "mimetype": "{{{mimetype}}}"}},
             "annotations": [{"label": "DOG"}, {"label": "{{{label}}}"}]}
            """);
}
