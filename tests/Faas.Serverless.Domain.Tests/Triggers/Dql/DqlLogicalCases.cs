namespace Faas.Serverless.Domain.Tests.Triggers.Dql;

public static class DqlLogicalCases
{
    private const string Resource = """
        {'dir': '/train', 'hidden': false, 'type': 'file', 'size': 10, 'label': 'DOG', 'score': 0.75, 'tags': ['a', 'b']}
        """;

    public static TheoryData<string, string, bool> ImplicitAnd => DqlCases.Against(Resource,
        ("{}", true),
        ("{'dir': '/train'}", true),
        ("{'dir': '/train', 'type': 'file'}", true),
        ("{'dir': '/train', 'type': 'dir'}", false),
        ("{'dir': '/test', 'type': 'file'}", false),
        ("{'dir': '/train', 'hidden': false, 'type': 'file', 'size': {'$gte': 10}}", true),
        ("{'dir': '/train', 'hidden': false, 'type': 'file', 'size': {'$gt': 10}}", false),
        ("{'dir': '/train', 'missing': null}", true),
        ("{'dir': '/train', 'missing': {'$exists': true}}", false),
        ("{'$or': [{'label': 'CAT'}, {'label': 'DOG'}], 'type': 'file'}", true),
        ("{'$or': [{'label': 'CAT'}, {'label': 'DOG'}], 'type': 'dir'}", false),
        ("{'$or': [{'label': 'CAT'}], 'type': 'file'}", false),
        ("{'$and': [{'label': 'DOG'}], '$or': [{'size': 1}, {'size': 10}]}", true),
        ("{'$and': [{'label': 'DOG'}], '$or': [{'size': 1}, {'size': 2}]}", false),
        ("{'$not': {'hidden': true}, 'dir': '/train'}", true),
        ("{'$not': {'hidden': false}, 'dir': '/train'}", false));

    public static TheoryData<string, string, bool> AndOrNot => DqlCases.Against(Resource,
        ("{'$and': [{'dir': '/train'}]}", true),
        ("{'$and': [{'dir': '/train'}, {'hidden': false}]}", true),
        ("{'$and': [{'dir': '/train'}, {'hidden': true}]}", false),
        ("{'$and': [{'dir': '/test'}, {'hidden': false}]}", false),
        ("{'$and': [{}]}", true),
        ("{'$and': [{}, {'dir': '/test'}]}", false),
        ("{'$and': [{'size': {'$gt': 5}}, {'size': {'$lt': 15}}]}", true),
        ("{'$or': [{'dir': '/test'}, {'type': 'file'}]}", true),
        ("{'$or': [{'dir': '/train'}, {'type': 'dir'}]}", true),
        ("{'$or': [{'dir': '/test'}, {'type': 'dir'}]}", false),
        ("{'$or': [{'dir': '/test'}]}", false),
        ("{'$or': [{}]}", true),
        ("{'$or': [{'missing': null}, {'dir': '/test'}]}", true),
        ("{'$or': [{'missing': 1}, {'other': 2}]}", false),
        ("{'$not': {'dir': '/test'}}", true),
        ("{'$not': {'dir': '/train'}}", false),
        ("{'$not': {}}", false),
        ("{'$not': {'$not': {'dir': '/train'}}}", true),
        ("{'$not': {'$not': {'$not': {'dir': '/train'}}}}", false),
        ("{'$not': {'dir': '/train', 'hidden': true}}", true),
        ("{'$not': {'dir': '/train', 'hidden': false}}", false),
        ("{'$not': {'$or': [{'label': 'CAT'}, {'label': 'BIRD'}]}}", true),
        ("{'$not': {'$or': [{'label': 'CAT'}, {'label': 'DOG'}]}}", false),
        ("{'$not': {'missing': {'$exists': true}}}", true),
        ("{'$not': {'tags': 'a'}}", false),
        ("{'$and': [{'$or': [{'label': 'DOG'}, {'label': 'CAT'}]}, {'$not': {'hidden': true}}]}", true),
        ("{'$and': [{'$or': [{'label': 'BIRD'}, {'label': 'CAT'}]}, {'$not': {'hidden': true}}]}", false),
        ("{'$or': [{'$and': [{'size': {'$gt': 5}}, {'size': {'$lt': 8}}]}, {'score': {'$gte': 0.75}}]}", true),
        ("{'$or': [{'$and': [{'size': {'$gt': 5}}, {'size': {'$lt': 8}}]}, {'score': {'$gt': 0.75}}]}", false),
        ("{'$or': [{'$and': [{'dir': '/t*'}, {'type': 'file'}]}, {'$and': [{'dir': '/v*'}, {'type': 'dir'}]}]}", true),
        ("{'$and': [{'$and': [{'$and': [{'$and': [{'label': 'DOG'}]}]}]}]}", true),
        ("{'$or': [{'$or': [{'$or': [{'$or': [{'label': 'CAT'}]}]}]}]}", false),
        ("{'$and': [{'$or': [{'$not': {'size': 10}}, {'tags': 'b'}]}, {'$not': {'$and': [{'dir': '/train'}, {'hidden': true}]}}]}", true));

    public static TheoryData<string, string, bool> FieldNot => DqlCases.Against(Resource,
        ("{'size': {'$not': {'$gt': 20}}}", true),
        ("{'size': {'$not': {'$gt': 5}}}", false),
        ("{'size': {'$not': {'$gt': 5, '$lt': 8}}}", true),
        ("{'size': {'$not': {'$gt': 5, '$lt': 15}}}", false),
        ("{'size': {'$not': {'$not': {'$eq': 10}}}}", true),
        ("{'size': {'$not': {'$eq': 10}}}", false),
        ("{'size': {'$not': {'$ne': 10}}}", true),
        ("{'size': {'$not': {'$exists': true}}}", false),
        ("{'size': {'$not': {'$in': [1, 2]}}}", true),
        ("{'size': {'$not': {'$nin': [1, 2]}}}", false),
        ("{'size': {'$not': {'$gt': '5'}}}", true),
        ("{'missing': {'$not': {'$gt': 5}}}", true),
        ("{'missing': {'$not': {'$eq': null}}}", false),
        ("{'missing': {'$not': {'$exists': false}}}", false),
        ("{'label': {'$not': {'$eq': 'DOG'}}}", false),
        ("{'label': {'$not': {'$eq': 'D*'}}}", false),
        ("{'label': {'$not': {'$eq': 'C*'}}}", true),
        ("{'label': {'$not': {'$in': ['CAT']}}}", true),
        ("{'tags': {'$not': {'$eq': 'a'}}}", false),
        ("{'tags': {'$not': {'$eq': 'c'}}}", true),
        ("{'size': {'$gt': 5, '$not': {'$gt': 10}}}", true),
        ("{'size': {'$gt': 5, '$not': {'$gte': 10}}}", false));

    public static TheoryData<string, string, bool> DeepNesting
    {
        get
        {
            var data = new TheoryData<string, string, bool>();
            foreach (var levels in new[] { 3, 6, 15 })
            {
                data.Add(Wrap("$and", levels, "{\"label\": \"DOG\"}"), DqlCases.Json(Resource), true);
                data.Add(Wrap("$or", levels, "{\"label\": \"CAT\"}"), DqlCases.Json(Resource), false);
                data.Add(Wrap("$not", levels, "{\"label\": \"DOG\"}", inArray: false), DqlCases.Json(Resource), levels % 2 == 0);
            }

            return data;
        }
    }

    private static string Wrap(string op, int levels, string inner, bool inArray = true)
    {
        for (var i = 0; i < levels; i++)
        {
            inner = inArray ? $"{{\"{op}\": [{inner}]}}" : $"{{\"{op}\": {inner}}}";
        }

        return inner;
    }
}
