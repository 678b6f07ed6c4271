"""Sign-in: locked after repeated failures per username and per address (django-axes), traced and unlocked by the
administrator; only failures count; Django's password validators."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from ground.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def sign_in(client, username, password, ip="10.0.0.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def signed_in(client):
    return "_auth_user_id" in client.session


def test_twelve_wrong_passwords_then_the_right_one_is_refused_until_the_administrator_unlocks(client, people):
    answers = [sign_in(client, "thuongtruc", f"sai-{n}").status_code for n in range(12)]
    assert answers[:9] == [200] * 9 and set(answers[10:]) == {429}
    response = sign_in(client, "thuongtruc", "demo")
    assert response.status_code == 429 and not signed_in(client)
    assert "Đăng nhập bị khoá" in response.content.decode()
    # from another address too: the username itself is locked
    assert sign_in(client, "thuongtruc", "demo", ip="10.9.9.9").status_code == 429 and not signed_in(client)
    # and through the API's token endpoint
    api = APIClient()
    token = api.post("/api/v1/auth/token/", {"username": "thuongtruc", "password": "demo"}, format="json")
    assert token.status_code != 200
    locked = AuditEvent.objects.filter(action="login_locked_out")
    assert locked.exists() and locked.first().data["username"] == "thuongtruc"
    assert AuditEvent.objects.filter(action="login_failed").count() >= 10

    admin = people["admin"]
    client.force_login(admin)
    ids = list(AccessAttempt.objects.values_list("pk", flat=True))
    response = client.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert not AccessAttempt.objects.exists()
    unlocked = AuditEvent.objects.filter(action="login_unlocked", data__username="thuongtruc")
    assert unlocked.exists() and {e.actor for e in unlocked} == {admin}
    client.logout()
    assert sign_in(client, "thuongtruc", "demo").status_code == 302 and signed_in(client)


def test_an_address_is_locked_after_failures_on_many_usernames(client, people):
    for n in range(10):
        sign_in(client, f"khong-ton-tai-{n}", "sai", ip="203.0.113.5")
    assert sign_in(client, "canbo", "demo", ip="203.0.113.5").status_code == 429
    assert sign_in(client, "canbo", "demo", ip="203.0.113.6").status_code == 302


def test_an_office_behind_one_address_signing_in_at_eight_is_never_locked(client, people):
    """Only failures count, and a success clears its address's failures: typos of a whole office are not an attack."""
    users = [u for u in people.values() if hasattr(u, "username") and u.username != "tinh"]
    assert len(users) > 12
    for user in users:
        client.logout()
        assert sign_in(client, user.username, "sai", ip="192.0.2.80").status_code == 200
        assert sign_in(client, user.username, "demo", ip="192.0.2.80").status_code == 302, user.username


@pytest.mark.parametrize("weak", ["password", "12345678", "1234567890", "thuongtruc2026", "qwertyuiop"])
def test_weak_passwords_are_refused(people, weak):
    with pytest.raises(ValidationError):
        validate_password(weak, user=people["thuongtruc"])


def test_a_good_password_passes(people):
    validate_password("Hồ sơ thi đua 2026!", user=people["thuongtruc"])


def test_passwords_are_hashed_with_argon2_and_older_pbkdf2_hashes_still_sign_in(client, people, settings):
    from django.contrib.auth.hashers import make_password

    from config import settings as configured

    settings.PASSWORD_HASHERS = configured.PASSWORD_HASHERS  # the tests' own fast hasher set aside
    user = people["thuongtruc"]
    user.password = make_password("demo", hasher="pbkdf2_sha256")  # as stored before Argon2
    user.save(update_fields=["password"])
    assert sign_in(client, "thuongtruc", "demo").status_code == 302 and signed_in(client)
    user.refresh_from_db()
    assert user.password.startswith("argon2$")  # rewritten at the sign-in
    user.set_password("một mật khẩu mới đủ dài")
    assert user.password.startswith("argon2$")
