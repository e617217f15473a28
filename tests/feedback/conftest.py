import pytest
import redis
from django.contrib.auth.models import Group, Permission, User
from django.core.cache import cache

from bansos_portal.editorial.roles import ensure_roles
from bansos_portal.publishing import item_key

TEST_REDIS = "redis://127.0.0.1:6379/9"
SAME_SITE = {"Origin": "http://testserver"}


@pytest.fixture
def redis_cache(settings):
    """The Django cache on Redis database 9 (kept for these tests), emptied before and after."""
    settings.CACHES = {
        "default": {
            "BACKEND": "bansos_portal.page_cache.redis.RedisCache",
            "LOCATION": TEST_REDIS,
            "KEY_PREFIX": "feedback-tests",
        }
    }
    server = redis.Redis.from_url(TEST_REDIS)
    server.flushdb()
    yield server
    server.flushdb()


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()  # rate-limit counts must not leak from one test into the next
    yield
    cache.clear()


@pytest.fixture
def vote_url():
    def url(item):
        app_label, model_name, pk = item_key(item)
        return f"/umpan-balik/{app_label}/{model_name}/{pk}/"

    return url


@pytest.fixture
def post_vote(client, vote_url):
    def post(item, data, *, htmx=False, headers=None, **extra):
        all_headers = {**SAME_SITE, **(headers or {})}
        if htmx:
            all_headers["HX-Request"] = "true"
        return client.post(vote_url(item), data, headers=all_headers, **extra)

    return post


@pytest.fixture
def roles(db):
    return ensure_roles(Group, Permission)


@pytest.fixture
def make_staff(roles):
    def make(name, role):
        user = User.objects.create_user(name, is_staff=True)
        user.groups.add(roles[role])
        return user

    return make
