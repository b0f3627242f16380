namespace Faas.Serverless.Domain.Tests.Triggers.Dql;

/// <summary>Invalid filters: the path of the (single) error and a fragment of its message.</summary>
public static class DqlParseErrorCases
{
    public static TheoryData<string, string, string> Structure => Table(
        ("[1]", "filter", "The filter must be a JSON object, not an array."),
        ("'dir'", "filter", "The filter must be a JSON object, not a string."),
        ("5", "filter", "not a number"),
        ("null", "filter", "not null"),
        ("true", "filter", "not a boolean"),
        ("{'$and': []}", "filter.$and", "$and needs a non-empty array of filter objects, not an empty array."),
        ("{'$or': []}", "filter.$or", "$or needs a non-empty array of filter objects, not an empty array."),
        ("{'$and': {}}", "filter.$and", "$and needs a non-empty array of filter objects, not an object."),
        ("{'$or': 'x'}", "filter.$or", "not a string"),
        ("{'$or': null}", "filter.$or", "not null"),
        ("{'$and': [1]}", "filter.$and[0]", "Each $and element must be a JSON object, not a number."),
        ("{'$or': [{'a': 1}, []]}", "filter.$or[1]", "Each $or element must be a JSON object, not an array."),
        ("{'$and': [{'a': 1}, 'b']}", "filter.$and[1]", "not a string"),
        ("{'$not': 5}", "filter.$not", "$not must be a JSON object, not a number."),
        ("{'$not': [{'a': 1}]}", "filter.$not", "$not must be a JSON object, not an array."),
        ("{'$not': null}", "filter.$not", "not null"),
        ("{'a': {'$not': 5}}", "filter.a.$not", "$not needs an object of operators, e.g. {\"$not\": {\"$gt\": 5}}, not a number."),
        ("{'a': {'$not': {}}}", "filter.a.$not", "not an empty object"),
        ("{'a': {'$not': {'b': 1}}}", "filter.a.$not", "not a literal object; to negate equality use $ne."),
        ("{'a': {'$not': [1]}}", "filter.a.$not", "not an array"),
        ("{'a': {'$not': 'x*'}}", "filter.a.$not", "not a string"),
        ("{'a': {'$gt': 1, 'b': 2}}", "filter.a", "An object mixes operators ('$gt') and field names ('b')"),
        ("{'a': {'b': 2, '$gt': 1}}", "filter.a", "mixes operators ('$gt') and field names ('b')"),
        ("{'a': {'$not': {'$gt': 1, 'b': 2}}}", "filter.a.$not", "mixes operators"));

    public static TheoryData<string, string, string> Operators => Table(
        ("{'$gtt': 1}", "filter.$gtt", "Unknown operator '$gtt'; use $and, $or, $not or a field path."),
        ("{'$nor': [{'a': 1}]}", "filter.$nor", "Unknown operator '$nor'"),
        ("{'$where': 'x'}", "filter.$where", "Unknown operator '$where'"),
        ("{'$': 1}", "filter.$", "Unknown operator '$'"),
        ("{'size': {'$gtt': 1}}", "filter.size.$gtt", "Unknown operator '$gtt'; use one of $eq, $ne, $gt, $gte, $lt, $lte, $in, $nin, $exists, $not."),
        ("{'a': {'$regex': 'x'}}", "filter.a.$regex", "Unknown operator '$regex'"),
        ("{'a': {'$size': 1}}", "filter.a.$size", "Unknown operator '$size'"),
        ("{'a': {'$elemMatch': {'b': 1}}}", "filter.a.$elemMatch", "Unknown operator '$elemMatch'"),
        ("{'a': {'$EQ': 1}}", "filter.a.$EQ", "Unknown operator '$EQ'"),
        ("{'$and': [{'a': 1}, {'metadata.size': {'$gtt': 1}}]}", "filter.$and[1].metadata.size.$gtt", "Unknown operator '$gtt'"),
        ("{'$or': [{'$not': {'a': {'$lte': 1, '$lg': 2}}}]}", "filter.$or[0].$not.a.$lg", "Unknown operator '$lg'"),
        ("{'$gt': 1}", "filter.$gt", "'$gt' applies to a field: write {\"<field>\": {\"$gt\": <value>}}."),
        ("{'$eq': 'x'}", "filter.$eq", "'$eq' applies to a field"),
        ("{'$exists': true}", "filter.$exists", "'$exists' applies to a field"),
        ("{'$in': [1]}", "filter.$in", "'$in' applies to a field"),
        ("{'size': {'$and': [{'a': 1}]}}", "filter.size.$and", "'$and' combines filters and cannot be used inside a field's operators"),
        ("{'size': {'$or': []}}", "filter.size.$or", "put it at the filter level"),
        ("{'a': {'$in': 5}}", "filter.a.$in", "$in needs an array of values, not a number."),
        ("{'a': {'$nin': 'x'}}", "filter.a.$nin", "$nin needs an array of values, not a string."),
        ("{'a': {'$in': {}}}", "filter.a.$in", "not an object"),
        ("{'a': {'$in': null}}", "filter.a.$in", "not null"),
        ("{'a': {'$exists': 1}}", "filter.a.$exists", "$exists needs true or false, not a number."),
        ("{'a': {'$exists': 'true'}}", "filter.a.$exists", "not a string"),
        ("{'a': {'$exists': null}}", "filter.a.$exists", "not null"),
        ("{'a': {'$gt': null}}", "filter.a.$gt", "$gt needs a number, string or boolean, not null."),
        ("{'a': {'$gte': {}}}", "filter.a.$gte", "$gte needs a number, string or boolean, not an object."),
        ("{'a': {'$lt': []}}", "filter.a.$lt", "$lt needs a number, string or boolean, not an array."),
        ("{'a': {'$lte': [1]}}", "filter.a.$lte", "$lte needs a number, string or boolean"));

    public static TheoryData<string, string, string> FieldPathsAndLiterals => Table(
        ("{'': 1}", "filter[\"\"]", "A field name must not be empty."),
        ("{'a..b': 1}", "filter.a..b", "Field path 'a..b' has an empty segment"),
        ("{'.a': 1}", "filter..a", "Field path '.a' has an empty segment"),
        ("{'a.': 1}", "filter.a.", "Field path 'a.' has an empty segment"),
        ("{'.': 1}", "filter..", "has an empty segment"),
        ("{'a.$b': 1}", "filter.a.$b", "Field path 'a.$b' has a segment starting with '$' ('$b')"),
        ("{'a.b.$gt': 1}", "filter.a.b.$gt", "segment starting with '$'"),
        ("{'$and': [{'x..y': 1}]}", "filter.$and[0].x..y", "has an empty segment"),
        ("{'a': {'$eq': {'$gt': 1}}}", "filter.a.$eq.$gt", "'$gt' cannot be a key of a literal object: keys starting with '$' are reserved for operators."),
        ("{'a': {'$in': [{'$gt': 1}]}}", "filter.a.$in[0].$gt", "'$gt' cannot be a key of a literal object"),
        ("{'a': [{'$x': 1}]}", "filter.a[0].$x", "'$x' cannot be a key of a literal object"),
        ("{'a': {'b': {'$x': 1}}}", "filter.a.b.$x", "'$x' cannot be a key of a literal object"),
        ("{'a': {'$ne': [1, {'b': {'$in': [1]}}]}}", "filter.a.$ne[1].b.$in", "cannot be a key of a literal object"));

    public static TheoryData<string, string, string> Globs => Table(
        ("{'a': '[abc'}", "filter.a", "Invalid glob pattern '[abc': unclosed '[' at index 0; close it with ']' or escape it as '\\['."),
        ("{'a': 'video/[mp4'}", "filter.a", "unclosed '[' at index 6"),
        ("{'a': 'x[]'}", "filter.a", "Invalid glob pattern 'x[]': empty character class at index 1."),
        ("{'a': '[!]'}", "filter.a", "empty character class at index 0"),
        ("{'a': '[]]'}", "filter.a", "empty character class at index 0"),
        ("{'a': '[z-a]'}", "filter.a", "range 'z-a' at index 1 runs backwards"),
        ("{'a': '[/]'}", "filter.a", "character class at index 0 lists '/', which classes never match"),
        ("{'a': '*[+-/]'}", "filter.a", "character class at index 1 lists '/'"),
        ("{'a': '*\\\\'}", "filter.a", "Invalid glob pattern '*\\': it ends with a lone '\\' at index 1; write '\\\\' for a backslash."),
        ("{'a': '[a\\\\'}", "filter.a", "lone '\\' at index 2"),
        ("{'a': {'$eq': '[x'}}", "filter.a.$eq", "unclosed '['"),
        ("{'a': {'$ne': '[x'}}", "filter.a.$ne", "unclosed '['"),
        ("{'a': {'$in': ['ok*', '[x']}}", "filter.a.$in[1]", "unclosed '['"),
        ("{'a': {'$nin': ['[x']}}", "filter.a.$nin[0]", "unclosed '['"),
        ("{'a': '*" + new string('x', 256) + "'}", "filter.a", "is longer than 256 characters."));

    /// <summary>Repeated keys cannot be written with the single-quote tables' helpers' guarantees, so these are raw JSON.</summary>
    public static TheoryData<string, string, string> DuplicateKeys => new()
    {
        { """{"a": 1, "a": 2}""", "filter.a", "Duplicate key 'a'." },
        { """{"a": {"$gt": 1, "$gt": 2}}""", "filter.a.$gt", "Duplicate key '$gt'." },
        { """{"$and": [{"b": 1}], "$and": [{"b": 2}]}""", "filter.$and", "Duplicate key '$and'." },
        { """{"a": {"b": 1, "b": 1}}""", "filter.a.b", "Duplicate key 'b'." },
    };

    private static TheoryData<string, string, string> Table(params (string Filter, string Path, string Message)[] cases)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (filter, path, message) in cases)
        {
            data.Add(DqlCases.Json(filter), path, message);
        }

        return data;
    }
}
