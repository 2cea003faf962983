"""gunicorn settings: the measured alternative to granian (bin/web), which bin/run ships.

docs/decisions/0001-web-server.md says why: under keep-alive clients gthread workers let one worker take
every connection while the other idles, and gunicorn spends about twice granian's CPU per request. Every
value can be overridden from the environment; behind a buffering proxy, `--worker-class sync` spreads
requests over every worker (the proxy keeps the connections alive, not gunicorn).
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count())))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
graceful_timeout = 20
keepalive = 5
# Off by default: a recycled worker re-imports Django and serves slowly for its first requests; at 5000 it
# happened every few seconds under load. Set it only against a measured leak, to a figure in the millions.
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("ACCESS_LOG", "-")
errorlog = "-"
access_log_format = (
    '{"remote":"%(h)s","request":"%(r)s","status":%(s)s,"bytes":"%(b)s","duration_ms":%(M)s,"agent":"%(a)s"}'
)
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
