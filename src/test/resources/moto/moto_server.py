"""moto server for the test suite: the stock server, except that DynamoDB requests are handled one
at a time. Real DynamoDB evaluates a condition expression and the write atomically; moto's server
handles requests on parallel threads without a lock, so two conditional puts on one item can both
succeed there. Serialising DynamoDB restores the guarantee our compare-and-set relies on. Other
services (SQS long polls in particular) stay concurrent."""
import os
import sys
import threading

from moto.server import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import run_simple

host, port = sys.argv[1], int(sys.argv[2])
os.environ.setdefault("MOTO_PORT", str(port))

app = DomainDispatcherApplication(create_backend_app)
dynamodb_lock = threading.Lock()


def serialised(environ, start_response):
    if environ.get("HTTP_X_AMZ_TARGET", "").startswith("DynamoDB"):
        with dynamodb_lock:
            return list(app(environ, start_response))
    return app(environ, start_response)


run_simple(host, port, serialised, threaded=True)
