"""Settings, all from the environment.

With nothing configured the system runs on an embedded default: SQLite in ``var/``
and a Celery broker on the file system, so ``make run`` needs no server.
``DATABASE_URL`` and ``REDIS_URL`` switch to PostgreSQL and Redis.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
)

SECRET_KEY = env.str("SECRET_KEY", default="insecure-dev-key-change-me-in-production")
DEBUG = env("DEBUG")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_tables2",
    "viewflow",
    "viewflow.workflow",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # ground: what everything stands on (imports nothing above it)
    "ground.base",
    "ground.audit",
    "ground.organisation",
    "ground.workdays",
    "ground.notifications",
    "ground.jobs",
    # domain: the rules of emulation and commendation
    "domain.dossiers",
    "domain.records",
    "domain.emulation",
    "domain.eligibility",
    "domain.official",
    "domain.council",
    "domain.deadlines",
    "domain.province",
    "domain.fund",
    "domain.reports",
    # process: the flow and what spans several domain apps
    "process.workflows",
    # interfaces: pages, the REST API, demo data
    "interfaces.web",
    "interfaces.api",
    "interfaces.demo",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.LocaleMiddleware",  # Django's; pages in Vietnamese unless the user chose English
    "config.middleware.CommonMiddleware",  # Django's, serving an API path without its final slash
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ground.audit.context.AuditContextMiddleware",
    "process.workflows.middleware.CleanFormTextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "viewflow.middleware.SiteMiddleware",
    "config.middleware.SiteFrameMiddleware",
    "viewflow.middleware.HotwireTurboMiddleware",
    "process.workflows.middleware.DomainErrorMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy on every answer (django-csp): scripts and styles only from our own origin: no inline script,
# no eval, no inline style (our styles are in static/css; the viewflow templates that write style attributes are
# overridden in templates/viewflow/; styles that scripts set through the CSSOM, as Material Components do, are allowed
# by CSP). What remains is listed in docs/hardening.md.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # The nonce is for the <style> element Turbo's progress bar inserts (it reads <meta name="csp-nonce">).
        "style-src": ["'self'", NONCE],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# The production switch: HTTPS=true behind a TLS-terminating proxy (which sets X-Forwarded-Proto).
HTTPS = env.bool("HTTPS", default=False)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = env.int("HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "interfaces.web.notifications.context_processors.unread_notifications",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# A process keeps its connection between requests and tasks (checked before reuse, dropped after a minute idle): a new
# PostgreSQL connection costs some 6 ms, which every request of a gunicorn worker paid before its first query. The
# development server and the tests' live server close their per-request threads' connections themselves.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The same backend, with the audit chain appended just before each COMMIT (ground.audit.backends.postgresql).
    DATABASES["default"]["ENGINE"] = "ground.audit.backends.postgresql"
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Web, worker and beat share one SQLite file. WAL lets readers go on while one writes; BEGIN IMMEDIATE takes the
    # write lock when a transaction starts (a deferred one upgrading its read lock fails at once, whatever the
    # timeout); the busy timeout makes a writer wait for the other instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Digital signatures (PAdES): the CA certificates a signed document is verified against (PEM files), and where the
# demo keeps its generated CA and signers' PKCS#12 files.
SIGNING_PKI_DIR = Path(env.str("SIGNING_PKI_DIR", default=str(VAR_DIR / "pki")))
SIGNING_TRUST_ROOTS = env.list("SIGNING_TRUST_ROOTS", default=[str(SIGNING_PKI_DIR / "ca.pem")])

# Behind a reverse proxy that sets X-Forwarded-For, the client's address is taken from it (else REMOTE_ADDR).
AUDIT_TRUST_X_FORWARDED_FOR = env.bool("AUDIT_TRUST_X_FORWARDED_FOR", default=False)

# The public page (/public/: posted lists in their window and signed decisions, without login). Off unless set.
PUBLIC_PAGE_ENABLED = env.bool("PUBLIC_PAGE_ENABLED", default=False)

REDIS_URL = env.str("REDIS_URL", default="")
# The shared cache: REDIS_URL's database unless told otherwise (e.g. a database of its own, apart from the broker).
CACHE_URL = env.str("CACHE_URL", default=REDIS_URL)
if CACHE_URL:
    # Optional for pages and the API: with Redis down it falls back to each process's memory (config/cache.py).
    CACHES = {"default": {"BACKEND": "config.cache.ResilientRedisCache", "LOCATION": CACHE_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Argon2 first (Django's recommended hasher, memory-hard; about 130 ms a check on 2 cores where PBKDF2's million
# rounds take 340): logins and the signer's confirmation check it. Hashes made with PBKDF2 still verify and are
# rewritten with Argon2 at the next successful check.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Brute force (django-axes): only failures count, per username and per address; a success from an address clears
# its failures (an office behind one NAT address signing in at 8:00 is never locked out). Locked: 429 until the
# cool-off ends or the administrator unlocks (Admin -> Axes -> Access attempts: delete; `axes_reset_username`).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = env.float("LOGIN_LOCKOUT_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_DISABLE_ACCESS_LOG = True  # the audit trail records logins, failures and lockouts
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_LOCKOUT_CALLABLE = "config.lockout.lockout_response"  # JSON under /api/, the template elsewhere
AXES_CLIENT_IP_CALLABLE = "ground.audit.context.client_ip"  # X-Forwarded-For only when AUDIT_TRUST_X_FORWARDED_FOR
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/home/"  # each role's own home page (interfaces/web/workspace)
LOGOUT_REDIRECT_URL = "login"

# Language, dates and time zone: Vietnamese first, dd/mm/yyyy, Asia/Ho_Chi_Minh.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
try:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every start without it
except OSError:
    pass
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Uploaded documents: checked by content, not by name.
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", default=20 * 1024 * 1024)
# The province's decision file (a PDF) attached when the secretariat records the province's answer.
PROVINCE_DECISION_MAX_BYTES = env.int("PROVINCE_DECISION_MAX_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = DOCUMENT_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Mail (EMAIL_URL such as smtp://user:pass@host:587 or consolemail://).
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="thiduakhenthuong@localhost")

# The province's receiving system.
PROVINCE_ENDPOINT = env.str("PROVINCE_ENDPOINT", default="http://127.0.0.1:8765/packages")
PROVINCE_SECRET = env.str("PROVINCE_SECRET", default="demo-province-secret")
PROVINCE_TIMEOUT = env.float("PROVINCE_TIMEOUT", default=10.0)
PROVINCE_MAX_ATTEMPTS = env.int("PROVINCE_MAX_ATTEMPTS", default=8)
# A worker sending a package holds its lease this long (the POST's timeout and a margin); another takes over only
# once it expired (the first worker died), so two workers never send one package at the same moment.
PROVINCE_LEASE_SECONDS = env.int("PROVINCE_LEASE_SECONDS", default=int(2 * PROVINCE_TIMEOUT) + 30)

# Celery: Redis when configured, else a broker on the file system that needs no server.
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="celery")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    _broker_dir = VAR_DIR / "broker"
    CELERY_BROKER_URL = "filesystem://localhost//"  # the host is unused; without one kombu warns at every start
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),  # its exchange table: runtime state, under var/ too
        "store_processed": False,
    }
CELERY_BEAT_SCHEDULE = {
    "redispatch-stalled-jobs": {
        "task": "process.workflows.tasks.redispatch_stalled_jobs",
        "schedule": env.float("JOB_SWEEP_SECONDS", default=60.0),
    },
}
# The outbox relay: a job still waiting for its message after JOB_DISPATCH_GRACE (the broker was down when the change
# committed, or the message was lost) is sent again; so is one started but silent for JOB_STALL_SECONDS.
JOB_DISPATCH_GRACE = env.int("JOB_DISPATCH_GRACE", default=30)
JOB_STALL_SECONDS = env.int("JOB_STALL_SECONDS", default=300)
# Background jobs (reports, certificates): a worker holds a job for JOB_LEASE_SECONDS between two progress reports;
# the sweep sends again a job waiting past JOB_DISPATCH_GRACE or one whose lease ran out.
JOB_LEASE_SECONDS = env.int("JOB_LEASE_SECONDS", default=600)
# A document covering at least this many dossiers is signed by a worker (the signer confirms with their password on
# the page; a key protected by its own PIN is always signed in the request).
SIGN_BACKGROUND_DOSSIERS = env.int("SIGN_BACKGROUND_DOSSIERS", default=30)
# A spreadsheet import larger than this is run by a worker (a job with a progress page); smaller ones at once.
IMPORT_BACKGROUND_BYTES = env.int("IMPORT_BACKGROUND_BYTES", default=256 * 1024)
CELERY_BEAT_SCHEDULE["jobs-redispatch"] = {
    "task": "ground.jobs.tasks.redispatch_jobs",
    "schedule": env.float("JOB_SWEEP_SECONDS", default=60.0),
}
# A job's result file (a report, the certificates) is deleted JOB_KEEP_DAYS after it was made; its page says so.
JOB_KEEP_DAYS = env.int("JOB_KEEP_DAYS", default=30)
CELERY_BEAT_SCHEDULE["jobs-remove-old-files"] = {
    "task": "ground.jobs.tasks.remove_old_job_files",
    "schedule": env.float("JOB_FILES_SWEEP_SECONDS", default=3600.0),
}
# Deadlines: one sweep (reminders, escalation, late drafts, mail retries) and the daily digest.
CELERY_BEAT_SCHEDULE["deadlines-sweep"] = {
    "task": "domain.deadlines.tasks.sweep",
    "schedule": env.float("DEADLINE_SWEEP_SECONDS", default=60.0),
}
# Public posting (công khai): windows that ended send their dossiers on to the principal.
CELERY_BEAT_SCHEDULE["council-close-postings"] = {
    "task": "process.workflows.tasks.close_postings",
    "schedule": env.float("POSTING_SWEEP_SECONDS", default=300.0),
}
# The register of complaints and denunciations: reminders of their time limits (working days), once each.
CELERY_BEAT_SCHEDULE["complaint-reminders"] = {
    "task": "domain.records.tasks.remind_complaints",
    "schedule": env.float("COMPLAINT_SWEEP_SECONDS", default=3600.0),
}
DEADLINE_SWEEP_BATCH = env.int("DEADLINE_SWEEP_BATCH", default=500)
CELERY_BEAT_SCHEDULE["notifications-digest"] = {
    "task": "ground.notifications.tasks.send_digests",
    "schedule": crontab(hour=env.int("DIGEST_HOUR", default=7), minute=env.int("DIGEST_MINUTE", default=30)),
}

VIEWFLOW = {"AUTOREGISTER": False}

# The REST API (api/): token first, so an unauthenticated request is answered 401, not 403.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "interfaces.api.authentication.SessionAuthentication",  # DRF's, its CSRF refusal translated
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "interfaces.api.permissions.ReadOnlyRolesDoNotWrite",
    ],
    "DEFAULT_SCHEMA_CLASS": "interfaces.api.schema.ApiAutoSchema",
    "DEFAULT_PAGINATION_CLASS": "interfaces.api.pagination.PageNumberPagination",
    "DEFAULT_THROTTLE_CLASSES": ["interfaces.api.throttling.WriteRateThrottle"],
    "EXCEPTION_HANDLER": "interfaces.api.exceptions.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON (bounded depth and size), forms and multipart, every text cleaned (interfaces/api/parsers.py).
    "DEFAULT_PARSER_CLASSES": [
        "interfaces.api.parsers.JSONParser",
        "interfaces.api.parsers.FormParser",
        "interfaces.api.parsers.MultiPartParser",
    ],
    "PAGE_SIZE": 25,
}
API_MAX_JSON_BYTES = env.int("API_MAX_JSON_BYTES", default=1024 * 1024)
# Requests per user for writes, per client address for the token endpoint (DRF rate syntax, e.g. 120/min).
API_THROTTLE_RATES = {
    "write": env.str("API_WRITE_RATE", default="120/min"),
    "token": env.str("API_TOKEN_RATE", default="10/min"),
    "province": env.str("PROVINCE_CALLBACK_RATE", default="60/min"),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Award dossiers API",
    "DESCRIPTION": "REST API v1 of the award dossier workflow (hồ sơ thi đua, khen thưởng).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "COMPONENT_SPLIT_PATCH": False,  # PATCH /dossiers/{id}/ needs version and achievements: say so
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "interfaces.api.schema.closed_request_bodies",
    ],
    "ENUM_NAME_OVERRIDES": {
        "DocumentKindEnum": "domain.dossiers.models.document.Document.Kind",
        "DepartmentKindEnum": "ground.organisation.models.Department.Kind",
        "StatusEnum": "domain.dossiers.models.DossierStatus",  # a dossier's status, named as before the council's
        "BallotStatusEnum": "domain.council.models.Ballot.Status",
        "SessionStatusEnum": "domain.council.models.CouncilSession.Status",
        "SessionKindEnum": "domain.council.models.CouncilSession.Kind",
        "ObjectionStatusEnum": "domain.council.models.Objection.Status",
        "PostingStatusEnum": ["open", "suspended", "closed"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # A refusal is an expected answer, recorded in the audit trail: one line in the log, no traceback.
    "filters": {"quiet_403": {"()": "ground.base.logging.Quiet403Filter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["quiet_403"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}, "axes": {"level": "WARNING"}},
}
