"""The public shell: language prefixes, detection, switcher, fallbacks, error pages."""

import pytest
from django.test import Client, override_settings

from shanyraq.spaces.models import Space

pytestmark = pytest.mark.django_db


@pytest.fixture
def center(db):
    from shanyraq.core.roles import sync_roles
    from shanyraq.site import demo

    sync_roles()
    demo.load()


@pytest.mark.parametrize(
    ("header", "prefix"),
    [
        ("kk-KZ,kk;q=0.9", "/kk/"),
        ("ru-RU,ru;q=0.9,en;q=0.5", "/ru/"),
        ("zh-CN,zh;q=0.9", "/zh-hans/"),
        ("de-DE", "/en/"),
    ],
)
def test_root_redirects_by_accept_language(client, header, prefix):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 302
    assert response["Location"] == prefix


@pytest.mark.parametrize("code", ["zh-hans", "en", "kk", "ru"])
def test_home_is_served_in_each_language_with_lang_attribute(center, client, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    assert f'<html lang="{code}">' in response.content.decode()


def test_home_shows_about_text_in_visitor_language(center, client):
    body = client.get("/kk/").content.decode()
    assert "Қазақстанның Бейжіңдегі мәдени орталығы 2025 жылғы 2 қыркүйекте ашылды." in body
    assert "Іздеу" in body  # the UI string, from the Kazakh catalog


def test_language_switcher_stays_on_the_same_page(center, client):
    body = client.get("/en/spaces/felt-studio/").content.decode()
    for code in ["zh-hans", "kk", "ru"]:
        assert f'href="/{code}/spaces/felt-studio/"' in body


def test_missing_translation_falls_back_visibly_with_its_own_lang(center, client):
    Space.objects.filter(slug="felt-studio").update(name_kk="", description_kk="")
    body = client.get("/kk/spaces/felt-studio/").content.decode()
    assert '<span lang="ru" class="fallback">Мастерская войлока</span>' in body
    assert '<div lang="ru">' in body


def test_storage_is_never_shown_to_visitors(center, client):
    assert client.get("/en/spaces/storage/").status_code == 404
    assert "Storage" not in client.get("/en/spaces/").content.decode().replace("Storage rooms", "")


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("zh-hans", "页面未找到"),
        ("en", "Page not found"),
        ("kk", "Бет табылмады"),
        ("ru", "Страница не найдена"),
    ],
)
def test_404_page_in_four_languages(client, code, text):
    response = client.get(f"/{code}/no-such-page/")
    assert response.status_code == 404
    assert text in response.content.decode()


@override_settings(DEBUG=False, ROOT_URLCONF="shanyraq.site.tests.urls_failing")
@pytest.mark.parametrize(
    ("code", "text"), [("kk", "Бірдеңе дұрыс болмады"), ("zh-hans", "出错了"), ("ru", "Что-то пошло не так")]
)
def test_500_page_in_the_visitor_language(db, code, text):
    client = Client(raise_request_exception=False)
    response = client.get(f"/{code}/boom/")
    assert response.status_code == 500
    assert text in response.content.decode()
    assert f'<html lang="{code}">' in response.content.decode()


def test_staff_root_asks_for_sign_in(client):
    response = client.get("/staff/")
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert follow.status_code == 302
    assert "/staff/login/" in follow["Location"]


def test_staff_sign_in_with_demo_login_reaches_dashboard(center, client):
    response = client.post("/en/staff/login/", {"username": "curator", "password": "shanyraq-demo"})
    assert response.status_code == 302
    assert client.get("/en/staff/").status_code == 200


def test_wrong_password_gives_translated_error_and_no_session(center, client):
    response = client.post("/ru/staff/login/", {"username": "curator", "password": "wrong"})
    assert response.status_code == 200
    assert "Имя для входа и пароль не совпадают" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_search_page_finds_a_space_and_links_in_the_visitor_language(center, client):
    from shanyraq.search.services import reindex_all

    reindex_all()
    body = client.get("/ru/search/", {"q": "войлок"}).content.decode()
    assert 'href="/ru/spaces/felt-studio/"' in body


def test_security_headers_are_set(client):
    response = client.get("/en/no-such/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_search_results_say_what_kind_each_hit_is_and_filter_by_kind(center, client):
    from shanyraq.search.services import reindex_all

    reindex_all()
    body = client.get("/zh-hans/search/", {"q": "studio"}).content.decode()
    assert '<span class="meta">空间</span>' in body
    assert (
        client.get("/en/search/", {"q": "studio", "kind": "record"}).content.decode().count('class="result ')
        == 0
    )
