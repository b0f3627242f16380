"""hello-world: the smallest Faas.Serverless package.

One module (default_module) whose class ServiceRunner exposes two functions:
run(name) greets, echo(payload) hands its JSON input back unchanged.
"""

import faas


class ServiceRunner(faas.BaseServiceRunner):
    def run(self, name: str):
        return {"greeting": f"Hello {name}"}

    def echo(self, payload):
        return payload
