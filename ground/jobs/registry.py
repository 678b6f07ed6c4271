"""The kinds of long work: each registered by the app that knows how to do it (in its ``AppConfig.ready``), so this
ground app never imports the layers above it.

A runner is ``runner(job, progress) -> (filename, content_bytes, content_type)``; ``progress(percent, step="")``
records how far it is. It runs as the job's requester (``job.requested_by``) and checks their permission itself:
a refusal (a ``DomainError``) fails the job with its message.
"""

RUNNERS = {}


def register(kind, runner):
    RUNNERS[kind] = runner


def runner_of(kind):
    return RUNNERS[kind]
