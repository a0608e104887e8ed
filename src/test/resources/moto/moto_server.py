"""moto server for the test suite: the stock server, except that DynamoDB requests are handled one
at a time. Real DynamoDB evaluates a condition expression and the write atomically; moto's server
handles requests on parallel threads without a lock, so two conditional puts on one item can both
succeed there. Serialising DynamoDB restores the guarantee our compare-and-set relies on. Other
services (SQS long polls in particular) stay concurrent."""
import collections
import io
import json
import os
import sys
import threading
import time

from moto.server import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import run_simple

host, port = sys.argv[1], int(sys.argv[2])
os.environ.setdefault("MOTO_PORT", str(port))

app = DomainDispatcherApplication(create_backend_app)
dynamodb_lock = threading.Lock()
# MOTO_STATS_FILE=path: count DynamoDB calls and their time by operation, table and index (written
# every 500 calls), to see what a test really asks of DynamoDB.
stats_file = os.environ.get("MOTO_STATS_FILE")
stats = collections.Counter()
secs = collections.Counter()


def serialised(environ, start_response):
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    if target.startswith("DynamoDB"):
        if stats_file:
            n = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(n)
            environ["wsgi.input"] = io.BytesIO(body)
            try:
                b = json.loads(body)
                tn = b.get("TableName") or ",".join(sorted({list(i.values())[0].get("TableName","?") for i in b.get("TransactItems", [])}))
                target = target + " " + tn.split("-", 1)[-1] + (" " + b.get("IndexName") if b.get("IndexName") else "")
            except Exception:
                pass
        with dynamodb_lock:
            t = time.time()
            r = list(app(environ, start_response))
            if stats_file:
                stats[target] += 1
                secs[target] += time.time() - t
                if sum(stats.values()) % 500 == 0:
                    with open(stats_file, "w") as f:
                        json.dump({k: [stats[k], round(secs[k], 2)] for k in stats}, f, indent=1)
            return r
    return app(environ, start_response)


run_simple(host, port, serialised, threaded=True)
