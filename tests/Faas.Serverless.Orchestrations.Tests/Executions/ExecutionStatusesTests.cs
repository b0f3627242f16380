using Faas.Serverless.Orchestrations.Executions;

namespace Faas.Serverless.Orchestrations.Tests.Executions;

public sealed class ExecutionStatusesTests
{
    [Theory]
    [InlineData(ExecutionStatus.Created, "created")]
    [InlineData(ExecutionStatus.InProgress, "in-progress")]
    [InlineData(ExecutionStatus.Success, "success")]
    [InlineData(ExecutionStatus.Failed, "failed")]
    [InlineData(ExecutionStatus.Terminated, "terminated")]
    [InlineData(ExecutionStatus.Aborted, "aborted")]
    [InlineData(ExecutionStatus.SystemFailure, "system-failure")]
    public void ToWireName_EachStatus_IsTheApiName(ExecutionStatus status, string expected)
    {
        Assert.Equal(expected, status.ToWireName());
        Assert.Equal(status, ExecutionStatuses.Parse(expected));
    }

    [Theory]
    [InlineData("created", ExecutionStatus.Created)]
    [InlineData("in-progress", ExecutionStatus.InProgress)]
    [InlineData("inProgress", ExecutionStatus.InProgress)]
    [InlineData("in_progress", ExecutionStatus.InProgress)]
    [InlineData("IN-PROGRESS", ExecutionStatus.InProgress)]
    [InlineData(" In Progress ", ExecutionStatus.InProgress)]
    [InlineData("success", ExecutionStatus.Success)]
    [InlineData("Success", ExecutionStatus.Success)]
    [InlineData("completed", ExecutionStatus.Success)]
    [InlineData("succeeded", ExecutionStatus.Success)]
    [InlineData("FAILED", ExecutionStatus.Failed)]
    [InlineData("terminated", ExecutionStatus.Terminated)]
    [InlineData("aborted", ExecutionStatus.Aborted)]
    [InlineData("system-failure", ExecutionStatus.SystemFailure)]
    [InlineData("systemFailure", ExecutionStatus.SystemFailure)]
    [InlineData("system_failure", ExecutionStatus.SystemFailure)]
    public void TryParse_ToleratedSpelling_ReturnsStatus(string value, ExecutionStatus expected)
    {
        Assert.True(ExecutionStatuses.TryParse(value, out var status));
        Assert.Equal(expected, status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("pending")]
    [InlineData("in-progres")]
    [InlineData("0")]
    public void TryParse_UnknownValue_ReturnsFalse(string? value)
    {
        Assert.False(ExecutionStatuses.TryParse(value, out _));
    }

    [Fact]
    public void Parse_UnknownValue_ThrowsFormatException()
    {
        var error = Assert.Throws<FormatException>(() => ExecutionStatuses.Parse("pending"));

        Assert.Equal("'pending' is not an execution status.", error.Message);
    }

    [Theory]
    [InlineData(ExecutionStatus.Created, false)]
    [InlineData(ExecutionStatus.InProgress, false)]
    [InlineData(ExecutionStatus.Success, true)]
    [InlineData(ExecutionStatus.Failed, true)]
    [InlineData(ExecutionStatus.Terminated, true)]
    [InlineData(ExecutionStatus.Aborted, true)]
    [InlineData(ExecutionStatus.SystemFailure, true)]
    public void IsFinal_EachStatus_OnlyEndStatesAreFinal(ExecutionStatus status, bool expected)
    {
        Assert.Equal(expected, status.IsFinal());
    }
}
