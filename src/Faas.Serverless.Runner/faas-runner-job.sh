#!/bin/sh
# The runner image's entry point in a Container Apps job (the job's container command, see docs/deploy.md): each
# job execution is one replica, named by its host name, which Container Apps makes unique per execution. The
# service bot's runner key comes from FAAS_RUNNER_TOKEN (a job secret).
set -eu
exec dotnet /app/faas-runner.dll "$@" --replica "$(cat /proc/sys/kernel/hostname)"
