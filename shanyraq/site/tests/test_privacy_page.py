"""The privacy notice: one page per language, linked from every page's footer, with the figures
the code actually applies."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

EXPECTED = {
    "en": ("Privacy notice", "a book 30 days after it is returned", "kept for 28 days and then deleted"),
    "zh-hans": ("隐私声明", "预约结束 30 天后", "保存 28 天后删除"),
    "kk": ("Құпиялылық туралы хабарлама", "30 күн өткен соң", "28 күн сақталып"),
    "ru": ("Уведомление о конфиденциальности", "Через 30 дней после возврата", "хранятся 28 дней"),
}


@pytest.mark.parametrize("lang", EXPECTED)
def test_privacy_page_says_what_is_kept_and_how_long_in_each_language(client, lang):
    with translation.override(lang):
        url = reverse("site:privacy")
        home = reverse("site:home")
    page = client.get(url).content.decode()
    title, loans, backups = EXPECTED[lang]
    assert f"<h1>{title}</h1>" in page
    assert loans in page and backups in page
    assert f'href="/{lang}/library/account/"' in page
    assert f'<a href="{url}">{title}</a>' in client.get(home).content.decode()


def test_privacy_page_shows_the_configured_periods(client, settings):
    settings.LIBRARY_LOAN_HISTORY_DAYS = 1
    settings.BACKUP_KEEP_WEEKLY = 3
    with translation.override("ru"):
        page = client.get(reverse("site:privacy")).content.decode()
    assert "Через 1 день после возврата" in page
    assert "хранятся 21 день" in page
