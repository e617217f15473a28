import uuid

import pytest
import redis
from django.contrib.auth.models import Group, Permission, User
from django.core.cache import cache

from bansos_portal.editorial.roles import ensure_roles
from bansos_portal.publishing import item_key

TEST_REDIS = "redis://127.0.0.1:6379/9"
SAME_SITE = {"Origin": "http://testserver"}


class PrefixedRedis:
    """The keys these tests wrote, under a prefix of their own: parallel test workers and other runs
    share the server, so nothing here empties a whole database."""

    def __init__(self, server, prefix):
        self.server, self.prefix = server, prefix

    def keys(self):
        return list(self.server.scan_iter(f"{self.prefix}:*"))

    def dump(self, key):
        return self.server.dump(key)


@pytest.fixture
def redis_cache(settings):
    """The Django cache on Redis database 9 under this test's own key prefix, removed afterwards."""
    prefix = f"feedback-tests-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "bansos_portal.page_cache.redis.RedisCache",
            "LOCATION": TEST_REDIS,
            "KEY_PREFIX": prefix,
        }
    }
    written = PrefixedRedis(redis.Redis.from_url(TEST_REDIS), prefix)
    yield written
    for key in written.keys():
        written.server.delete(key)


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
