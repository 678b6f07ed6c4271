"""The kinds of long work: each registered by the app that knows how to do it (in its ``AppConfig.ready``), so this
ground app never imports the layers above it.

A runner is ``runner(job, progress)`` and returns ``(filename, content_bytes, content_type)`` (a file to download)
or ``{"summary": text}`` (work without a file, e.g. an import); ``progress(percent, step="")`` records how far it
is; the job's input file, if any, is ``job.source``. It runs as the job's requester (``job.requested_by``) and
checks their permission itself: a refusal (a ``DomainError``) fails the job with its message.
"""

RUNNERS = {}


def register(kind, runner):
    RUNNERS[kind] = runner


def runner_of(kind):
    return RUNNERS[kind]
