"""bench: the functions bench/run.sh measures the platform with."""

import time

import faas


class ServiceRunner(faas.BaseServiceRunner):
    def noop(self):
        return {}

    def sleep50(self):
        time.sleep(0.05)
        return {}

    def onitem(self, item):
        return {}

    def ontick(self, context):
        return {"tick": context.event["tick"]}
