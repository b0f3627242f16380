namespace Faas.Serverless.Domain.Identity;

/// <summary>Project roles, ordered by privilege so that checks can compare them.</summary>
public enum ProjectRole
{
    Viewer = 0,
    Annotator = 1,
    Developer = 2,
    Owner = 3,
}

public enum OrganizationRole
{
    Member = 0,
    Owner = 1,
}
